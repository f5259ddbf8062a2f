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

    /** What the rules took from the items of a call, and what they refused. */
    private record Taken(List<HearingAnswer> answers, List<FieldError> errors) {
    }

    private static Taken take(TenantSettings tenant, Instant receivedAt, HearingItemRequest... items) {
        List<FieldError> errors = new ArrayList<>();
        List<HearingAnswer> answers = HearingRules.answers(Arrays.asList(items), tenant, receivedAt, errors);
        return new Taken(answers, errors);
    }

    private static Taken answered(HearingAnswer... answers) {
        return new Taken(List.of(answers), List.of());
    }

    private static Taken refused(FieldError... errors) {
        return new Taken(List.of(), List.of(errors));
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
        assertEquals(answered(new HearingAnswer(TIME_SLOT, CapturedItem.provided("15時以降"))),
                take(TENANT, NOVEMBER, item(TIME_SLOT, CaptureStatus.PROVIDED, "  15時以降 ")));
    }

    @Test
    void anAnswerNotObtainedKeepsItsReasonForEachStatus() {
        for (CaptureStatus status : List.of(CaptureStatus.DECLINED, CaptureStatus.HUNG_UP, CaptureStatus.NOT_NEEDED)) {
            assertEquals(answered(new HearingAnswer(TIME_SLOT, CapturedItem.notObtained(status))),
                    take(TENANT, NOVEMBER, item(TIME_SLOT, status, null)), status.name());
        }
    }

    @Test
    void statusAndValueMustFitTogether() {
        assertEquals(refused(new FieldError("hearingItems[0].value", "is required when status is PROVIDED"),
                new FieldError("hearingItems[1].value", "must be absent when status is DECLINED")),
                take(TENANT, Instant.parse("2026-12-02T06:00:00Z"), item(TIME_SLOT, CaptureStatus.PROVIDED, " "),
                        item(COMPANY, CaptureStatus.DECLINED, "Acme")));
    }

    @Test
    void anItemOutsideThePlanOfTheDayIsRefused() {
        assertEquals(new Taken(List.of(new HearingAnswer(TIME_SLOT, CapturedItem.provided("午後"))),
                List.of(new FieldError("hearingItems[1].item", "is not a hearing item of the tenant's plan"))),
                take(TENANT, NOVEMBER, item(TIME_SLOT, CaptureStatus.PROVIDED, "午後"),
                        item(COMPANY, CaptureStatus.PROVIDED, "Acme")));
    }

    @Test
    void thePlanChangesOnTheTenantsDayNotOnUtcs() {
        // 2026-11-30 15:30 UTC is already 1 December 00:30 in Tokyo: the December plan, with the company name.
        Instant decemberInTokyo = Instant.parse("2026-11-30T15:30:00Z");

        assertEquals(answered(new HearingAnswer(COMPANY, CapturedItem.provided("Acme"))),
                take(TENANT, decemberInTokyo, item(COMPANY, CaptureStatus.PROVIDED, "Acme")));
        assertEquals(LocalDate.parse("2026-12-01"), HearingRules.planOn(TENANT, decemberInTokyo).orElseThrow()
                .effectiveFrom());
        assertEquals(LocalDate.parse("2026-01-01"), HearingRules.planOn(TENANT, decemberInTokyo.minusSeconds(3600))
                .orElseThrow().effectiveFrom());
    }

    @Test
    void beforeTheFirstPlanOrWithoutPlansNoItemIsSold() {
        Taken beforeFirstPlan = take(TENANT, Instant.parse("2025-12-31T06:00:00Z"),
                item(TIME_SLOT, CaptureStatus.PROVIDED, "午後"));
        Taken withoutPlans = take(tenant(Optional.empty()), NOVEMBER, item(TIME_SLOT, CaptureStatus.PROVIDED, "午後"));

        Taken notSold = refused(new FieldError("hearingItems[0].item", "is not a hearing item of the tenant's plan"));
        assertEquals(notSold, beforeFirstPlan);
        assertEquals(notSold, withoutPlans);
        assertTrue(HearingRules.planOn(tenant(Optional.empty()), NOVEMBER).isEmpty());
    }

    @Test
    void anItemAnsweredTwiceKeepsTheFirstAnswer() {
        assertEquals(new Taken(List.of(new HearingAnswer(TIME_SLOT, CapturedItem.provided("午前"))),
                List.of(new FieldError("hearingItems[1].item", "is answered twice"))),
                take(TENANT, NOVEMBER, item(TIME_SLOT, CaptureStatus.PROVIDED, "午前"),
                        item(TIME_SLOT, CaptureStatus.PROVIDED, "午後")));
    }

    @Test
    void anAnswersValueIsASingleLine() {
        assertEquals(
                refused(new FieldError("hearingItems[0].value", "must be a single line without control characters")),
                take(TENANT, NOVEMBER, item(TIME_SLOT, CaptureStatus.PROVIDED, "15時\n以降")));
    }

    @Test
    void anIncompleteItemIsLeftToBeanValidation() {
        assertEquals(answered(), take(TENANT, NOVEMBER, (HearingItemRequest) null,
                item(null, CaptureStatus.PROVIDED, "x"), item(TIME_SLOT, null, "x")));
    }
}
