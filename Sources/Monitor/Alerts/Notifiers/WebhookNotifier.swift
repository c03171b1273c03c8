import CurlTransport
import Foundation
import ReputationCore

/// Posts a notice to a configured webhook: Vigía's JSON (every field, plus ids), or the Slack-compatible
/// `{"text": …}` shape. An `Idempotency-Key` header carries the notice id so receivers can drop repeats.
struct WebhookNotifier: Sendable {
    let webhooks: [NotifierSettings.Webhook]
    let timeout: TimeInterval

    func deliver(_ item: OutboxItem) throws(NotifierError) {
        guard let hook = webhooks.first(where: { $0.name == item.notice.target }), let url = URL(string: hook.url) else {
            throw .notConfigured(channel: "webhook", target: item.notice.target, hint: "no notifiers.webhooks entry with that name")
        }
        let body = hook.format == .slack ? Self.slackPayload(item) : Self.jsonPayload(item)
        let headers = [(name: "Content-Type", value: "application/json"), (name: "Idempotency-Key", value: item.id)]
            + hook.headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        // Through libcurl like every other transfer: http and https (Slack's webhooks are https), timeouts, no
        // redirects followed with the body. The response body is not needed, so it is capped small.
        let limits = TransferLimits(maxConcurrent: 1, maxPerHost: 1, connectTimeout: min(10, timeout), totalTimeout: timeout, maxBodyBytes: 64 << 10)
        let result = FeedFetcher(limits: limits).fetchAll([HTTPRequest(url: url, headers: headers, body: body)])[0]
        switch result {
        case .failure(let error):
            // A webhook URL is a secret (Slack's token is its path): the message names the hook, never the URL.
            let reason = error.description.replacingOccurrences(of: url.absoluteString, with: "<webhook \(hook.name)>")
            throw .transport(target: "webhook \(hook.name)", reason: reason, temporary: error.isTemporary)
        case .success(let response):
            guard (200..<300).contains(response.status) else {
                throw .httpStatus(url: "webhook \(hook.name)", status: response.status)
            }
        }
    }

    /// Vigía's own shape, also what command hooks get on stdin.
    static func jsonPayload(_ item: OutboxItem) -> Data {
        var object: [String: String] = item.notice.fields
        object["notice_id"] = item.id
        object["event_id"] = item.notice.eventID
        object["task_id"] = item.notice.taskID
        object["subject"] = item.notice.subject
        object["body"] = item.notice.body
        object["message_id"] = item.messageID
        return encode(object)
    }

    /// Slack (and Mattermost, Rocket.Chat…) incoming-webhook shape: a `text` with mrkdwn.
    static func slackPayload(_ item: OutboxItem) -> Data {
        let fields = item.notice.fields
        var lines = ["*\(escapeSlack(item.notice.subject))*"]
        if let url = fields["url"], !url.isEmpty { lines.append(escapeSlack(url)) }
        if let text = fields["text"] { lines.append("> " + escapeSlack(text).replacingOccurrences(of: "\n", with: "\n> ")) }
        lines.append("`vigia ack \(item.notice.taskID)`")
        return encode(["text": lines.joined(separator: "\n")])
    }

    /// Slack treats <, > and & as markup (mentions, links): post text must not ping @channel.
    static func escapeSlack(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func encode(_ object: [String: String]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
