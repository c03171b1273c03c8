import XCTest
@testable import ReputationCore

/// Issue 13.11: the shared sanitiser drops terminal controls and invisible bidi/zero-width formatting.
final class SafeTextTests: XCTestCase {
    func testControlsAndFormattingGo() {
        XCTAssertEqual(SafeText.line("Ana\u{1B}]0;pwned\u{07}\u{1B}[2J García"), "Ana]0;pwned[2J García")
        XCTAssertEqual(SafeText.line("a\r\nb\nc\u{85}d\u{2028}e\tf"), "a b c d e f")
        XCTAssertEqual(SafeText.line("pay\u{202E}gpj.exe\u{2066}x\u{2069}\u{200B}\u{FEFF}"), "paygpj.exex")
        XCTAssertEqual(SafeText.line("\u{9B}31m red"), "31m red")
        XCTAssertEqual(SafeText.lines("one\r\ntwo\u{1B}[1m\nthree"), "one\ntwo[1m\nthree")
        XCTAssertEqual(SafeText.line("👨\u{200D}👩\u{200D}👧 ok"), "👨\u{200D}👩\u{200D}👧 ok", "joiners stay")
        XCTAssertEqual(SafeText.line("plain text, ñ"), "plain text, ñ")
    }

    func testAURLIsOneToken() {
        XCTAssertEqual(SafeText.url("https://x.com/a\nBcc: victim@example.com"), "https://x.com/aBcc:%20victim@example.com")
        XCTAssertEqual(SafeText.url(" https://x.com/a b\u{1B}[0m "), "https://x.com/a%20b[0m")
    }
}
