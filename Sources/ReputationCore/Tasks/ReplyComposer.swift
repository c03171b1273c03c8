/// Writes the suggested first reply for a task: in the post's language, addressed by name, sorry without admitting
/// blame, the next step in the same channel, private details asked for privately (and a private request to take
/// exposed data off the post), the team's hours when it is not 24×7, signed with initials. The variant of each part
/// is chosen from the task id, so wording varies between tasks but is stable for one task.
public enum ReplyComposer {
    public struct Input: Sendable {
        public var taskID: String
        public var section: ReplyTemplates.Section
        public var language: String
        public var author: Author
        public var channel: String
        /// Kinds of private data the post exposed ("phone", "email", …).
        public var exposedData: [String]
        /// Whether to ask for order details privately.
        public var needsDetails: Bool

        public init(
            taskID: String, section: ReplyTemplates.Section, language: String, author: Author, channel: String,
            exposedData: [String] = [], needsDetails: Bool = false
        ) {
            self.taskID = taskID
            self.section = section
            self.language = language
            self.author = author
            self.channel = channel
            self.exposedData = exposedData
            self.needsDetails = needsDetails
        }
    }

    public static func reply(_ input: Input, settings: TaskSettings) -> String {
        let templates = settings.templates
        var sections = [input.section]
        if !input.exposedData.isEmpty {
            sections.append(.privateData)
        } else if input.needsDetails {
            sections.append(.privateRequest)
        }
        if !settings.businessHours.isAlwaysOpen { sections.append(.hours) }
        if !settings.signature.isEmpty { sections.append(.signOff) }
        let values = [
            "name": name(of: input.author),
            "initials": settings.signature,
            "hours": settings.businessHours.summary(language: input.language),
            "channel": input.channel,
            "data": dataNames(input.exposedData, language: input.language),
        ]
        let parts = sections.compactMap { section -> String? in
            let variants = templates.variants(section, language: input.language)
            guard !variants.isEmpty else { return nil }
            // High bits: FNV's low bits follow the parity of the input bytes, which would tie the sections' choices.
            let index = Int((StableHash.value(of: input.taskID + "/" + section.rawValue) >> 32) % UInt64(variants.count))
            return fill(variants[index], values)
        }
        return tidy(parts.joined(separator: " "))
    }

    static func name(of author: Author) -> String {
        guard let name = author.displayName?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return "" }
        // A handle is addressed as such ("@ana").
        if author.name == nil || author.name?.isEmpty == true {
            return name.hasPrefix("@") ? name : "@" + name
        }
        // The whole name (a first word alone fails for "Tu Hogar Ideal"), without the bio people append to it
        // ("Lucía Arranz · interiores", "Tom | design notes").
        let cut = name.split(whereSeparator: { "·|•–—(/".contains($0) }).first.map(String.init) ?? name
        let cleaned = cut.trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty ? name : cleaned
    }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        var text = template
        for (key, value) in values { text = text.replacingOccurrences(of: "{\(key)}", with: value) }
        return text
    }

    /// Removes the gaps an empty name leaves ("Hola , lo siento" → "Hola, lo siento"; ", lo siento" at the start).
    static func tidy(_ text: String) -> String {
        var result = text.replacingOccurrences(of: " ,", with: ",").replacingOccurrences(of: " !", with: "!")
        while result.contains("  ") { result = result.replacingOccurrences(of: "  ", with: " ") }
        while let first = result.first, first == "," || first == " " { result.removeFirst() }
        if let first = result.first, first.isLowercase { result = first.uppercased() + result.dropFirst() }
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
