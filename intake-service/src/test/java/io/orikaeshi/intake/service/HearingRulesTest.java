package io.orikaeshi.intake.service;

import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.HearingAnswer;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.intake.rest.HearingItemRequest;
import io.orikaeshi.kit.problem.Problem.FieldError;
import io.orikaeshi.kit.tenant.TenantSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hearing items are taken only as the plan in force on the day of the call (in the tenant's time zone) sells them. */
class HearingRulesTest {

    private static final String TIME_SLOT = "ご希望の折り返し時間帯";
    private static final String COMPANY = "会社名";
    /** From December the plan adds the company name. */
    private static final TenantSettings TENANT = tenant(Optional.of(List.of(
            new TenantProfile.Plan(LocalDate.parse("2026-01-01"), 300, 50, Optional.of(List.of(TIME_SLOT))),
            new TenantProfile.Plan(LocalDate.parse("2026-12-01"), 300, 50, Optional.of(List.of(TIME_SLOT, COMPANY))))));
    /** 2026-11-20 15:00 in Tokyo: the first plan is in force. */
    private static final Instant NOVEMBER = Instant.parse("2026-11-20T06:00:00Z");

    private static TenantSettings tenant(Optional<List<TenantProfile.Plan>> plans) {
        return new TenantSettings("acme-jp", 0, new TenantProfile("Acme", Optional.empty(), "ja", "Asia/Tokyo", "JP",
                Optional.empty(), new TenantProfile.Calendar("MON-FRI 09:00-18:00", "JP", Optional.empty()),
                new TenantProfile.Promises(Duration.ofMinutes(15), Optional.empty(), "受付チーム", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                plans, TenantProfile.Notifications.defaults()), List.of());
    }

    private static HearingItemRequest item(String item, CaptureStatus status, String value) {
        return new HearingItemRequest(item, status, value);
    }

    private static List<HearingAnswer> answers(TenantSettings tenant, Instant receivedAt, List<FieldError> errors,
                                               HearingItemRequest... items) {
        return HearingRules.answers(Arrays.asList(items), tenant, receivedAt, errors);
    }

    @Test
    void noItemsAskedIsNoAnswersAndNoErrors() {
        List<FieldError> errors = new ArrayList<>();

        assertEquals(List.of(), HearingRules.answers(null, TENANT, NOVEMBER, errors));
        assertEquals(List.of(), HearingRules.answers(List.of(), TENANT, NOVEMBER, errors));
        assertEquals(List.of(), errors);
    }

    @Test
    void aProvidedAnswerIsTakenWithItsValueStripped() {
        List<FieldError> errors = new ArrayList<>();

        List<HearingAnswer> answers = answers(TENANT, NOVEMBER, errors,
                item(TIME_SLOT, CaptureStatus.PROVIDED, "  15時以降 "));

        assertEquals(List.of(), errors);
        assertEquals(List.of(new HearingAnswer(TIME_SLOT, CapturedItem.provided("15時以降"))), answers);
    }

    @Test
    void anAnswerNotObtainedKeepsItsReasonForEachStatus() {
        for (CaptureStatus status : List.of(CaptureStatus.DECLINED, CaptureStatus.HUNG_UP, CaptureStatus.NOT_NEEDED)) {
            List<FieldError> errors = new ArrayList<>();

            List<HearingAnswer> answers = answers(TENANT, NOVEMBER, errors, item(TIME_SLOT, status, null));

            assertEquals(List.of(), errors, status.name());
            assertEquals(List.of(new HearingAnswer(TIME_SLOT, CapturedItem.notObtained(status))), answers,
                    status.name());
        }
    }

    @Test
    void statusAndValueMustFitTogether() {
        List<FieldError> errors = new ArrayList<>();

        List<HearingAnswer> answers = answers(TENANT, Instant.parse("2026-12-02T06:00:00Z"), errors,
                item(TIME_SLOT, CaptureStatus.PROVIDED, " "),
                item(COMPANY, CaptureStatus.DECLINED, "Acme"));

        assertEquals(List.of(), answers);
        assertEquals(List.of(new FieldError("hearingItems[0].value", "is required when status is PROVIDED"),
                new FieldError("hearingItems[1].value", "must be absent when status is DECLINED")), errors);
    }

    @Test
    void anItemOutsideThePlanOfTheDayIsRefused() {
        List<FieldError> errors = new ArrayList<>();

        List<HearingAnswer> answers = answers(TENANT, NOVEMBER, errors,
                item(TIME_SLOT, CaptureStatus.PROVIDED, "午後"), item(COMPANY, CaptureStatus.PROVIDED, "Acme"));

        assertEquals(List.of(new HearingAnswer(TIME_SLOT, CapturedItem.provided("午後"))), answers);
        assertEquals(List.of(new FieldError("hearingItems[1].item", "is not a hearing item of the tenant's plan")),
                errors);
    }

    @Test
    void thePlanChangesOnTheTenantsDayNotOnUtcs() {
        // 2026-11-30 15:30 UTC is already 1 December 00:30 in Tokyo: the December plan, with the company name.
        Instant decemberInTokyo = Instant.parse("2026-11-30T15:30:00Z");
        List<FieldError> errors = new ArrayList<>();

        List<HearingAnswer> answers = answers(TENANT, decemberInTokyo, errors,
                item(COMPANY, CaptureStatus.PROVIDED, "Acme"));

        assertEquals(List.of(), errors);
        assertEquals(1, answers.size());
        assertEquals(LocalDate.parse("2026-12-01"), HearingRules.planOn(TENANT, decemberInTokyo).orElseThrow()
                .effectiveFrom());
        assertEquals(LocalDate.parse("2026-01-01"), HearingRules.planOn(TENANT, decemberInTokyo.minusSeconds(3600))
                .orElseThrow().effectiveFrom());
    }

    @Test
    void beforeTheFirstPlanOrWithoutPlansNoItemIsSold() {
        List<FieldError> errors = new ArrayList<>();

        answers(TENANT, Instant.parse("2025-12-31T06:00:00Z"), errors, item(TIME_SLOT, CaptureStatus.PROVIDED, "午後"));
        answers(tenant(Optional.empty()), NOVEMBER, errors, item(TIME_SLOT, CaptureStatus.PROVIDED, "午後"));

        assertEquals(2, errors.size());
        assertTrue(errors.stream().allMatch(e -> e.field().equals("hearingItems[0].item")), errors::toString);
        assertTrue(HearingRules.planOn(tenant(Optional.empty()), NOVEMBER).isEmpty());
    }

    @Test
    void anItemAnsweredTwiceKeepsTheFirstAnswer() {
        List<FieldError> errors = new ArrayList<>();

        List<HearingAnswer> answers = answers(TENANT, NOVEMBER, errors,
                item(TIME_SLOT, CaptureStatus.PROVIDED, "午前"), item(TIME_SLOT, CaptureStatus.PROVIDED, "午後"));

        assertEquals(List.of(new HearingAnswer(TIME_SLOT, CapturedItem.provided("午前"))), answers);
        assertEquals(List.of(new FieldError("hearingItems[1].item", "is answered twice")), errors);
    }

    @Test
    void anAnswersValueIsASingleLine() {
        List<FieldError> errors = new ArrayList<>();

        List<HearingAnswer> answers = answers(TENANT, NOVEMBER, errors,
                item(TIME_SLOT, CaptureStatus.PROVIDED, "15時\n以降"));

        assertEquals(List.of(), answers);
        assertEquals(List.of(new FieldError("hearingItems[0].value",
                "must be a single line without control characters")), errors);
    }

    @Test
    void anIncompleteItemIsLeftToBeanValidation() {
        List<FieldError> errors = new ArrayList<>();

        List<HearingAnswer> answers = answers(TENANT, NOVEMBER, errors, (HearingItemRequest) null,
                item(null, CaptureStatus.PROVIDED, "x"), item(TIME_SLOT, null, "x"));

        assertEquals(List.of(), answers);
        assertEquals(List.of(), errors);
    }
}
