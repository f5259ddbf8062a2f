package io.orikaeshi.system.faults;

/** What an email of notification-service is, read from its subject (Wording, in Japanese and English). */
enum MailKind {
    REPORT, WARNING, OVERDUE, OTHER;

    static MailKind of(String subject) {
        if (subject.contains("【お電話のご報告】") || subject.startsWith("Call for ")
                || subject.startsWith("[URGENT] Call for ")) {
            return REPORT;
        }
        if (subject.startsWith("【期限間近】") || subject.startsWith("[DUE SOON]")) {
            return WARNING;
        }
        if (subject.startsWith("【期限超過】") || subject.startsWith("[OVERDUE]")) {
            return OVERDUE;
        }
        // Escalations and chase alerts: neither a report nor an overdue alert.
        return OTHER;
    }
}
