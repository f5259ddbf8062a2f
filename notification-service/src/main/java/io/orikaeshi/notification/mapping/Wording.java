package io.orikaeshi.notification.mapping;

import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.Urgency;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The phrases of the emails in each language. The capture-status phrases are the heart of the report: an item that
 * was asked for but not given must read differently from one nobody asked for.
 */
public enum Wording {

    JA(DateTimeFormatter.ofPattern("yyyy年M月d日(E) H:mm", Locale.JAPANESE)) {
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
        public String overdueSubject(String caller, String dueAt) {
            return "【期限超過】" + caller + "への折り返し（期限 " + dueAt + "）が完了していません";
        }
    },

    EN(DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm (z)", Locale.ENGLISH)) {
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
        public String overdueSubject(String caller, String dueAt) {
            return "[OVERDUE] Callback to " + caller + " was due " + dueAt + " and is not done";
        }
    };

    private final DateTimeFormatter dateTime;

    Wording(DateTimeFormatter dateTime) {
        this.dateTime = dateTime;
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

    public abstract String overdueSubject(String caller, String dueAt);
}
