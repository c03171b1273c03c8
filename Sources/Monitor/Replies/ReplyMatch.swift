/// Whether a post found on the network is the reply Vigía sent: networks give the text back rendered (Mastodon as
/// HTML with linked mentions, Reddit as Markdown source), so texts are compared by their letters and digits only.
enum ReplyMatch {
    static func same(_ found: String, _ sent: String) -> Bool {
        let a = skeleton(found), b = skeleton(sent)
        return !a.isEmpty && a == b
    }

    static func skeleton(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            .map(Character.init))
    }
}
