/// The whole action vocabulary: there is no delete, hide, block or report. Anything that asks for one of those —
/// in configuration, a template or a command — is refused, because criticism is answered, not removed.
public enum ResponseAction: String, Sendable, Codable, CaseIterable {
    case replyPublicly = "reply_publicly"
    case replyPrivately = "reply_privately"
    case escalate
    case followUp = "follow_up"
    case note

    /// Parses an action name from configuration; a removal verb throws `.forbiddenAction`, anything else unknown
    /// returns nil (the caller reports it with a suggestion).
    public static func parse(_ name: String, source: String) throws(TaskError) -> ResponseAction? {
        if let verb = RemovalWording.verb(in: name) { throw .forbiddenAction(action: verb, source: source) }
        let normalized = name.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        return ResponseAction(rawValue: normalized)
    }
}

/// Spots wording that asks to remove criticism: delete, hide, block, report (and Spanish borrar, eliminar, ocultar,
/// bloquear, denunciar, reportar, censurar, silenciar). Matches word starts, so "blocked" and "ocultamos" count but
/// "unblock" or "reporter" in an ordinary sentence would also; templates simply avoid these stems.
public enum RemovalWording {
    /// Whole words that name a removal as a command, option, configuration key or action ("vigia rm …",
    /// "auto_delete", "action": "purge"). Shared by the command line, the configuration guard and `TaskAction`.
    public static let commandWords: Set<String> = [
        "delete", "remove", "rm", "hide", "block", "ban", "mute", "purge", "erase", "drop", "suppress", "dismiss",
        "censor", "takedown", "borrar", "eliminar", "ocultar", "bloquear", "censurar", "silenciar",
    ]

    static let stems = [
        "delet", "hide", "hidd", "hiding", "block", "report", "censor", "ban ", "banned", "remove the post",
        "takedown", "take down", "borra", "borré", "elimin", "ocult", "bloque", "denunci", "reporta", "censur",
        "silenci",
    ]

    /// The first removal stem found at a word start in `text` (case-insensitive), or nil.
    public static func verb(in text: String) -> String? {
        let lowered = " " + text.lowercased() + " "
        for stem in stems {
            var searchRange = lowered.startIndex..<lowered.endIndex
            while let found = lowered.range(of: stem, range: searchRange) {
                let before = lowered[lowered.index(before: found.lowerBound)]
                if !before.isLetter { return stem.trimmingCharacters(in: .whitespaces) }
                searchRange = found.upperBound..<lowered.endIndex
            }
        }
        return nil
    }
}
