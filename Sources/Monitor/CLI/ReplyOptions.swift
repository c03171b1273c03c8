/// `vigia reply ID [--text TEXT | --variant N] [--private] [--send] [--by NAME]`, or `vigia reply [ID] --recover`.
package struct ReplyOptions: Sendable, Equatable {
    package var id: String?
    package var text: String?
    package var variant: Int?
    package var wantsPrivate = false
    package var send = false
    package var by: String?
    package var recover = false

    package init(id: String?, text: String? = nil, variant: Int? = nil, wantsPrivate: Bool = false, send: Bool = false,
                 by: String? = nil, recover: Bool = false) {
        self.id = id
        self.text = text
        self.variant = variant
        self.wantsPrivate = wantsPrivate
        self.send = send
        self.by = by
        self.recover = recover
    }

    init(values: [String: String], positionals: [String]) throws(UsageError) {
        id = positionals.first
        text = values["text"]
        by = values["by"]
        wantsPrivate = values["private"] != nil
        send = values["send"] != nil
        recover = values["recover"] != nil
        if let number = values["variant"] {
            guard let value = Int(number), (1...99).contains(value) else {
                throw UsageError("--variant '\(number)' is not a variant number (1 to 99)", command: "reply")
            }
            variant = value
        }
        if text != nil, variant != nil { throw UsageError("choose one of --text and --variant", command: "reply") }
        if let text, text.allSatisfy(\.isWhitespace) { throw UsageError("--text is empty", command: "reply") }
        if recover {
            guard text == nil, variant == nil, !wantsPrivate, !send else {
                throw UsageError("--recover only records interrupted replies: it takes no --text, --variant, --private or --send",
                                 command: "reply")
            }
        } else if id == nil {
            throw UsageError("usage: vigia reply ID [--text TEXT | --variant N] [--private] [--send] (or vigia reply --recover)",
                             command: "reply")
        }
    }
}
