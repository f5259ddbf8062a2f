package io.orikaeshi.intake.service;

import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.Urgency;
import io.orikaeshi.intake.rest.CallbackRequest;
import io.orikaeshi.intake.rest.CapturedItemRequest;
import io.orikaeshi.intake.rest.NewCallRequest;
import io.orikaeshi.kit.problem.Problem.FieldError;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call rules bean validation cannot express, checked on plain requests. */
class CallRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-20T06:00:00Z");
    private static final CapturedItemRequest NAME = provided("佐藤");
    private static final CapturedItemRequest PURPOSE = provided("見積のご相談");
    private static final CapturedItemRequest NUMBER = provided("03-1234-5678");

    private static CapturedItemRequest provided(String value) {
        return new CapturedItemRequest(CaptureStatus.PROVIDED, value);
    }

    private static NewCallRequest call(CapturedItemRequest callerName, String addressee, String notes,
            CallbackRequest callback) {
        return new NewCallRequest(null, "op-1", "tokyo", addressee, callerName, PURPOSE, NUMBER, Urgency.NORMAL,
                notes, callback);
    }

    private static List<FieldError> check(NewCallRequest request) {
        return CallRules.check(request, NOW, NOW);
    }

    @Test
    void aWellFormedCallBreaksNoRule() {
        assertEquals(List.of(), check(call(NAME, "鈴木", "折り返し希望\n午後なら在席\tとのこと", new CallbackRequest(null, "鈴木"))));
    }

    @Test
    void aProvidedItemNeedsAValueAndABlankOneIsNoValue() {
        assertEquals(List.of(new FieldError("callerName.value", "is required when status is PROVIDED")),
                check(call(provided("  "), null, null, null)));
        assertEquals(List.of(new FieldError("callerName.value", "is required when status is PROVIDED")),
                check(call(provided(null), null, null, null)));
    }

    @Test
    void anItemNotObtainedMustNotCarryAValueWhateverTheReason() {
        for (CaptureStatus status : List.of(CaptureStatus.DECLINED, CaptureStatus.HUNG_UP, CaptureStatus.NOT_NEEDED)) {
            assertEquals(List.of(new FieldError("callerName.value", "must be absent when status is " + status)),
                    check(call(new CapturedItemRequest(status, "佐藤"), null, null, null)), status.name());
            assertEquals(List.of(), check(call(new CapturedItemRequest(status, null), null, null, null)),
                    status.name());
        }
    }

    @Test
    void anItemWithoutStatusIsLeftToBeanValidation() {
        assertEquals(List.of(), check(call(new CapturedItemRequest(null, null), null, null, null)));
    }

    @Test
    void anItemsValueIsASingleLine() {
        assertEquals(List.of(new FieldError("callerName.value", "must be a single line without control characters")),
                check(call(provided("佐藤\n様"), null, null, null)));
    }

    @Test
    void singleLineFieldsRefuseTabsAndUnicodeLineSeparators() {
        FieldError addressee = new FieldError("addressee", "must be a single line without control characters");
        assertEquals(List.of(addressee), check(call(NAME, "鈴木\t部長", null, null)));
        assertEquals(List.of(addressee), check(call(NAME, "鈴木\u2028部長", null, null)));
        assertEquals(List.of(addressee), check(call(NAME, "鈴木\u2029部長", null, null)));
        assertEquals(List.of(addressee), check(call(NAME, "鈴木\u0085部長", null, null)));
        assertEquals(List.of(new FieldError("callback.assignee", "must be a single line without control characters")),
                check(call(NAME, null, null, new CallbackRequest(null, "鈴木\r"))));
    }

    @Test
    void notesMaySpanLinesButCarryNoOtherControlCharacters() {
        assertEquals(List.of(), check(call(NAME, null, "一行目\r\n二行目\t続き", null)));
        assertEquals(List.of(new FieldError("notes",
                "must not contain control characters other than line breaks and tabs")),
                check(call(NAME, null, "ベル\u0007", null)));
        assertEquals(1, check(call(NAME, null, "段落\u2029区切り", null)).size());
    }

    @Test
    void aReceivedTimeWithinTheClockSkewIsAcceptedBeyondItRefused() {
        NewCallRequest request = call(NAME, null, null, null);

        assertEquals(List.of(), CallRules.check(request, NOW.plus(CallRules.CLOCK_SKEW), NOW));
        assertEquals(List.of(new FieldError("receivedAt", "must not be in the future")),
                CallRules.check(request, NOW.plus(CallRules.CLOCK_SKEW).plusSeconds(1), NOW));
        assertEquals(List.of(), CallRules.check(request, NOW.minusSeconds(86_400), NOW));
    }

    @Test
    void everyBrokenRuleIsReportedAtOnceEachNamingItsField() {
        NewCallRequest request = new NewCallRequest(null, "op\n1", "site\t2", "鈴木\n",
                provided(null), new CapturedItemRequest(CaptureStatus.DECLINED, "見積"), provided("03\n1234"),
                Urgency.URGENT, "\u0000", null, null, "見積\n", null);

        List<String> fields = CallRules.check(request, NOW.plusSeconds(3600), NOW).stream()
                .map(FieldError::field).toList();

        assertEquals(List.of("callerName.value", "purpose.value", "callbackNumber.value", "addressee", "operatorId",
                "site", "notes", "receivedAt", "purposeCategory"), fields);
    }

    @Test
    void controlCharacterCheckKnowsWhichLineBreaksNotesMayUse() {
        assertFalse(CallRules.hasControlCharacters("a\nb\rc\td", true));
        assertTrue(CallRules.hasControlCharacters("a\nb", false));
        assertTrue(CallRules.hasControlCharacters("a\u2028b", true));
        assertFalse(CallRules.hasControlCharacters("全角　スペースと絵文字😀", false));
    }
}
