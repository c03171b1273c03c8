import Foundation

/// How source kinds read their keys: credentials only as `${NAME}` (never written in a file), base addresses
/// as https (plain http only to this machine, for tests and local proxies).
extension ConfigObject {
    /// A credential: the whole value must be `${NAME}`, and NAME set. Kept as the template; expanded per poll.
    func secret(_ key: String, environment: [String: String], required: Bool) throws(ConfigError) -> String? {
        guard let value = try string(key) else {
            if required { throw .missing(file: file, key: keyPath(key), expected: "${NAME} of an environment variable") }
            return nil
        }
        let variables = EnvironmentExpansion.variables(in: value)
        guard variables.count == 1, value == "${\(variables[0])}", !variables[0].isEmpty else {
            throw .invalid(
                file: file, key: keyPath(key),
                expected: "${NAME}: credentials come from the environment, never from this file", found: "another value")
        }
        guard environment[variables[0]] != nil else {
            throw .missingEnvironment(file: file, key: keyPath(key), variable: variables[0])
        }
        return value
    }

    /// A plain setting that may still name `${NAME}` (an account name kept out of the file), expanded now.
    func setting(_ key: String, environment: [String: String], required: Bool, expected: String) throws(ConfigError) -> String? {
        let value = required ? try requiredString(key, expected) : try string(key)
        guard let value else { return nil }
        for variable in EnvironmentExpansion.variables(in: value) where environment[variable] == nil {
            throw .missingEnvironment(file: file, key: keyPath(key), variable: variable)
        }
        let expanded = EnvironmentExpansion.expand(value, environment: environment)
        guard expanded.count <= 2048, !expanded.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw .invalid(file: file, key: keyPath(key), expected: expected + " on one line, at most 2 KiB", found: "more")
        }
        return expanded
    }

    /// A base address: `https://host[:port][/path]`, or `http://` to 127.0.0.1/localhost/::1 only (a token
    /// must not cross a network in clear). `schemes` widens it (IMAP's `imaps`/`imap`).
    func address(
        _ key: String, default fallback: String?, secure: [String] = ["https"], plain: [String] = ["http"]
    ) throws(ConfigError) -> URL {
        let text = try string(key) ?? fallback
        guard let text else { throw .missing(file: file, key: keyPath(key), expected: "the server's address") }
        let expected = "\(secure.first ?? "https")://host (\(plain.first ?? "http")://127.0.0.1:PORT for tests)"
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(),
            !host.isEmpty, url.user == nil, url.password == nil, url.query == nil
        else { throw .invalid(file: file, key: keyPath(key), expected: expected, found: "\"\(text.prefix(100))\"") }
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        guard secure.contains(scheme) || (plain.contains(scheme) && loopback) else {
            throw .invalid(file: file, key: keyPath(key), expected: expected, found: "\"\(text.prefix(100))\"")
        }
        return url
    }

    /// A list of short words (hashtags, subreddits), each checked by `valid`.
    func words(_ key: String, expected: String, valid: (String) -> Bool) throws(ConfigError) -> [String] {
        let list = try strings(key) ?? []
        guard list.count <= 100 else { throw .invalid(file: file, key: keyPath(key), expected: "at most 100", found: "\(list.count)") }
        for (index, word) in list.enumerated() where !valid(word) {
            throw .invalid(file: file, key: "\(keyPath(key))[\(index)]", expected: expected, found: "\"\(word.prefix(80))\"")
        }
        return list
    }
}

extension URL {
    /// This base address with `path` appended (the base's own path kept: a server under a prefix).
    func appending(apiPath path: String, query: [URLQueryItem] = []) -> URL {
        var components = URLComponents(url: self, resolvingAgainstBaseURL: false) ?? URLComponents()
        let base = components.percentEncodedPath.hasSuffix("/") ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        components.percentEncodedPath = base + path
        components.queryItems = query.isEmpty ? nil : query
        // `+` is a space to form decoders; send it encoded.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url ?? self
    }

    /// Same scheme, host and port: a link a server hands us may carry our token only there.
    func sameOrigin(as other: URL) -> Bool {
        scheme?.lowercased() == other.scheme?.lowercased() && host?.lowercased() == other.host?.lowercased()
            && port == other.port
    }
}
