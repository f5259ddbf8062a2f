package io.orikaeshi.notification.mapping;

import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.EscalationReason;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.notification.mapping.Wording.Alert;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The phrases of the emails, per language, without rendering a mail. */
class WordingTest {

    private static final List<CaptureStatus> NOT_OBTAINED = List.of(CaptureStatus.DECLINED, CaptureStatus.HUNG_UP,
            CaptureStatus.NOT_NEEDED);

    @Test
    void japaneseTenantsReadJapaneseEveryOtherLanguageReadsEnglish() {
        assertEquals(Wording.JA, Wording.of(Locale.JAPANESE));
        assertEquals(Wording.JA, Wording.of(Locale.JAPAN));
        assertEquals(Wording.EN, Wording.of(Locale.ENGLISH));
        assertEquals(Wording.EN, Wording.of(Locale.FRENCH));
        assertEquals("ja", Wording.JA.templateSuffix());
        assertEquals("en", Wording.EN.templateSuffix());
    }

    @Test
    void eachReasonAnItemWasNotObtainedReadsDifferently() {
        for (Wording wording : Wording.values()) {
            Set<String> phrases = new HashSet<>();
            NOT_OBTAINED.forEach(status -> phrases.add(wording.notObtained(status)));
            assertEquals(3, phrases.size(), wording.name());
            assertThrows(IllegalArgumentException.class, () -> wording.notObtained(CaptureStatus.PROVIDED));
        }
        assertEquals("お伺いしましたが、お客様のご意向によりお教えいただけませんでした",
                Wording.JA.notObtained(CaptureStatus.DECLINED));
        assertEquals("Not obtained: the caller hung up before it could be asked",
                Wording.EN.notObtained(CaptureStatus.HUNG_UP));
        assertEquals("Not needed, according to the caller", Wording.EN.notObtained(CaptureStatus.NOT_NEEDED));
    }

    @Test
    void theCallerIsAddressedPolitelyInJapaneseAndByNameInEnglish() {
        assertEquals("佐藤 様", Wording.JA.callerDisplay("佐藤"));
        assertEquals("Smith", Wording.EN.callerDisplay("Smith"));
        assertEquals("至急", Wording.JA.urgency(Urgency.URGENT));
        assertEquals("通常", Wording.JA.urgency(Urgency.NORMAL));
        assertEquals("Urgent", Wording.EN.urgency(Urgency.URGENT));
        assertEquals("Normal", Wording.EN.urgency(Urgency.NORMAL));
    }

    @Test
    void aReportSubjectShowsUrgencyAndWhetherACallbackIsDue() {
        assertEquals("【至急】【お電話のご報告】佐藤 様より鈴木宛（折り返し期限 11/20 15:00）",
                Wording.JA.reportSubject("佐藤 様", "鈴木", "11/20 15:00", true));
        assertEquals("【お電話のご報告】佐藤 様より鈴木宛（折り返し不要）",
                Wording.JA.reportSubject("佐藤 様", "鈴木", null, false));
        assertEquals("[URGENT] Call for Jones from Smith (callback due Fri 15:00)",
                Wording.EN.reportSubject("Smith", "Jones", "Fri 15:00", true));
        assertEquals("Call for Jones from Smith (no callback needed)",
                Wording.EN.reportSubject("Smith", "Jones", null, false));
    }

    @Test
    void aDigestSubjectCountsTheDay() {
        assertEquals("【本日のご報告】11/20 18:00まで：受電12件、未完了の折り返し3件（うち期限超過1件）",
                Wording.JA.digestSubject("11/20 18:00", 12, 3, 1));
        assertEquals("Daily summary to 20 Nov 18:00: 12 call(s), 3 open callback(s), 1 overdue",
                Wording.EN.digestSubject("20 Nov 18:00", 12, 3, 1));
    }

    @Test
    void datesAreWrittenTheWayEachLanguageReadsThem() {
        ZonedDateTime friday = ZonedDateTime.of(2026, 11, 20, 9, 5, 0, 0, ZoneId.of("Asia/Tokyo"));

        assertEquals("2026年11月20日(金) 9:05", Wording.JA.dateTime(friday));
        assertEquals("Fri 20 Nov 2026, 09:05 (JST)", Wording.EN.dateTime(friday));
    }

    @Test
    void warningAndOverdueAlertsNameTheCallerAndTheDueTime() {
        assertEquals(new Alert("【期限間近】佐藤 様への折り返し期限（15:00）が近づいています",
                "お約束の折り返し期限が近づいています",
                "期限までにお電話できない場合は、先にお客様へご連絡のうえ、新しいお時間のご了承をいただいてください。"),
                Wording.JA.warning("佐藤 様", "15:00"));
        assertEquals(new Alert("[DUE SOON] Callback to Smith is due 15:00", "The promised callback is due soon.",
                "If it cannot be made in time, call the customer first and agree a new time with them."),
                Wording.EN.warning("Smith", "15:00"));
        assertEquals(new Alert("【期限超過】佐藤 様への折り返し（期限 15:00）が完了していません",
                "お約束した折り返しの期限を過ぎましたが、まだ完了のご連絡をいただいておりません。",
                "お客様は折り返しをお待ちです。至急ご対応をお願いいたします。お電話の際は、まずお約束の時刻を過ぎたことをお詫びください。"),
                Wording.JA.overdue("佐藤 様", "15:00"));
        assertEquals(new Alert("[OVERDUE] Callback to Smith was due 15:00 and is not done",
                "The callback promised to this caller is overdue and has not been marked done.",
                "The caller is waiting: please call back now, and apologise for the delay first."),
                Wording.EN.overdue("Smith", "15:00"));
    }

    @Test
    void anOverdueEscalationSaysTheDueTimeHasPassed() {
        assertEquals(new Alert("【エスカレーション2】佐藤 様への折り返しが期限（15:00）を過ぎたままです",
                "期限を過ぎた折り返しが、まだ完了していません（エスカレーション2）。",
                "対応者を決めて至急お客様へご連絡のうえ、対応を引き受けた方は受付済みとしてご登録ください。"),
                Wording.JA.escalation(EscalationReason.OVERDUE, 2, "佐藤 様", "15:00"));
        assertEquals(new Alert("[ESCALATION 2] Callback to Smith is still overdue (due 15:00)",
                "An overdue callback is still not done (escalation level 2).",
                "Decide who calls back now; whoever takes it on, please acknowledge it so the escalation stops."),
                Wording.EN.escalation(EscalationReason.OVERDUE, 2, "Smith", "15:00"));
    }

    @Test
    void aChaseEscalationSaysTheCallerRangAgainBeforeTheDueTime() {
        assertEquals(new Alert("【エスカレーション1・再入電】佐藤 様より期限（15:00）前に再度お電話がありました",
                "折り返しの期限（15:00）前ですが、お待ちのお客様から再度お電話がありました（エスカレーション1）。",
                "お客様から期限前に再度お電話がありました。対応者を決めて期限を待たずにお客様へご連絡のうえ、"
                        + "対応を引き受けた方は受付済みとしてご登録ください。"),
                Wording.JA.escalation(EscalationReason.CHASE, 1, "佐藤 様", "15:00"));
        assertEquals(new Alert("[ESCALATION 1] Smith called again before the callback is due (15:00)",
                "The callback is not due yet (15:00), but the caller rang again (escalation level 1).",
                "The caller rang again before the due time. Decide who calls back now; whoever takes it on, "
                        + "please acknowledge it so the escalation stops."),
                Wording.EN.escalation(EscalationReason.CHASE, 1, "Smith", "15:00"));
        for (Wording wording : Wording.values()) {
            assertNotEquals(wording.escalation(EscalationReason.OVERDUE, 1, "A", "15:00"),
                    wording.escalation(EscalationReason.CHASE, 1, "A", "15:00"), wording.name());
        }
    }

    @Test
    void aChaseAlertCountsTheCalls() {
        assertEquals(new Alert("【再入電】佐藤 様より再度お電話がありました（3回目）",
                "折り返しをお待ちのお客様から、再度お電話がありました（3回目）。",
                "お客様は折り返しをお待ちです。至急ご対応ください。お電話の際は、まずお待たせしたことをお詫びください。"),
                Wording.JA.chase("佐藤 様", 3));
        assertEquals(new Alert("[CALLED AGAIN] Smith called again (3 times) about an open callback",
                "A caller who is waiting for a callback rang again (3 times).",
                "The caller is waiting: please call back now, and apologise for the wait first."),
                Wording.EN.chase("Smith", 3));
    }

    @Test
    void aCallerNameIsInsertedAsWrittenEvenWhenItLooksLikeAPlaceholder() {
        Alert alert = Wording.EN.warning("{due} $1 \\", "15:00");

        assertTrue(alert.subject().startsWith("[DUE SOON] Callback to {due} $1 \\ is due 15:00"), alert.subject());
    }
}
