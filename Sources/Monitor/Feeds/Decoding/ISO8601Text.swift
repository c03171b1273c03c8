import Foundation

/// ISO 8601 / W3C-DTF / RFC 3339 dates as feeds write them: calendar (`2003-12-31`, `20031231`, `2003-12`,
/// `2003`), ordinal (`2003-335`, `2003335`), week (`2004-W53-6`, `2004W536`) and two-digit-year (`03-12-31`,
/// `031231`, `-03-12`, `-0312`, `03335`) dates, then optionally `T` or a space, a time (`10:14`, `10:14:55`,
/// `101455`, with a fraction) and a zone (`Z`, `+08:00`, `-0800`, `+08`, or an RFC 822 zone name). Anything
/// out of range or left over makes the whole date unreadable: a wrong date would make a wrong deadline.
enum ISO8601Text {
    /// Whether `s` is written the ISO way: its date part (up to `T` or a space) is digits, `-` and `W` only.
    static func looksLikeISO(_ s: [UInt8]) -> Bool {
        let datePart = s.prefix { $0 != 0x20 && $0 | 0x20 != UInt8(ascii: "t") }
        guard let first = datePart.first, FeedDate.isDigit(first) || first == UInt8(ascii: "-") else { return false }
        guard datePart.allSatisfy({ FeedDate.isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "W") })
        else { return false }
        return datePart.contains(UInt8(ascii: "-")) || datePart.count >= 4
    }

    static func date(_ s: [UInt8]) -> Date? {
        let split = s.firstIndex { $0 == 0x20 || $0 | 0x20 == UInt8(ascii: "t") } ?? s.endIndex
        guard let day = calendarDay(s[..<split]) else { return nil }
        var seconds = 0.0
        var offset = 0
        if split < s.endIndex {
            guard let time = timeOfDay(s[(split + 1)...]) else { return nil }
            (seconds, offset) = time
        }
        return FeedDate.make(year: day.year, month: day.month, day: day.day, seconds: seconds, offset: offset)
    }

    // MARK: Date part

    private typealias Day = (year: Int, month: Int, day: Int)

    private static func calendarDay(_ s: ArraySlice<UInt8>) -> Day? {
        let parts = s.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count <= 4 else { return nil }
        if parts.first?.isEmpty == true { return twoDigitYearLeadingHyphen(Array(parts.dropFirst())) }
        if let week = parts.firstIndex(where: { $0.contains(UInt8(ascii: "W")) }) { return weekDay(parts, week) }
        guard parts.allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy(FeedDate.isDigit) }) else { return nil }
        let n = parts.map(number)
        // The part widths as one number, e.g. 422 for 2003-12-31.
        switch parts.reduce(0, { $0 * 10 + $1.count }) {
        case 4: return (n[0], 1, 1)
        case 5: return ordinal(FeedDate.fullYear(n[0] / 1000), n[0] % 1000)  // YYDDD
        case 6: return (FeedDate.fullYear(n[0] / 10000), n[0] / 100 % 100, n[0] % 100)  // YYMMDD
        case 7: return ordinal(n[0] / 1000, n[0] % 1000)  // YYYYDDD
        case 8: return (n[0] / 10000, n[0] / 100 % 100, n[0] % 100)  // YYYYMMDD
        case 42: return (n[0], n[1], 1)
        case 43: return ordinal(n[0], n[1])
        case 422: return (n[0], n[1], n[2])
        case 432 where n[1] <= 12: return (n[0], n[1], n[2])  // "2003-012-31": a zero-padded month
        case 222: return (FeedDate.fullYear(n[0]), n[1], n[2])
        case 23: return ordinal(FeedDate.fullYear(n[0]), n[1])
        default: return nil
        }
    }

    /// `-YYMM`, `-YY-MM` (feedparser's two-digit year and month forms).
    private static func twoDigitYearLeadingHyphen(_ parts: [ArraySlice<UInt8>]) -> Day? {
        guard parts.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(FeedDate.isDigit) }) else { return nil }
        switch parts.reduce(0, { $0 * 10 + $1.count }) {
        case 4: return (FeedDate.fullYear(number(parts[0]) / 100), number(parts[0]) % 100, 1)
        case 22: return (FeedDate.fullYear(number(parts[0])), number(parts[1]), 1)
        default: return nil
        }
    }

    /// `2004-W53-6`, `2004-W53` (Monday), `2004W536`: ISO weeks start on Monday; week 1 holds January 4th.
    private static func weekDay(_ parts: [ArraySlice<UInt8>], _ index: Int) -> Day? {
        guard index <= 1 else { return nil }
        var digits = Array(parts[index].dropFirst())
        var yearPart = index == 1 ? Array(parts[0]) : []
        if index == 0 {  // compact: YYYYWwwD
            let all = parts[0]
            guard let w = all.firstIndex(of: UInt8(ascii: "W")) else { return nil }
            yearPart = Array(all[..<w])
            digits = Array(all[(w + 1)...])
        }
        if index + 1 < parts.count { digits += parts[index + 1] }
        guard yearPart.count == 4, yearPart.allSatisfy(FeedDate.isDigit), digits.count == 2 || digits.count == 3,
            digits.allSatisfy(FeedDate.isDigit), index + 2 >= parts.count
        else { return nil }
        let year = number(yearPart[...])
        let week = number(digits[0..<2])
        let weekday = digits.count == 3 ? Int(digits[2] - 48) : 1
        guard (1...53).contains(week), (1...7).contains(weekday) else { return nil }
        // Day-of-year of the week's day: ISO 8601's rule, with January 4th's weekday (1 = Monday).
        let january4 = FeedDate.weekday(year: year, month: 1, day: 4)
        return ordinal(year, week * 7 + weekday - (january4 + 3), allowOutside: true)
    }

    /// Day `dayOfYear` of `year` (1 = January 1st); outside the year only for week dates, which may spill over.
    private static func ordinal(_ year: Int, _ dayOfYear: Int, allowOutside: Bool = false) -> Day? {
        let length = FeedDate.isLeap(year) ? 366 : 365
        guard allowOutside || (1...length).contains(dayOfYear) else { return nil }
        var (year, remaining) = (year, dayOfYear)
        while remaining < 1 {
            year -= 1
            remaining += FeedDate.isLeap(year) ? 366 : 365
        }
        while remaining > (FeedDate.isLeap(year) ? 366 : 365) {
            remaining -= FeedDate.isLeap(year) ? 366 : 365
            year += 1
        }
        var month = 1
        while remaining > FeedDate.daysIn(month: month, year: year) {
            remaining -= FeedDate.daysIn(month: month, year: year)
            month += 1
        }
        return (year, month, remaining)
    }

    // MARK: Time part

    /// `hh:mm[:ss[.fff]]` or `hhmm[ss[.fff]]`, then spaces and a zone: seconds into the day and east of UTC.
    private static func timeOfDay(_ s: ArraySlice<UInt8>) -> (Double, Int)? {
        var i = s.startIndex
        func digits(_ count: Int) -> Int? {
            guard s.distance(from: i, to: s.endIndex) >= count,
                s[i..<(i + count)].allSatisfy(FeedDate.isDigit)
            else { return nil }
            defer { i += count }
            return number(s[i..<(i + count)])
        }
        func skip(_ byte: UInt8) -> Bool {
            guard i < s.endIndex, s[i] == byte else { return false }
            i += 1
            return true
        }
        guard let hour = digits(2) else { return nil }
        let colon = skip(UInt8(ascii: ":"))
        guard let minute = digits(2) else { return nil }
        var second = 0.0
        if colon ? skip(UInt8(ascii: ":")) : (i < s.endIndex && FeedDate.isDigit(s[i])) {
            guard let whole = digits(2) else { return nil }
            second = Double(whole)
        }
        if skip(UInt8(ascii: ".")) || skip(UInt8(ascii: ",")) {
            var scale = 0.1
            while i < s.endIndex, FeedDate.isDigit(s[i]) {
                second += Double(s[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        guard hour < 24 || (hour == 24 && minute == 0 && second == 0), minute < 60, second < 61 else { return nil }
        while i < s.endIndex, s[i] == 0x20 { i += 1 }
        guard let offset = zone(s[i...]) else { return nil }
        return (Double(hour * 3600 + minute * 60) + second, offset)
    }

    /// Nothing (UTC), `Z`, a numeric zone, or a zone name (`GMT`, `EST`): seconds east of UTC; nil for anything else.
    private static func zone(_ s: ArraySlice<UInt8>) -> Int? {
        guard let first = s.first else { return 0 }
        if s.count == 1, first | 0x20 == UInt8(ascii: "z") { return 0 }
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { return LooseDateFields.strictNumericZone(s) }
        return LooseDateFields.namedZones[String(decoding: s, as: UTF8.self).lowercased()].map { $0 * 3600 }
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 - 48) }
    }
}
