import Foundation
import ReputationCore

/// Mention ids (or (mention, feed) pairs) already recorded, so a post is recorded once however often feeds serve it.
///
/// Bounded by date, not by count: each id keeps the last UTC day a feed served it (`serve`), or the day it was
/// recorded, and `forget(before:)` drops only days older than the feeds' last good polls less a margin: an id goes
/// after a month out of every window. A count bound forgot ids still in a feed's window once the windows held more
/// than the bound, and they came back as new. The post's own date was kept before, then the day it was first
/// recorded: a post dated far back, or one a feed serves for months (a pinned post, a "top" search, a review page),
/// was forgotten the first time one window left it out, and recorded and filed again when it came back.
package struct SeenMentions: Sendable, Codable, Hashable {
    /// Id → day number (days since 1970, UTC); `undated` for ids from a state written before days were kept. Ids are
    /// held as `SeenKey`s: a month of a busy shop is hundreds of thousands of them, and as strings they were most of
    /// a poll's memory.
    private var days: [SeenKey: Int32] = [:]
    /// The feeds named in (mention, feed) pairs, each once; `SeenKey.pair` holds a place in it.
    private var feeds = SeenKey.Feeds()
    static let undated = Int32.min

    package init() {}

    package func contains(_ id: String) -> Bool { feeds.lookUp(id).map { days[$0] != nil } ?? false }

    /// The day remembered for an id, if it is remembered.
    package func day(of id: String) -> Int? {
        guard let key = feeds.lookUp(id), let day = days[key], day != Self.undated else { return nil }
        return Int(day)
    }

    /// A feed serves the id at `date`: remembered from that day (the later of it and the day kept); returns true
    /// when the id is new.
    @discardableResult
    package mutating func serve(_ id: String, at date: Date) -> Bool {
        let key = feeds.key(id), day = Int32(Self.day(date))
        guard let kept = days[key] else {
            days[key] = day
            return true
        }
        if kept < day { days[key] = day }
        return false
    }

    /// Returns false when the id was already there (its day is then left as it was).
    @discardableResult
    package mutating func insert(_ id: String, recordedAt: Date) -> Bool {
        insert(id, day: Int32(Self.day(recordedAt)))
    }

    @discardableResult
    private mutating func insert(_ id: String, day: Int32) -> Bool {
        let key = feeds.key(id)
        guard days[key] == nil else { return false }
        days[key] = day
        return true
    }

    package var count: Int { days.count }

    /// Forgets ids whose day is before `horizon`'s; returns how many went. Undated ids are kept.
    @discardableResult
    package mutating func forget(before horizon: Date) -> Int {
        let limit = Int32(Self.day(horizon))
        // Most polls have nothing to forget: look before rebuilding the table.
        guard days.values.contains(where: { $0 != Self.undated && $0 < limit }) else { return 0 }
        let before = days.count
        days = days.filter { $0.value == Self.undated || $0.value >= limit }
        return before - days.count
    }

    /// Gives ids carried over from a state without days the day `now`, so they age out like the others.
    package mutating func dateUndated(as now: Date) {
        let today = Int32(Self.day(now))
        for (id, day) in days where day == Self.undated { days[id] = today }
    }

    /// The same ids with the same days, whatever order the feeds of pairs were first met in.
    package static func == (lhs: SeenMentions, rhs: SeenMentions) -> Bool {
        lhs.days.count == rhs.days.count && lhs.days.allSatisfy { key, day in
            rhs.feeds.lookUp(lhs.feeds.text(of: key)).map { rhs.days[$0] == day } ?? false
        }
    }

    package func hash(into hasher: inout Hasher) { hasher.combine(days.count) }

    /// A date's day number, bounded so absurd dates cannot trap.
    package static func day(_ date: Date) -> Int {
        let value = (date.timeIntervalSince1970 / 86_400).rounded(.down)
        return value.isFinite ? Int(max(-1e9, min(1e9, value))) : 0
    }

    // MARK: file form

    /// `{"days": {"2026-11-23": {…}}}`, each day a `SeenDay`; a state from before reads a day as a list of ids, or
    /// `{"order": [ids…]}` (undated).
    enum CodingKeys: String, CodingKey { case days, order }

    package init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.days) {
            let byDay = try container.nestedContainer(keyedBy: DayName.self, forKey: .days)
            var packed: [(SeenDay, Int32)] = []
            for name in byDay.allKeys {
                guard let date = ISOTime.parse(name.stringValue + "T00:00:00Z") else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .days, in: container, debugDescription: "not a day: \(name.stringValue)")
                }
                let day = Int32(Self.day(date))
                if let list = try? byDay.decode([String].self, forKey: name) {
                    for id in list { insert(id, day: day) }
                } else {
                    packed.append((try byDay.decode(SeenDay.self, forKey: name), day))
                }
            }
            // A month of ids: the table sized once instead of grown a dozen times.
            days.reserveCapacity(days.count + packed.reduce(0) { $0 + $1.0.count })
            for (seen, day) in packed { insert(seen, day: day) }
        }
        for id in try container.decodeIfPresent([String].self, forKey: .order) ?? [] { insert(id, day: Self.undated) }
    }

    private mutating func insert(_ seen: SeenDay, day: Int32) {
        for value in seen.ids where days[.id(value)] == nil { days[.id(value)] = day }
        for value in seen.hex where days[.hex(value)] == nil { days[.hex(value)] = day }
        for (feed, values) in seen.pairs {
            let place = feeds.place(feed)
            for value in values where days[.pair(value, feed: place)] == nil { days[.pair(value, feed: place)] = day }
        }
        for text in seen.texts { insert(text, day: day) }
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var byDay: [Int32: SeenDay] = [:]
        var undated: [String] = []
        for (key, day) in days {
            guard day != Self.undated else {
                undated.append(feeds.text(of: key))
                continue
            }
            switch key {
            case .id(let value): byDay[day, default: SeenDay()].ids.append(value)
            case .hex(let value): byDay[day, default: SeenDay()].hex.append(value)
            case .pair(let value, let feed): byDay[day, default: SeenDay()].pairs[feeds.name(feed), default: []].append(value)
            case .text(let text): byDay[day, default: SeenDay()].texts.append(text)
            }
        }
        if !undated.isEmpty {
            // Only before the first poll dates them (`dateUndated`); kept in the old form so nothing is lost.
            try container.encode(undated.sorted(), forKey: .order)
        }
        var named: [String: SeenDay] = [:]
        for (day, var seen) in byDay {
            seen.sort()
            named[Self.name(ofDay: Int(day))] = seen
        }
        try container.encode(named, forKey: .days)
    }

    private struct DayName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private static func name(ofDay day: Int) -> String {
        String(ISOTime.format(Date(timeIntervalSince1970: Double(day) * 86_400)).prefix(10))
    }
}
