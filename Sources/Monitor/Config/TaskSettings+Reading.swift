import Foundation
import ReputationCore

extension TaskSettings {
    /// The keys of monitor.json this reads (for the lead's `finish(known:)`).
    package static let configKeys = [
        "policy", "business_hours", "time_zone", "languages", "escalation", "notifiers", "templates", "signature",
    ]

    /// Reads the task keys of monitor.json's root object. Does not call `root.finish()`: the caller owns the root.
    /// Sub-objects are read strictly. `VIGIA_SMTP_URL` overrides the SMTP URL; `VIGIA_SMTP_USER` and
    /// `VIGIA_SMTP_PASSWORD` give credentials (secrets never live in the file).
    package init(reading root: ConfigObject, feedsFolder: URL, environment: [String: String]) throws(ConfigError) {
        self.init()
        let zone = try Self.timeZone(root)
        // The lead validates "languages"; reading it again here is harmless.
        if let first = try root.strings("languages")?.first { language = first }
        if let policy = try root.object("policy") {
            self.policy = try TaskPolicy(reading: policy)
            if let checklist = try policy.strings("crisis_checklist") { crisisChecklist = checklist }
            try policy.finish()
        }
        businessHours = try BusinessHoursReader.read(root, timeZone: zone)
        if let escalation = try root.object("escalation") { ladder = try LadderReader.read(escalation) }
        notifiers = try NotifierReader.read(root.object("notifiers"), file: root.file, environment: environment)
        templates = try TemplateLoader.load(root, feedsFolder: feedsFolder)
        faqs = try FAQLoader.load(feedsFolder: feedsFolder)
        if let signature = try root.string("signature") {
            guard signature.count <= 12, !signature.contains(where: \.isNewline) else {
                throw .invalid(file: root.file, key: "signature", expected: "initials such as \"AG\"", found: "\"\(signature)\"")
            }
            self.signature = signature
        }
        try checkLadderTargets(file: root.file)
    }

    static func timeZone(_ root: ConfigObject) throws(ConfigError) -> TimeZone {
        guard let name = try root.string("time_zone") else { return TimeZone(identifier: "UTC")! }
        guard let zone = TimeZone(identifier: name) else {
            throw .invalid(file: root.file, key: "time_zone", expected: "an IANA time zone such as Europe/Madrid", found: "\"\(name)\"")
        }
        return zone
    }

    /// Every webhook and command a ladder level names must be configured.
    func checkLadderTargets(file: String) throws(ConfigError) {
        let webhookNames = notifiers.webhooks.map(\.name)
        let commandNames = notifiers.commands.map(\.name)
        for (index, level) in ladder.enumerated() {
            for name in level.webhooks where !webhookNames.contains(name) {
                throw .invalid(file: file, key: "escalation.levels[\(index)].webhooks", expected: "a webhook named in notifiers.webhooks (\(webhookNames.joined(separator: ", ")))", found: "\"\(name)\"")
            }
            for name in level.commands where !commandNames.contains(name) {
                throw .invalid(file: file, key: "escalation.levels[\(index)].commands", expected: "a command named in notifiers.commands (\(commandNames.joined(separator: ", ")))", found: "\"\(name)\"")
            }
        }
    }
}

extension TaskPolicy {
    /// `policy`: {"crisis": "15m", "urgent": "1h", "complaint": "30m", "negative": "24h", "question": "24h",
    /// "praise": "24h", "press": "4h", "high_reach": 10000, "warn_before": "10m"}.
    init(reading object: ConfigObject) throws(ConfigError) {
        self.init()
        crisis = try positive(object, "crisis") ?? crisis
        urgent = try positive(object, "urgent") ?? urgent
        complaint = try positive(object, "complaint") ?? complaint
        negative = try positive(object, "negative") ?? negative
        question = try positive(object, "question") ?? question
        praise = try positive(object, "praise") ?? praise
        press = try positive(object, "press") ?? press
        highReach = try object.int("high_reach", in: 1...1_000_000_000) ?? highReach
        warnBefore = try object.duration("warn_before", in: 0...7 * 86_400) ?? warnBefore
    }

    /// A deadline: at least a minute, at most a year.
    private func positive(_ object: ConfigObject, _ key: String) throws(ConfigError) -> TimeInterval? {
        try object.duration(key, in: 60...365 * 86_400)
    }
}
