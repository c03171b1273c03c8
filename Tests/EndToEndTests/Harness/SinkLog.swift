import Foundation

/// What the SMTP sink (tools/harness/smtp_sink.py) received: one JSON line per message.
struct SinkLog {
    var messages: [[String: Any]] = []

    init(_ url: URL) {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        messages = text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    var messageIDs: [String] { messages.compactMap { $0["message_id"] as? String } }

    var duplicateMessageIDs: [String] {
        Dictionary(grouping: messageIDs, by: { $0 }).filter { $0.value.count > 1 }.map(\.key).sorted()
    }

    var headerBlocks: [String] { messages.compactMap { $0["headers"] as? String } }
    var recipients: [String] { messages.flatMap { ($0["rcpt"] as? [String]) ?? [] } }
}
