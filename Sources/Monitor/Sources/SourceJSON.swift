import Foundation

/// A network's JSON answer, read by the feed decoders' own parser (bounded, repairs bad UTF-8).
enum SourceJSON {
    static func parse(_ body: Data, network: String) throws(SourceFailure) -> JSONValue {
        guard !body.isEmpty else { throw .unexpected("\(network): empty answer where JSON was expected") }
        do {
            let converted = try TextEncoding.utf8(body, contentType: "application/json")
            return try converted.bytes.withUnsafeBufferPointer { (p) throws(DecodeError) -> JSONValue in
                var parser = JSONParser(p)
                return try parser.parseDocument().value
            }
        } catch {
            throw .unexpected("\(network): answer is not JSON (\(error.description))")
        }
    }

    /// A request body (a reply, a message) as compact JSON. The bodies are strings and nested structs only, so
    /// encoding cannot fail.
    static func encode(_ body: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)) ?? Data("{}".utf8)
    }
}
