import Foundation
import ReputationCore

/// `notifiers`: {"smtp": {"url": "smtps://mail.example.com", "from": "Vigía <vigia@example.com>", "timeout": "30s"},
/// "webhooks": [{"name": "team-chat", "url": "${CHAT_WEBHOOK_URL}", "format": "slack", "headers": {…}}],
/// "commands": [{"name": "pager", "argv": ["/usr/local/bin/page-oncall", "--team", "social"], "timeout": "20s"}],
/// "retry": {"base": "1m", "max": "1h"}, "digest_above": 3}.
/// `VIGIA_SMTP_URL` overrides (or supplies) the SMTP URL; `VIGIA_SMTP_USER`/`VIGIA_SMTP_PASSWORD` the login.
enum NotifierReader {
    static func read(_ object: ConfigObject?, file: String, environment: [String: String]) throws(ConfigError) -> NotifierSettings {
        var settings = NotifierSettings()
        var smtpURL = environment["VIGIA_SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 }
        var timeout: TimeInterval = 30
        if let object {
            if let smtp = try object.object("smtp") {
                let configured = try smtp.string("url").map { text throws(ConfigError) in
                    try expand(text, object: smtp, key: "url", environment: environment, required: smtpURL == nil)
                }
                smtpURL = smtpURL ?? configured.flatMap { $0.isEmpty ? nil : $0 }
                settings.mailFrom = try smtp.string("from") ?? settings.mailFrom
                timeout = try smtp.duration("timeout", in: 1...600) ?? timeout
                try smtp.finish()
            }
            settings.digestAbove = try object.int("digest_above", in: 0...10_000) ?? settings.digestAbove
            settings.webhooks = try webhooks(object, environment: environment)
            settings.commands = try commands(object)
            if let retry = try object.object("retry") {
                settings.retryBase = try retry.duration("base", in: 1...86_400) ?? settings.retryBase
                settings.retryMax = max(settings.retryBase, try retry.duration("max", in: 1...30 * 86_400) ?? settings.retryMax)
                try retry.finish()
            }
            try object.finish()
        }
        if let smtpURL {
            let scheme = URL(string: smtpURL)?.scheme?.lowercased()
            guard scheme == "smtp" || scheme == "smtps" else {
                throw .invalid(file: file, key: "notifiers.smtp.url (or VIGIA_SMTP_URL)", expected: "an smtp:// or smtps:// URL", found: "\"\(smtpURL)\"")
            }
            settings.smtp = NotifierSettings.SMTP(
                url: smtpURL, from: settings.mailFrom, username: environment["VIGIA_SMTP_USER"],
                password: environment["VIGIA_SMTP_PASSWORD"], timeout: timeout)
        }
        return settings
    }

    static func webhooks(_ object: ConfigObject, environment: [String: String]) throws(ConfigError) -> [NotifierSettings.Webhook] {
        var result: [NotifierSettings.Webhook] = []
        for hook in try object.objects("webhooks") ?? [] {
            let name = try hook.requiredString("name")
            let url = try expand(try hook.requiredString("url"), object: hook, key: "url", environment: environment, required: true)
            let scheme = URL(string: url)?.scheme?.lowercased()
            guard scheme == "http" || scheme == "https" else {
                throw .invalid(file: hook.file, key: hook.keyPath("url"), expected: "an http:// or https:// URL", found: "\"\(url)\"")
            }
            let formatName = try hook.string("format") ?? "json"
            guard let format = NotifierSettings.Webhook.Format(rawValue: formatName) else {
                throw .invalid(file: hook.file, key: hook.keyPath("format"), expected: "\"json\" or \"slack\"", found: "\"\(formatName)\"")
            }
            var headers: [String: String] = [:]
            for (header, value) in try hook.stringMap("headers") ?? [:] {
                headers[header] = try expand(value, object: hook, key: "headers.\(header)", environment: environment, required: true)
            }
            result.append(NotifierSettings.Webhook(name: name, url: url, format: format, headers: headers))
            try hook.finish()
        }
        return result
    }

    static func commands(_ object: ConfigObject) throws(ConfigError) -> [NotifierSettings.Command] {
        var result: [NotifierSettings.Command] = []
        for command in try object.objects("commands") ?? [] {
            let name = try command.requiredString("name")
            let argv = try command.strings("argv") ?? []
            guard let program = argv.first, !program.isEmpty else {
                throw .missing(file: command.file, key: command.keyPath("argv"), expected: "the program and its arguments, e.g. [\"/usr/bin/logger\", \"-t\", \"vigia\"] (no shell)")
            }
            let timeout = try command.duration("timeout", in: 1...3600) ?? 30
            result.append(NotifierSettings.Command(name: name, argv: argv, timeout: timeout))
            try command.finish()
        }
        return result
    }

    /// `${NAME}` from the environment; a missing variable is an error when the value is needed.
    static func expand(
        _ text: String, object: ConfigObject, key: String, environment: [String: String], required: Bool
    ) throws(ConfigError) -> String {
        for name in EnvironmentExpansion.variables(in: text) where environment[name] == nil && required {
            throw .missingEnvironment(file: object.file, key: object.keyPath(key), variable: name)
        }
        return EnvironmentExpansion.expand(text, environment: environment)
    }
}
