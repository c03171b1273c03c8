import CurlTransport
import Foundation
import ReputationCore

/// `feeds/monitor.json`: brand, languages, time zone, polling limits, crisis settings, rule overlays, and the
/// task settings (SLA policy, business hours, escalation ladder, notifiers, templates). Everything optional.
package struct MonitorSettings: Sendable {
    package struct Brand: Sendable, Hashable {
        package var name: String
        /// The brand's words, handles, hashtags and domains ("Casa Alba", "@casaalba", "#CasaAlba", "casaalba.es"):
        /// what a search, hashtag or general feed without `keywords` keeps (`MentionFilter`). Empty: such feeds
        /// keep every item.
        package var terms: [String]
    }

    package struct Polling: Sendable, Hashable {
        package var maxConcurrent = 32
        package var maxPerHost = 4
        package var connectTimeout: TimeInterval = 10
        package var timeout: TimeInterval = 30
        package var maxBodyBytes = 16 << 20
        /// Consecutive failures after which the operator gets a source-health task.
        package var failuresBeforeAlert = 5
        /// Longest wait after repeated failures.
        package var maxBackoff: TimeInterval = 6 * 3600
        /// A feed silent this many times longer than its usual gap between new items raises a source-health task.
        package var silenceFactor = 8.0
        /// New tasks one feed may file in one poll; beyond it posts are recorded and summed in one flood task.
        package var maxNewTasksPerFeed = FloodCap.defaultCap
        /// PEM certificate authorities to trust for https feeds instead of the system's (a private CA).
        package var caFile: String?
    }

    package var brand = Brand(name: "", terms: [])
    package var languages = ["es", "en"]
    package var timeZone = TimeZone(identifier: "UTC")!
    package var polling = Polling()
    package var crisis = CrisisSettings.default
    /// Folder whose rule files extend the bundled lexicon and categories (default feeds/rules).
    package var rulesOverlay: URL?
    package var tasks = TaskSettings.default
    package var file = "monitor.json"

    package init() {}

    static let keys = ["brand", "languages", "time_zone", "polling", "crisis", "rules"]

    init(reading root: ConfigObject, folder: URL, environment: [String: String]) throws(ConfigError) {
        file = root.file
        if let brand = try root.object("brand") {
            let terms = try brand.strings("terms") ?? []
            guard terms.count <= 1000, terms.allSatisfy({ (1...200).contains($0.count) }) else {
                throw .invalid(file: file, key: "brand.terms", expected: "at most 1000 terms of 1 to 200 characters",
                               found: "\(terms.count) terms, lengths \(terms.map(\.count).min() ?? 0)–\(terms.map(\.count).max() ?? 0)")
            }
            self.brand = Brand(name: try brand.string("name") ?? "", terms: terms)
            try brand.finish()
        }
        if let languages = try root.strings("languages") {
            let known = SentimentRules.languages
            for language in languages where !known.contains(language) {
                throw .invalid(file: file, key: "languages", expected: "\"es\" and/or \"en\" (the languages Vigía has lexicons for)",
                               found: "\"\(language)\"")
            }
            guard !languages.isEmpty, Set(languages).count == languages.count else {
                throw .invalid(file: file, key: "languages", expected: "one or more of \"es\", \"en\", each once",
                               found: languages.isEmpty ? "an empty list" : "\(languages)")
            }
            self.languages = languages
        }
        if let zone = try root.string("time_zone") {
            guard let timeZone = TimeZone(identifier: zone) else {
                throw .invalid(file: file, key: "time_zone", expected: "an IANA time zone such as Europe/Madrid", found: "\"\(zone)\"")
            }
            self.timeZone = timeZone
        }
        if let polling = try root.object("polling") { self.polling = try Polling(reading: polling, folder: folder) }
        if let keys = try root.object("crisis")?.keys, let unknown = keys.first(where: { !CrisisSettings.keys.contains($0) }) {
            throw .unknownKey(file: file, key: "crisis.\(unknown)", suggestion: Suggestion.nearest(to: unknown, among: CrisisSettings.keys))
        }
        if let crisis = try root.decode("crisis", as: CrisisSettings.self) { self.crisis = crisis }
        if let rules = try root.string("rules") {
            rulesOverlay = rules.hasPrefix("/") ? URL(fileURLWithPath: rules) : folder.appendingPathComponent(rules)
        } else {
            rulesOverlay = Self.standardRulesOverlay(in: folder)
        }
        tasks = try TaskSettings(reading: root, feedsFolder: folder, environment: environment)
        try root.finish(known: Self.keys + TaskSettings.configKeys)
    }

    /// The documented default overlay, `feeds/rules/`, when it exists: used with or without a monitor.json.
    static func standardRulesOverlay(in folder: URL) -> URL? {
        let standard = folder.appendingPathComponent("rules")
        return FileManager.default.fileExists(atPath: standard.path) ? standard : nil
    }

    package var transferLimits: TransferLimits {
        var limits = TransferLimits()
        limits.maxConcurrent = polling.maxConcurrent
        limits.maxPerHost = polling.maxPerHost
        limits.connectTimeout = polling.connectTimeout
        limits.totalTimeout = polling.timeout
        limits.maxBodyBytes = polling.maxBodyBytes
        limits.caFile = polling.caFile
        return limits
    }
}

extension MonitorSettings.Polling {
    init(reading object: ConfigObject, folder: URL) throws(ConfigError) {
        maxConcurrent = try object.int("max_concurrent", in: 1...1024) ?? maxConcurrent
        // 4 by default, to be polite to package hosts; an operator polling their own aggregator or bridge (many
        // feeds, one host) may open more.
        maxPerHost = try object.int("max_per_host", in: 1...256) ?? maxPerHost
        connectTimeout = try object.duration("connect_timeout", in: 1...600) ?? connectTimeout
        timeout = try object.duration("timeout", in: 1...3600) ?? timeout
        maxBodyBytes = (try object.int("max_body_mb", in: 1...1024)).map { $0 << 20 } ?? maxBodyBytes
        failuresBeforeAlert = try object.int("failures_before_alert", in: 1...1000) ?? failuresBeforeAlert
        maxBackoff = try object.duration("max_backoff", in: 60...30 * 86_400) ?? maxBackoff
        silenceFactor = try object.double("silence_factor", in: 2...1000) ?? silenceFactor
        maxNewTasksPerFeed = try object.int("max_new_tasks_per_feed", in: 1...100_000) ?? maxNewTasksPerFeed
        if let path = try object.string("ca_file") {
            let resolved = path.hasPrefix("/") ? path : folder.appendingPathComponent(path).path
            guard FileManager.default.isReadableFile(atPath: resolved) else {
                throw .invalid(file: object.file, key: object.keyPath("ca_file"),
                               expected: "a readable PEM file of certificate authorities", found: "\"\(resolved)\"")
            }
            caFile = resolved
        }
        try object.finish()
    }
}
