import Foundation

/// The ids of `vigia ack --from FILE`: one a line, blank lines and `#` comments skipped, surrounding spaces trimmed,
/// so a list pasted from `vigia alerts` or cut from a spreadsheet column works as it is. "-" reads stdin.
enum TaskIDList {
    static func read(_ path: String, standardInput: FileHandle) throws(UsageError) -> [String] {
        let data: Data
        if path == "-" {
            data = standardInput.readDataToEndOfFile()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw UsageError("--from \(path): cannot read the id list (\(error.localizedDescription))")
            }
        }
        return parse(String(decoding: data, as: UTF8.self))
    }

    static func parse(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let id = line.trimmingCharacters(in: .whitespaces)
            return id.isEmpty || id.hasPrefix("#") ? nil : id
        }
    }
}
