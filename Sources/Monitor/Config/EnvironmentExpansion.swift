/// `${NAME}` in configuration values, expanded from the environment at run time so secrets stay out of files.
package enum EnvironmentExpansion {
    package static func variables(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            names.append(String(rest[open.upperBound..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    package static func expand(_ text: String, environment: [String: String]) -> String {
        var result = text
        for name in variables(in: text) {
            result = result.replacingOccurrences(of: "${\(name)}", with: environment[name] ?? "")
        }
        return result
    }
}
