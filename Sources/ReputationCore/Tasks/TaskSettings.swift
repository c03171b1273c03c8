import Foundation

/// Everything the task engine needs from monitor.json: deadlines per priority, business hours, the escalation
/// ladder, where notifications go, the reply templates and the signature. Read by
/// `TaskSettings(reading:feedsFolder:environment:)` in Monitor; `default` is the customer-service practice.
package struct TaskSettings: Sendable, Hashable {
    package var policy: TaskPolicy
    package var businessHours: BusinessHours
    package var ladder: [LadderLevel]
    package var notifiers: NotifierSettings
    package var templates: ReplyTemplates
    /// Initials the suggested replies are signed with ("AG").
    package var signature: String
    /// The crisis protocol: steps every crisis task lists.
    package var crisisChecklist: [String]
    /// The language of texts with no post to follow (crisis holding replies): the first of monitor.json's languages.
    package var language: String
    /// The shop's answers to common questions, per language (feeds/faq.<lang>.txt).
    package var faqs: [String: FAQ]

    package init(
        policy: TaskPolicy = TaskPolicy(), businessHours: BusinessHours = .alwaysOpen, ladder: [LadderLevel] = [],
        notifiers: NotifierSettings = NotifierSettings(), templates: ReplyTemplates = .builtIn, signature: String = "",
        crisisChecklist: [String] = TaskSettings.defaultCrisisChecklist, language: String = "es",
        faqs: [String: FAQ] = [:]
    ) {
        self.policy = policy
        self.businessHours = businessHours
        self.ladder = ladder
        self.notifiers = notifiers
        self.templates = templates
        self.signature = signature
        self.crisisChecklist = crisisChecklist
        self.language = language
        self.faqs = faqs
    }

    package static let `default` = TaskSettings()

    /// The FAQ of a language (empty when the shop wrote none).
    package func faq(language: String) -> FAQ { faqs[language] ?? FAQ() }

    package static let defaultCrisisChecklist = [
        "Name one owner for the crisis and tell the committee",
        "Pause scheduled marketing posts",
        "Publish a holding statement in the affected channels (we know, we are on it, next update at …)",
        "Answer affected customers with the approved wording; never argue",
        "Agree facts and a fix with the teams involved; set the time of the next update",
        "Post the update; keep answering until volume is back to baseline",
        "Write the post-mortem",
    ]
}

/// How long each priority may wait for an acknowledgement, and what counts as high reach.
package struct TaskPolicy: Sendable, Hashable {
    package var crisis: TimeInterval
    /// Legal threat or high reach: at most this long (less if its other kind is shorter).
    package var urgent: TimeInterval
    package var complaint: TimeInterval
    package var negative: TimeInterval
    package var question: TimeInterval
    /// Thanking praise.
    package var praise: TimeInterval
    /// Press (news, articles, reviews, journalists): the press contact's answer.
    package var press: TimeInterval
    /// Authors with at least this reach make a negative post urgent.
    package var highReach: Int
    /// The "about to breach" warning goes this long before a deadline.
    package var warnBefore: TimeInterval

    package init(
        crisis: TimeInterval = 15 * 60, urgent: TimeInterval = 3600, complaint: TimeInterval = 30 * 60,
        negative: TimeInterval = 86_400, question: TimeInterval = 86_400, praise: TimeInterval = 86_400,
        press: TimeInterval = 4 * 3600, highReach: Int = 10_000, warnBefore: TimeInterval = 10 * 60
    ) {
        self.crisis = crisis
        self.urgent = urgent
        self.complaint = complaint
        self.negative = negative
        self.question = question
        self.praise = praise
        self.press = press
        self.highReach = highReach
        self.warnBefore = warnBefore
    }

    package func allowance(for priority: ResponseTask.Priority) -> TimeInterval {
        switch priority {
        case .crisis: crisis
        case .urgent: urgent
        case .complaint: complaint
        case .negative: negative
        case .question: question
        case .praise: praise
        case .press: press
        }
    }
}

/// One rung of the escalation ladder: who hears about a task once it is overdue by `after`, and about a crisis
/// once it reaches `crisisLevel`.
package struct LadderLevel: Sendable, Hashable {
    package var name: String
    /// How long past the deadline (wall time) this level is notified.
    package var after: TimeInterval
    package var emails: [String]
    /// Names of configured webhooks and command hooks to call at this level.
    package var webhooks: [String]
    package var commands: [String]
    /// The lowest crisis level that notifies this level at once; nil: never.
    package var crisisLevel: Crisis.Level?
    /// The press contact: told at once of press tasks (news, articles, reviews, journalists), and left out of
    /// the complaint ladder's overdue steps.
    package var press: Bool

    package init(
        name: String, after: TimeInterval, emails: [String] = [], webhooks: [String] = [], commands: [String] = [],
        crisisLevel: Crisis.Level? = nil, press: Bool = false
    ) {
        self.name = name
        self.after = after
        self.emails = emails
        self.webhooks = webhooks
        self.commands = commands
        self.crisisLevel = crisisLevel
        self.press = press
    }
}

/// Where notifications go: SMTP, webhooks, command hooks, and how failed sends are retried.
package struct NotifierSettings: Sendable, Hashable {
    package struct SMTP: Sendable, Hashable {
        /// smtp:// or smtps:// URL (from `VIGIA_SMTP_URL` when set).
        package var url: String
        package var from: String
        package var username: String?
        package var password: String?
        package var timeout: TimeInterval
        package init(url: String, from: String, username: String? = nil, password: String? = nil, timeout: TimeInterval = 30) {
            self.url = url
            self.from = from
            self.username = username
            self.password = password
            self.timeout = timeout
        }
    }

    package struct Webhook: Sendable, Hashable {
        package enum Format: String, Sendable, Hashable, CaseIterable { case json, slack }
        package var name: String
        package var url: String
        package var format: Format
        package var headers: [String: String]
        package init(name: String, url: String, format: Format = .json, headers: [String: String] = [:]) {
            self.name = name
            self.url = url
            self.format = format
            self.headers = headers
        }
    }

    package struct Command: Sendable, Hashable {
        package var name: String
        /// argv[0] is the program (absolute path or looked up in PATH); never run through a shell.
        package var argv: [String]
        package var timeout: TimeInterval
        package init(name: String, argv: [String], timeout: TimeInterval = 30) {
            self.name = name
            self.argv = argv
            self.timeout = timeout
        }
    }

    package var smtp: SMTP?
    /// The From address used for mail even when no server is configured (messages wait in the outbox).
    package var mailFrom: String
    package var webhooks: [Webhook]
    package var commands: [Command]
    /// Retry backoff after a failed send: `retryBase` doubled per attempt, at most `retryMax`.
    package var retryBase: TimeInterval
    package var retryMax: TimeInterval
    /// A recipient with more notices than this in one run gets one digest instead (0: never digest).
    package var digestAbove: Int

    package init(
        smtp: SMTP? = nil, mailFrom: String = "vigia@localhost", webhooks: [Webhook] = [], commands: [Command] = [],
        retryBase: TimeInterval = 60, retryMax: TimeInterval = 3600, digestAbove: Int = 3
    ) {
        self.smtp = smtp
        self.mailFrom = mailFrom
        self.webhooks = webhooks
        self.commands = commands
        self.retryBase = retryBase
        self.retryMax = retryMax
        self.digestAbove = digestAbove
    }

    /// Delay before the next try after `attempts` failed ones (1, 2, 4, … × base, capped).
    package func backoff(afterAttempts attempts: Int) -> TimeInterval {
        let factor = pow(2.0, Double(max(0, min(attempts - 1, 30))))
        return min(retryMax, retryBase * factor)
    }
}
