import CurlTransport
import Foundation
import ReputationCore

/// App Store reviews (`"source": "appstore"`): Apple's package customer-reviews feed in JSON,
/// `/{country}/rss/customerreviews/page={n}/id={app_id}/sortby=mostrecent/json`, newest first, 50 a page and
/// pages 1 to 10 only (the newest 500 reviews). No sign-in. Pages are read until the newest review taken last time;
/// the star rating is kept with the mention.
struct AppStoreSource: SourceKind {
    static let name = "appstore"
    static let keys = ["app_id", "country", "api_url"]
    static let lastPage = 10

    var appID: String
    var country: String
    var api: URL

    var address: URL { api }

    init(reading object: ConfigObject, environment: [String: String]) throws(ConfigError) {
        appID = try object.setting("app_id", environment: environment, required: true, expected: "the app's numeric id")!
        guard (1...20).contains(appID.count), appID.allSatisfy(\.isASCII), appID.allSatisfy(\.isNumber) else {
            throw .invalid(file: object.file, key: "app_id", expected: "the app's numeric id (apps.apple.com/…/id123456789)", found: "\"\(appID.prefix(40))\"")
        }
        country = (try object.string("country") ?? "us").lowercased()
        guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw .invalid(file: object.file, key: "country", expected: "a two-letter store country such as \"es\"", found: "\"\(country.prefix(20))\"")
        }
        api = try object.address("api_url", default: "https://itunes.apple.com")
    }

    func poll(_ poll: inout SourcePoll) throws(SourceFailure) {
        try BacklogWalk(key: "reviews", network: "App Store", scope: .own).run(&poll) { (poll, page) throws(SourceFailure) -> BacklogWalk.Page in
            let number = page.flatMap(Int.init) ?? 1
            let url = api.appending(apiPath: "/\(country)/rss/customerreviews/page=\(number)/id=\(appID)/sortby=mostrecent/json")
            let response = try poll.send(HTTPRequest(url: url, headers: [(name: "Accept", value: "application/json")]), network: "App Store")
            guard (200..<300).contains(response.status) else {
                throw .unexpected("App Store: reviews of app \(appID) (\(country)) answered HTTP \(response.status)")
            }
            let feed = try SourceJSON.parse(response.body, network: "App Store")["feed"]
            let entry = feed?["entry"]
            let entries = (entry?.array ?? (entry.map { [$0] } ?? [])).filter { $0["im:rating"] != nil }  // not the app's own entry
            var notes = TextNotes()
            let items = entries.map { AppStoreReview.item(from: $0, notes: &notes) }
            let hasNext = (feed?["link"]?.array ?? []).contains { $0["attributes"]?["rel"]?.string == "next" }
            return BacklogWalk.Page(
                items: items, times: items.map(\.publishedAt), next: hasNext && number < Self.lastPage ? String(number + 1) : nil,
                count: entries.count, notes: notes.problems)
        }
    }
}
