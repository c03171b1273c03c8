import Foundation

/// The URL query parameters that only track sharing (`utm_*`, `fbclid`, X's `s` and `t`), by host, read from
/// `tracking-parameters.tsv`. Only these are removed before a URL identifies a post: a parameter that is tracking on
/// one host (`t` on x.com) is the post itself on another (`viewtopic.php?t=101`), so nothing is stripped by name alone.
package struct TrackingParameters: Sendable {
    struct Rule: Sendable {
        /// nil: every host.
        var host: String?
        var name: String
        var isPrefix: Bool
    }

    package static let fileName = "tracking-parameters.tsv"
    private var rules: [Rule] = []

    package init(tables: [RuleTable]) {
        for row in tables.flatMap(\.rows) {
            let host = row.fields[0].lowercased()
            let name = row.fields[1].lowercased()
            rules.append(
                Rule(host: host == "*" ? nil : host, name: name.hasSuffix("*") ? String(name.dropLast()) : name,
                     isPrefix: name.hasSuffix("*")))
        }
    }

    /// The bundled list, extended by the overlay folder's file of the same name.
    package static func load(overlay: URL? = nil) throws(RulesError) -> TrackingParameters {
        TrackingParameters(tables: try RuleFiles.locate(overlay: overlay).tables(fileName, columns: 2...2))
    }

    /// Whether `name` only tracks sharing on `host` (lower-cased, without "www.").
    package func isTracking(_ name: String, host: String) -> Bool {
        let name = name.lowercased()
        return rules.contains { rule in
            guard rule.isPrefix ? name.hasPrefix(rule.name) : name == rule.name else { return false }
            guard let ruleHost = rule.host else { return true }
            return host == ruleHost || host.hasSuffix("." + ruleHost)
        }
    }
}
