import Foundation

/// Durations as people write them in configuration and on the command line: "45s", "30m", "1h", "2d", "1h30m".
package enum DurationText {
    package static func seconds(parsing text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return nil }
        if let plain = Double(trimmed), plain >= 0, plain.isFinite { return plain }
        var total: TimeInterval = 0
        var digits = ""
        for character in trimmed {
            if character.isNumber || character == "." {
                digits.append(character)
                continue
            }
            guard let amount = Double(digits), let unit = unitSeconds[character] else { return nil }
            total += amount * unit
            digits = ""
        }
        guard digits.isEmpty, total.isFinite else { return nil }
        return total
    }

    /// "1h 5m", "30m", "45s": the largest two units. Total: beyond ten thousand years (or not finite) it says so
    /// instead of trapping on the conversion to a whole number.
    package static func describe(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, abs(seconds) < 3e11 else { return "more than 10000y" }
        var rest = Int(abs(seconds).rounded())
        let days = rest / 86_400
        rest %= 86_400
        let hours = rest / 3600
        rest %= 3600
        let minutes = rest / 60
        let secs = rest % 60
        let parts = [(days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")].filter { $0.0 > 0 }.prefix(2)
        return parts.isEmpty ? "0s" : parts.map { "\($0.0)\($0.1)" }.joined(separator: " ")
    }

    /// "10s to 30d": the bounds of a setting, for error messages.
    package static func describe(range: ClosedRange<TimeInterval>) -> String {
        "\(describe(range.lowerBound)) to \(describe(range.upperBound))"
    }

    private static let unitSeconds: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
}
