import Foundation

/// Numbers as the views print them: thousands grouped, percentages to one decimal at most.
enum ViewNumber {
    /// 25000 → "25,000" (locale-independent, so reports are the same on every machine).
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// 87.5 → "87.5%", 100 → "100%".
    static func percent(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded))%" : String(format: "%.1f%%", rounded)
    }
}
