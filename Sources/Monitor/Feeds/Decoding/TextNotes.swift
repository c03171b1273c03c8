/// Counts what text conversion had to fix, so a decode can report it once instead of per field.
struct TextNotes {
    var truncatedFields = 0
    var repairedFields = 0

    mutating func take(_ result: PlainText.Result) -> String {
        if result.truncated { truncatedFields += 1 }
        if result.repaired { repairedFields += 1 }
        return result.text
    }

    var problems: [String] {
        var problems: [String] = []
        if truncatedFields > 0 {
            problems.append("\(truncatedFields) text field(s) cut at \(PlainText.maxFieldBytes / 1024) KiB")
        }
        if repairedFields > 0 {
            problems.append("\(repairedFields) text field(s) had invalid UTF-8 (replaced with U+FFFD)")
        }
        return problems
    }
}
