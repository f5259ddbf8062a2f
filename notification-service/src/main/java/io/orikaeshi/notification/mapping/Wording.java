package io.orikaeshi.notification.mapping;

import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.EscalationReason;
import io.orikaeshi.events.Urgency;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phrases of the emails in each language. The capture-status phrases are the heart of the report: an item that
 * was asked for but not given must read differently from one nobody asked for.
 */
public enum Wording {

    JA(DateTimeFormatter.ofPattern("yyyy年M月d日(E) H:mm", Locale.JAPANESE), new Alerts(
            new Alert("【期限間近】{caller}への折り返し期限（{due}）が近づいています",
                    "お約束の折り返し期限が近づいています",
                    "期限までにお電話できない場合は、先にお客様へご連絡のうえ、新しいお時間のご了承をいただいてください。"),
            new Alert("【期限超過】{caller}への折り返し（期限 {due}）が完了していません",
                    "お約束した折り返しの期限を過ぎましたが、まだ完了のご連絡をいただいておりません。",
                    "お客様は折り返しをお待ちです。至急ご対応をお願いいたします。お電話の際は、まずお約束の時刻を過ぎたことをお詫びください。"),
            new Alert("【エスカレーション{level}】{caller}への折り返しが期限（{due}）を過ぎたままです",
                    "期限を過ぎた折り返しが、まだ完了していません（エスカレーション{level}）。",
                    "対応者を決めて至急お客様へご連絡のうえ、対応を引き受けた方は受付済みとしてご登録ください。"),
            new Alert("【エスカレーション{level}・再入電】{caller}より期限（{due}）前に再度お電話がありました",
                    "折り返しの期限（{due}）前ですが、お待ちのお客様から再度お電話がありました（エスカレーション{level}）。",
                    "お客様から期限前に再度お電話がありました。対応者を決めて期限を待たずにお客様へご連絡のうえ、"
                            + "対応を引き受けた方は受付済みとしてご登録ください。"),
            new Alert("【再入電】{caller}より再度お電話がありました（{count}回目）",
                    "折り返しをお待ちのお客様から、再度お電話がありました（{count}回目）。",
                    "お客様は折り返しをお待ちです。至急ご対応ください。お電話の際は、まずお待たせしたことをお詫びください。"),
            new Alert("再通知：{caller}への折り返し（期限 {due}）がまだ受付されていません",
                    "ご報告した折り返しのお約束を、まだどなたも受付されていません。",
                    "対応される方は、受付のリンクからご登録ください。"
                            + "期限までにお電話できない場合は、先にお客様へご連絡のうえ、新しいお時間のご了承をいただいてください。")),
            new Labels("受電日時", "宛先（名指し）", "お名前", "ご用件", "折り返し先", "緊急度", "折り返し期限", "担当", "備考",
                    "お約束はしておりません", "内容を見る", "受付する", "対応済みにする", "お客様（お名前は非表示）",
                    "{addressee}宛にお電話がありました")) {
        @Override
        public String notObtained(CaptureStatus status) {
            return switch (status) {
                case DECLINED -> "お伺いしましたが、お客様のご意向によりお教えいただけませんでした";
                case HUNG_UP -> "お伺いする前にお電話が切れたため、お伺いできませんでした";
                case NOT_NEEDED -> "お客様より不要とのお申し出がありました";
                case PROVIDED -> throw new IllegalArgumentException("provided");
            };
        }

        @Override
        public String callerDisplay(String name) {
            return name + " 様";
        }

        @Override
        public String unnamedCaller() {
            return "お名前をお伺いできなかった方";
        }

        @Override
        public String noAddressee() {
            return "ご指定なし";
        }

        @Override
        public String noNotes() {
            return "なし";
        }

        @Override
        public String noAssignee() {
            return "ご指定なし";
        }

        @Override
        public String urgency(Urgency urgency) {
            return urgency == Urgency.URGENT ? "至急" : "通常";
        }

        @Override
        public String reportSubject(String caller, String addressee, String dueAt, boolean urgent) {
            String due = dueAt == null ? "折り返し不要" : "折り返し期限 " + dueAt;
            return (urgent ? "【至急】" : "") + "【お電話のご報告】" + caller + "より" + addressee + "宛（" + due + "）";
        }

        @Override
        public String digestSubject(String periodEnd, long received, int open, int overdue) {
            return "【本日のご報告】" + periodEnd + "まで：受電" + received + "件、未完了の折り返し" + open + "件（うち期限超過"
                    + overdue + "件）";
        }
    },

    EN(DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm (z)", Locale.ENGLISH), new Alerts(
            new Alert("[DUE SOON] Callback to {caller} is due {due}",
                    "The promised callback is due soon.",
                    "If it cannot be made in time, call the customer first and agree a new time with them."),
            new Alert("[OVERDUE] Callback to {caller} was due {due} and is not done",
                    "The callback promised to this caller is overdue and has not been marked done.",
                    "The caller is waiting: please call back now, and apologise for the delay first."),
            new Alert("[ESCALATION {level}] Callback to {caller} is still overdue (due {due})",
                    "An overdue callback is still not done (escalation level {level}).",
                    "Decide who calls back now; whoever takes it on, please acknowledge it so the escalation stops."),
            new Alert("[ESCALATION {level}] {caller} called again before the callback is due ({due})",
                    "The callback is not due yet ({due}), but the caller rang again (escalation level {level}).",
                    "The caller rang again before the due time. Decide who calls back now; whoever takes it on, "
                            + "please acknowledge it so the escalation stops."),
            new Alert("[CALLED AGAIN] {caller} called again ({count} times) about an open callback",
                    "A caller who is waiting for a callback rang again ({count} times).",
                    "The caller is waiting: please call back now, and apologise for the wait first."),
            new Alert("Reminder: callback to {caller} (due {due}) is not acknowledged yet",
                    "Nobody has acknowledged the callback reported earlier yet.",
                    "Whoever takes it on, please acknowledge it with the link. If it cannot be made in time, call "
                            + "the customer first and agree a new time with them.")),
            new Labels("Received", "For", "Caller's name", "Purpose", "Callback number", "Urgency", "Callback due",
                    "Assigned to", "Notes", "No callback promised", "View", "Take it on", "Mark done",
                    "a caller (name hidden)", "A call came for {addressee}")) {
        @Override
        public String notObtained(CaptureStatus status) {
            return switch (status) {
                case DECLINED -> "Asked, but the caller preferred not to give it";
                case HUNG_UP -> "Not obtained: the caller hung up before it could be asked";
                case NOT_NEEDED -> "Not needed, according to the caller";
                case PROVIDED -> throw new IllegalArgumentException("provided");
            };
        }

        @Override
        public String callerDisplay(String name) {
            return name;
        }

        @Override
        public String unnamedCaller() {
            return "a caller who did not give a name";
        }

        @Override
        public String noAddressee() {
            return "no one in particular";
        }

        @Override
        public String noNotes() {
            return "none";
        }

        @Override
        public String noAssignee() {
            return "not assigned";
        }

        @Override
        public String urgency(Urgency urgency) {
            return urgency == Urgency.URGENT ? "Urgent" : "Normal";
        }

        @Override
        public String reportSubject(String caller, String addressee, String dueAt, boolean urgent) {
            String due = dueAt == null ? "no callback needed" : "callback due " + dueAt;
            return (urgent ? "[URGENT] " : "") + "Call for " + addressee + " from " + caller + " (" + due + ")";
        }

        @Override
        public String digestSubject(String periodEnd, long received, int open, int overdue) {
            return "Daily summary to " + periodEnd + ": " + received + " call(s), " + open + " open callback(s), "
                    + overdue + " overdue";
        }
    };

    /** Marks where an alert's phrases take the caller, the due time, the escalation level and the call count. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(caller|due|level|count)}");

    private final DateTimeFormatter dateTime;
    private final Alerts alerts;
    private final Labels labels;

    Wording(DateTimeFormatter dateTime, Alerts alerts, Labels labels) {
        this.dateTime = dateTime;
        this.alerts = alerts;
        this.labels = labels;
    }

    /** What a chat message names its fields and links with (the email templates print the same words). */
    public Labels labels() {
        return labels;
    }

    /** A chat room that may not see the caller sees only this, and the link to read the call. */
    public String linkOnly(String addressee) {
        return labels.linkOnly().replace("{addressee}", addressee);
    }

    public static Wording of(Locale locale) {
        return "ja".equals(locale.getLanguage()) ? JA : EN;
    }

    public String templateSuffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String dateTime(ZonedDateTime time) {
        return dateTime.format(time);
    }

    public abstract String notObtained(CaptureStatus status);

    public abstract String callerDisplay(String name);

    public abstract String unnamedCaller();

    public abstract String noAddressee();

    public abstract String noNotes();

    public abstract String noAssignee();

    public abstract String urgency(Urgency urgency);

    public abstract String reportSubject(String caller, String addressee, String dueAt, boolean urgent);

    public abstract String digestSubject(String periodEnd, long received, int open, int overdue);

    public Alert warning(String caller, String dueAt) {
        return alerts.warning().fill(caller, dueAt, 0, 0);
    }

    public Alert overdue(String caller, String dueAt) {
        return alerts.overdue().fill(caller, dueAt, 0, 0);
    }

    /**
     * An escalation reads by its reason: past the due time (OVERDUE), or the caller rang again before the due time,
     * which has therefore not passed (CHASE).
     */
    public Alert escalation(EscalationReason reason, int level, String caller, String dueAt) {
        return (reason == EscalationReason.CHASE ? alerts.chaseEscalation() : alerts.escalation())
                .fill(caller, dueAt, level, 0);
    }

    public Alert chase(String caller, int count) {
        return alerts.chase().fill(caller, null, 0, count);
    }

    /** The repeat notice, once, for a promised callback nobody acknowledged in time. */
    public Alert repeat(String caller, String dueAt) {
        return alerts.repeat().fill(caller, dueAt, 0, 0);
    }

    /** An alert's subject, its headline and what the reader should do. */
    public record Alert(String subject, String headline, String lead) {

        /** The alert with each {@code {caller}}, {@code {due}}, {@code {level}} and {@code {count}} filled in. */
        private Alert fill(String caller, String dueAt, int level, int count) {
            Map<String, String> values = Map.of("caller", caller, "due", String.valueOf(dueAt),
                    "level", String.valueOf(level), "count", String.valueOf(count));
            return new Alert(fill(subject, values), fill(headline, values), fill(lead, values));
        }

        private static String fill(String phrase, Map<String, String> values) {
            return PLACEHOLDER.matcher(phrase).replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
        }
    }

    /** The alerts of one language, their variable parts written as placeholders. */
    private record Alerts(Alert warning, Alert overdue, Alert escalation, Alert chaseEscalation, Alert chase,
            Alert repeat) {
    }

    /**
     * @param hiddenCaller how a chat message that may not name the caller calls them
     * @param linkOnly     the whole of a link-only chat message, {@code {addressee}} filled in
     */
    public record Labels(String receivedAt, String addressee, String callerName, String purpose,
            String callbackNumber, String urgency, String dueAt, String assignee, String notes, String noPromise,
            String view, String acknowledge, String complete, String hiddenCaller, String linkOnly) {
    }
}
