import Foundation

/// Mention ids already recorded, so a post is recorded once however often feeds serve it. Bounded: the oldest
/// ids are forgotten past `capacity` (feeds serve recent items; an id that old will not come back).
public struct SeenMentions: Sendable, Codable, Hashable {
    public private(set) var order: [String] = []
    private var members: Set<String> = []
    public var capacity = 200_000

    public init() {}

    public func contains(_ id: String) -> Bool { members.contains(id) }

    /// Returns false when the id was already there.
    @discardableResult
    public mutating func insert(_ id: String) -> Bool {
        guard members.insert(id).inserted else { return false }
        order.append(id)
        if order.count > capacity + capacity / 10 {
            let excess = order.count - capacity
            for old in order.prefix(excess) { members.remove(old) }
            order.removeFirst(excess)
        }
        return true
    }

    public var count: Int { order.count }

    enum CodingKeys: String, CodingKey { case order }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        order = try container.decode([String].self, forKey: .order)
        members = Set(order)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(order, forKey: .order)
    }
}
