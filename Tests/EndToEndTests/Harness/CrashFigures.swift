import Foundation

/// The numbers the crash proof quotes: cycles, kills, mentions, duplicates, lost, peak RSS.
struct CrashFigures {
    let seed: UInt64
    var cycles = 0
    var kills = 0
    var completed = 0
    var cleanPolls = 0
    var tearsInjected = 0
    var tearsUnreported = 0
    /// The torn files a completed run repaired without a word on stderr.
    var unreportedTears: [String] = []
    var tornKept = 0
    var staleTemporaries = 0
    var mentions = 0
    var expected = 0
    var duplicates = 0
    var lost = 0
    var tasks = 0
    var doubleTasks = 0
    var notificationsSent = 0
    var deliveries = 0
    var duplicateDeliveries = 0
    var peakRSSKiB = 0

    mutating func record(audit: AlertsAudit, lost: Int, expected: Int, deliveries log: SinkLog) {
        mentions = audit.mentionIDs.count
        duplicates = audit.duplicateMentions.count
        self.lost = lost
        self.expected = expected
        tasks = audit.filedPerTask.count
        doubleTasks = audit.mentionsWithTwoTasks.count + audit.tasksFiledTwice.count
        tornKept = audit.tornFiles.count
        staleTemporaries = audit.temporaryFiles.count
        notificationsSent = audit.kinds["notification_sent"] ?? 0
        deliveries = log.messages.count
        duplicateDeliveries = log.duplicateMessageIDs.count
    }

    var line: String {
        "crash: cycles=\(cycles) kills=\(kills) completed=\(completed) clean_polls=\(cleanPolls) mentions=\(mentions) "
            + "served_reference=\(expected) duplicates=\(duplicates) lost=\(lost) tasks=\(tasks) double_tasks=\(doubleTasks) "
            + "notifications_sent=\(notificationsSent) smtp_deliveries=\(deliveries) duplicate_deliveries=\(duplicateDeliveries) "
            + "torn_injected=\(tearsInjected) torn_kept=\(tornKept) torn_unreported=\(tearsUnreported) "
            + "stale_tmp=\(staleTemporaries) "
            + "peak_rss_kib=\(peakRSSKiB) seed=\(seed)"
    }
}
