/// argv as data, first pass: options (`--x`, `--x=y`, `-h`), their values, positionals, and everything after `--`.
package struct ArgumentTokens: Sendable, Equatable {
    package enum Token: Sendable, Equatable {
        /// `--name` or `--name=value` (the value is attached only in the `=` form).
        case option(name: String, attached: String?)
        case positional(String)
    }

    package var tokens: [Token]

    package init(_ arguments: [String]) {
        var tokens: [Token] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--" {
                tokens += rest.map(Token.positional)
                break
            }
            if argument.hasPrefix("--"), argument.count > 2 {
                let body = argument.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    tokens.append(.option(name: String(body[..<equals]), attached: String(body[body.index(after: equals)...])))
                } else {
                    tokens.append(.option(name: String(body), attached: nil))
                }
            } else if argument == "-h" {
                tokens.append(.option(name: "help", attached: nil))
            } else {
                tokens.append(.positional(argument))
            }
        }
        self.tokens = tokens
    }
}
