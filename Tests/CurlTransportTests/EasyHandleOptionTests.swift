import CurlTransport
import Foundation
import XCTest

/// Every option set on an easy handle is checked, for HTTP and for SMTP alike: one curl refuses (here a string
/// over libcurl's 8 MB input limit) fails the transfer with an error naming the option, before anything is sent.
final class EasyHandleOptionTests: XCTestCase {
    /// Longer than CURL_MAX_INPUT_LENGTH (8,000,000 bytes), which curl_easy_setopt refuses for string options.
    private let oversized = String(repeating: "a", count: 8_000_001)

    func testHTTPNamesTheRefusedOption() throws {
        var limits = TransferLimits()
        limits.userAgent = oversized
        let url = try XCTUnwrap(URL(string: "http://127.0.0.1:9/feed.xml"))
        let results = FeedFetcher(limits: limits).fetchAll([HTTPRequest(url: url)])
        guard case let .option(failedURL, name, reason)? = results.first?.failure else {
            return XCTFail("\(String(describing: results.first))")
        }
        XCTAssertEqual(failedURL, url)
        XCTAssertEqual(name, "CURLOPT_USERAGENT")
        XCTAssertFalse(reason.isEmpty)
        XCTAssertFalse(results[0].failure?.isTemporary ?? true, "a refused option needs a fix, not a retry")
        XCTAssertTrue("\(results[0].failure!)".contains("curl refused CURLOPT_USERAGENT"))
    }

    func testSMTPNamesTheRefusedOption() throws {
        let url = try XCTUnwrap(URL(string: "smtp://127.0.0.1:9"))
        let mailer = SMTPMailer(url: url, username: oversized, password: "x", timeout: 5)
        let message = MailMessage(
            from: "alerts@example.com", to: ["oncall@example.com"], subject: "s", body: "b\n",
            messageID: "t.1@vigia.example", date: Date(timeIntervalSince1970: 1_772_528_700), extraHeaders: [])
        XCTAssertThrowsError(try mailer.send(message)) { error in
            guard case let .option(failedURL, name, _)? = error as? TransportError else { return XCTFail("\(error)") }
            XCTAssertEqual(failedURL, url)
            XCTAssertEqual(name, "CURLOPT_USERNAME")
        }
    }
}
