extension Crisis {
    /// What a series counts: the whole brand, one channel ("twitter"), or one complaint category ("refund").
    package struct Scope: Sendable, Codable, Hashable, CustomStringConvertible {
        /// "brand", "channel" or "category".
        package var kind: String
        package var name: String

        package init(kind: String, name: String) {
            self.kind = kind
            self.name = name
        }

        package static func brand(_ name: String = "all") -> Scope { Scope(kind: "brand", name: name) }
        package static func channel(_ name: String) -> Scope { Scope(kind: "channel", name: name) }
        package static func category(_ name: String) -> Scope { Scope(kind: "category", name: name) }

        /// "brand", "channel twitter", "category refund": how alerts name the scope.
        package var description: String {
            kind == "brand" ? (name == "all" || name.isEmpty ? "brand" : "brand \(name)") : "\(kind) \(name)"
        }
    }
}
