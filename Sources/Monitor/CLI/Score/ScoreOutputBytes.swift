import ReputationCore

/// The fixed pieces of an output line as static strings: appended straight from the binary's constant data,
/// where arrays (the former form) were retained and released at every append, 14 times a line.
enum ScoreOutputBytes {
    static func label(_ label: Sentiment.Label) -> StaticString {
        switch label {
        case .negative: "neg"
        case .neutral: "neu"
        case .positive: "pos"
        }
    }

    static func intent(_ intent: Intent) -> StaticString {
        switch intent {
        case .complaint: #""complaint""#
        case .question: #""question""#
        case .praise: #""praise""#
        case .press: #""press""#
        case .other: #""other""#
        }
    }

    static let idKey: StaticString = #"{"id":"#
    static let labelKey: StaticString = #","label":""#
    static let scoreKey: StaticString = #"","score":"#
    static let langKey: StaticString = #","lang":"#
    static let termsKey: StaticString = #","terms":["#
    static let textKey: StaticString = #"{"text":"#
    static let weightKey: StaticString = #","weight":"#
    static let intentKey: StaticString = #"],"intent":"#
    static let categoriesKey: StaticString = #","categories":["#
    static let questionTrue: StaticString = #"],"question":true"#
    static let questionFalse: StaticString = #"],"question":false"#
    static let privateDataKey: StaticString = #","private_data":["#
    static let kindKey: StaticString = #"{"kind":"#
    static let redactedKey: StaticString = #","redacted":"#
    static let lineEnd: StaticString = "}\n"
}
