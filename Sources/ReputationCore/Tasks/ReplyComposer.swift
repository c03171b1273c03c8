/// Writes the suggested first reply for a task, in the post's language, greeted as the channel does (u/name,
/// @handle, the display name; sanitised), by what the post is:
/// - a complaint: sorry without admitting blame, the category's real next step, order details asked privately;
/// - a question: the FAQ's answer, or "we'll find out and write back";
/// - praise: thanks; press: thanks and the press contact, no apology, no order number;
/// then a private request to take exposed data off the post, the team's hours when it is not 24×7, and initials.
/// The variant of each part is chosen from the task id, so wording varies between tasks but is stable for one.
package enum ReplyComposer {
    package struct Input: Sendable {
        package var taskID: String
        package var section: ReplyTemplates.Section
        package var language: String
        package var author: Author
        package var channel: String
        /// Kinds of private data the post exposed ("phone", "email", …).
        package var exposedData: [String]
        /// Whether to ask for order details privately.
        package var needsDetails: Bool
        /// The categories the post complains or asks about: the first with a written next step gives it.
        package var categories: [String]
        /// The post, for the FAQ (questions).
        package var text: String
        /// The wording to use, counted from 1 (`vigia reply --variant N`): the N-th variant of every part, wrapping
        /// round a part with fewer. Nil: chosen from the task id, as filed.
        package var variant: Int?
        /// Parts left out to fit a short channel (`fitting`): the team's hours, the request for order details.
        package var omitted: Set<ReplyTemplates.Section> = []
        /// Each part in its shortest variant (`fitting`), instead of the one chosen from the task id.
        package var shortest = false

        package init(
            taskID: String, section: ReplyTemplates.Section, language: String, author: Author, channel: String,
            exposedData: [String] = [], needsDetails: Bool = false, categories: [String] = [], text: String = ""
        ) {
            self.taskID = taskID
            self.section = section
            self.language = language
            self.author = author
            self.channel = channel
            self.exposedData = exposedData
            self.needsDetails = needsDetails
            self.categories = categories
            self.text = text
        }

        /// What a reply to this assessed post is made of: how a task is filed, and how `vigia reply --variant`
        /// words it again.
        package init(taskID: String, assessed: AssessedMention) {
            let mention = assessed.mention
            self.init(
                taskID: taskID, section: Prioritizer.section(assessed), language: assessed.sentiment.language,
                author: mention.author, channel: mention.channel, exposedData: assessed.triage.privateData.map(\.kind),
                needsDetails: assessed.triage.isComplaint, categories: assessed.triage.categories,
                text: mention.fullText)
        }
    }

    package static func reply(_ input: Input, settings: TaskSettings) -> String {
        let templates = settings.templates
        let values = [
            "name": ReplyName.greeting(for: input.author, channel: input.channel),
            "initials": settings.signature,
            "hours": settings.businessHours.summary(language: input.language),
            "channel": input.channel,
            "data": dataNames(input.exposedData, language: input.language),
        ]
        func pick(_ variants: [String], _ key: String) -> String? {
            guard !variants.isEmpty else { return nil }
            if input.shortest, let short = variants.map({ fill($0, values) }).min(by: { $0.count < $1.count }) { return short }
            if let variant = input.variant { return fill(variants[(max(variant, 1) - 1) % variants.count], values) }
            // High bits: FNV's low bits follow the parity of the input bytes, which would tie the sections' choices.
            let index = Int((StableHash.value(of: input.taskID + "/" + key) >> 32) % UInt64(variants.count))
            return fill(variants[index], values)
        }
        var parts: [String?] = [pick(templates.variants(input.section, language: input.language), input.section.rawValue)]
        parts += body(input, settings: settings).map { part in
            switch part {
            case .section(let section): pick(templates.variants(section, language: input.language), section.rawValue)
            case .nextStep(let category):
                pick(templates.nextSteps(category, language: input.language), "next_step:" + category)
            case .answer(let text): fill(text, values)
            }
        }
        return tidy(parts.compactMap { $0 }.joined(separator: " "))
    }

    /// What follows the opening, in order.
    private enum Part {
        case section(ReplyTemplates.Section)
        case nextStep(String)
        case answer(String)
    }

    private static func body(_ input: Input, settings: TaskSettings) -> [Part] {
        var parts: [Part] = []
        let templates = settings.templates
        switch input.section {
        case .complaint, .comment:
            if let category = input.categories.first(where: { !templates.nextSteps($0, language: input.language).isEmpty }) {
                parts.append(.nextStep(category))
            }
        case .question:
            if let answer = settings.faq(language: input.language).answer(for: input.text) {
                parts.append(.answer(answer))
            } else if let category = input.categories.first(where: {
                !templates.nextSteps($0, language: input.language).isEmpty }) {
                parts.append(.nextStep(category))
            } else {
                parts.append(.section(.unanswered))
            }
        default: break
        }
        if !input.exposedData.isEmpty {
            parts.append(.section(.privateData))
        } else if input.needsDetails {
            parts.append(.section(.privateRequest))
        }
        let answersNow = input.section == .praise || input.section == .press
        if !settings.businessHours.isAlwaysOpen && !answersNow { parts.append(.section(.hours)) }
        if !settings.signature.isEmpty { parts.append(.section(.signOff)) }
        return parts.filter { part in
            guard case .section(let section) = part else { return true }
            return !input.omitted.contains(section)
        }
    }

    /// The reply within `maximum` as `length` counts (Bluesky's 300 graphemes): as composed when it fits, else each
    /// part in its shortest wording, then without the team's hours, then without the request for order details.
    /// The greeting, the next step or answer, a private-data warning and the initials always stay. Nil when even
    /// the shortest does not fit: the caller refuses it with its length, never cuts it.
    package static func fitting(
        _ input: Input, settings: TaskSettings, maximum: Int, length: (String) -> Int
    ) -> String? {
        var attempt = input
        let steps: [(inout Input) -> Void] = [
            { _ in }, { $0.shortest = true }, { $0.omitted.insert(.hours) }, { $0.omitted.insert(.privateRequest) },
        ]
        for step in steps {
            step(&attempt)
            let text = reply(attempt, settings: settings)
            if length(text) <= maximum { return text }
        }
        return nil
    }

    /// Puts each `{key}` of `values` in the template in one pass: a value is inserted as it is, never read for
    /// placeholders itself, and an unknown `{word}` stays as written.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        let bytes = Array(template.utf8)
        guard bytes.contains(UInt8(ascii: "{")) else { return template }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"),
               let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")),
               let value = values[String(decoding: bytes[(index + 1)..<close], as: UTF8.self)] {
                result += value.utf8
                index = close + 1
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Removes the gaps an empty name leaves ("Hola , lo siento" → "Hola, lo siento"; "¡Gracias, !" → "¡Gracias!";
    /// ", lo siento" at the start). Every pattern is ASCII, so it is replaced in the UTF-8 bytes, which never hold
    /// an ASCII byte inside another character.
    static func tidy(_ text: String) -> String {
        var bytes = Array(text.utf8)
        for (pattern, replacement) in tidyRules { bytes = replacing(pattern, with: replacement, in: bytes) }
        // A run of spaces becomes one, as replacing "  " by " " until none is left would leave it.
        bytes = bytes.enumerated().filter { $0.offset == 0 || $0.element != space || bytes[$0.offset - 1] != space }
            .map(\.element)
        let start = bytes.firstIndex { $0 != UInt8(ascii: ",") && $0 != space } ?? bytes.endIndex
        var result = String(decoding: bytes[start...], as: UTF8.self)
        if let first = result.first, first.isLowercase { result = first.uppercased() + result.dropFirst() }
        return result
    }

    private static let space = UInt8(ascii: " ")
    /// In this order: each rule sees what the ones before it left.
    private static let tidyRules: [([UInt8], [UInt8])] = [
        (" ,", ","), (" !", "!"), (",!", "!"), (", .", "."), (",.", "."),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// Every occurrence of `pattern`, left to right and not overlapping, replaced.
    private static func replacing(_ pattern: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= pattern.count else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + pattern.count <= bytes.count, bytes[index] == pattern[0],
               bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                result += replacement
                index += pattern.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    static func dataNames(_ kinds: [String], language: String) -> String {
        let spanish = ["email": "correo", "phone": "teléfono", "order_number": "número de pedido", "card": "tarjeta",
                       "dni": "DNI", "nie": "NIE"]
        let english = ["email": "email address", "phone": "phone number", "order_number": "order number",
                       "card": "card number", "dni": "ID number", "nie": "ID number"]
        let names = language == "es" ? spanish : english
        var seen: [String] = []
        for kind in kinds {
            let name = names[kind] ?? kind
            if !seen.contains(name) { seen.append(name) }
        }
        return seen.joined(separator: language == "es" ? " y " : " and ")
    }
}
