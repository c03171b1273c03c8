extension Crisis {
    /// What a series counts: the whole brand, one channel ("twitter"), or one complaint category ("refund").
    public struct Scope: Sendable, Codable, Hashable, CustomStringConvertible {
        /// "brand", "channel" or "category".
        public var kind: String
        public var name: String

        public init(kind: String, name: String) {
            self.kind = kind
            self.name = name
        }

        public static func brand(_ name: String = "all") -> Scope { Scope(kind: "brand", name: name) }
        public static func channel(_ name: String) -> Scope { Scope(kind: "channel", name: name) }
        public static func category(_ name: String) -> Scope { Scope(kind: "category", name: name) }

        /// "brand", "channel twitter", "category refund": how alerts name the scope.
        public var description: String {
            kind == "brand" ? (name == "all" || name.isEmpty ? "brand" : "brand \(name)") : "\(kind) \(name)"
        }
    }
}
