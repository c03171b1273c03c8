import Foundation

/// The one rule for wording that asks to remove criticism: delete, hide, block, report (and Spanish borrar,
/// eliminar, ocultar, bloquear, denunciar, reportar, censurar, silenciar). The command line (`TaskAction`, the
/// command and option names), the configuration guard (keys and action values) and the action vocabulary
/// (`ResponseAction`, reply templates, FAQ answers) all ask it, so a word refused in one place is refused in all.
///
/// Three readings of the same vocabulary, because a word means different things where it stands:
/// - as an action (a command verb, an option, an action in configuration): a leading removal word, "report"
///   (reporting a post to the platform to have it taken down), or a removal stem at a word start;
/// - as a configuration key: only a leading removal word, or "report" followed by what is reported
///   ("report_post"), since keys name things ("hidden_fields", "report" for the report page, "ask_to_remove_…");
/// - in free text (templates): a removal stem at a word start, so "blocked" and "ocultamos" count, and templates
///   simply avoid these stems.
package enum NoDeletionPolicy {
    /// Whole words that name a removal as a command, option, configuration key or action ("vigia rm …",
    /// "auto_delete", "action": "purge").
    package static let commandWords: Set<String> = [
        "delete", "remove", "rm", "hide", "block", "ban", "mute", "purge", "erase", "drop", "suppress", "dismiss",
        "censor", "takedown", "borrar", "eliminar", "ocultar", "bloquear", "censurar", "silenciar",
    ]

    static let stems = [
        "delet", "hide", "hidd", "hiding", "block", "report", "censor", "ban ", "banned", "remove the post",
        "takedown", "take down", "borra", "borré", "elimin", "ocult", "bloque", "denunci", "reporta", "censur",
        "silenci",
    ]

    /// What "report" must be followed by, in a key, to ask for a takedown.
    static let reportTargets: Set<String> = ["post", "posts", "user", "author"]

    /// The removal a word used as an action asks for ("delete", "report", "ocult"), or nil.
    package static func removal(asAction word: String) -> String? {
        let words = leadingWords(word)
        guard let first = words.first else { return nil }
        if commandWords.contains(first) { return first }
        if first == "report" { return "report" }
        return removal(inText: word)
    }

    /// The removal a configuration key names ("delete_after", "auto_hide", "report_post"), or nil.
    package static func removal(asKey key: String) -> String? {
        let words = leadingWords(key)
        guard let first = words.first else { return nil }
        if commandWords.contains(first) { return first }
        if first == "report", words.count > 1, reportTargets.contains(words[1]) { return "report" }
        return nil
    }

    /// The first removal stem found at a word start in `text` (case-insensitive), or nil.
    package static func removal(inText text: String) -> String? {
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

    /// Lowercased words of a name, an "auto_"/"auto-" prefix dropped (an automatic removal is still a removal).
    static func leadingWords(_ text: String) -> [String] {
        var lowered = text.lowercased()
        if lowered.hasPrefix("auto_") || lowered.hasPrefix("auto-") { lowered.removeFirst(5) }
        return lowered.split(whereSeparator: { !$0.isLetter }).map(String.init)
    }
}
