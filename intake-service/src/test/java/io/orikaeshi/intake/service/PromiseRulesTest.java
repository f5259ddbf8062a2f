package io.orikaeshi.intake.service;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.PromiseKind;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.intake.rest.CallbackRequest;
import io.orikaeshi.kit.calendar.TenantCalendars;
import io.orikaeshi.kit.problem.Problem.FieldError;
import io.orikaeshi.kit.tenant.TenantSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Promise rules at a fixed "now", so that the dates they are checked on never slip into the past. */
class PromiseRulesTest {

    // acme-jp as configured: open MON-FRI 09:00-12:00,13:00-18:00 (Tokyo), Japanese holidays, default promise 2h.
    private static final TenantSettings ACME = acme(Optional.empty());
    private static final BusinessTime BUSINESS_TIME = new CalendarBusinessTime(new TenantCalendars());

    private static TenantSettings acme(Optional<Duration> nextBusinessDayWithin) {
        return new TenantSettings("acme-jp", 0, new TenantProfile("Acme",
                Optional.empty(), "ja", "Asia/Tokyo", "JP", Optional.of(List.of("uketsuke@acme.example")),
                new TenantProfile.Calendar("MON-FRI 09:00-12:00,13:00-18:00", "JP", Optional.empty()),
                new TenantProfile.Promises(Duration.ofMinutes(13), Optional.of(Duration.ofHours(2)), "受付チーム",
                        Optional.empty(), Optional.empty(), Optional.empty(), nextBusinessDayWithin),
                Optional.empty(), TenantProfile.Notifications.defaults()), List.of());
    }

    private static CallbackRequest request(PromiseKind kind, String dueAt) {
        return new CallbackRequest(kind, dueAt == null ? null : OffsetDateTime.parse(dueAt), null, null, "佐藤", null);
    }

    private static CallbackPromise promise(CallbackRequest request, String receivedAt, String now,
            List<FieldError> errors) {
        return PromiseRules.promise(request, OffsetDateTime.parse(receivedAt).toInstant(),
                OffsetDateTime.parse(now).toInstant(), ACME, BUSINESS_TIME, errors);
    }

    @Test
    void promiseWithoutATimeUsesTheTenantsDefaultInBusinessHours() {
        // Received Friday 2026-11-20 17:30 JST: 30 min that day; Monday 23rd is 勤労感謝の日, so the other 90 min
        // run from Tuesday 09:00 -> Tuesday 10:30 JST.
        List<FieldError> errors = new ArrayList<>();
        CallbackPromise promise = promise(request(null, null), "2026-11-20T17:30:00+09:00",
                "2026-11-20T17:31:00+09:00", errors);

        assertEquals(List.of(), errors);
        assertEquals(PromiseKind.TENANT_DEFAULT, promise.kind());
        assertEquals(Instant.parse("2026-11-24T01:30:00Z"), promise.dueAt());
    }

    @Test
    void nextBusinessDaySkipsTheWeekendAndTheNationalHoliday() {
        List<FieldError> errors = new ArrayList<>();
        CallbackPromise promise = promise(request(PromiseKind.NEXT_BUSINESS_DAY, null), "2026-11-20T16:00:00+09:00",
                "2026-11-20T16:01:00+09:00", errors);

        // Friday -> (weekend, Monday 勤労感謝の日) -> Tuesday 09:00 plus three business hours: 12:00 JST.
        assertEquals(List.of(), errors);
        assertEquals(Instant.parse("2026-11-24T03:00:00Z"), promise.dueAt());
    }

    @Test
    void nextBusinessDayIsDueWhenTheTenantSaysAfterTheOpening() {
        // A tenant that promises "first thing": one business hour after Tuesday's 09:00 opening.
        List<FieldError> errors = new ArrayList<>();
        CallbackPromise promise = PromiseRules.promise(request(PromiseKind.NEXT_BUSINESS_DAY, null),
                OffsetDateTime.parse("2026-11-20T16:00:00+09:00").toInstant(),
                OffsetDateTime.parse("2026-11-20T16:01:00+09:00").toInstant(), acme(Optional.of(Duration.ofHours(1))),
                BUSINESS_TIME, errors);

        assertEquals(List.of(), errors);
        assertEquals(Instant.parse("2026-11-24T01:00:00Z"), promise.dueAt());
    }

    @Test
    void aDueTimeAlreadyPastIsRefusedEvenWhenItIsAfterTheCallWasReceived() {
        // Received an hour ago, promised for 30 minutes ago: after receivedAt, but a promise nobody can keep any more.
        List<FieldError> errors = new ArrayList<>();
        promise(request(PromiseKind.BY_TIME, "2026-11-20T15:30:00+09:00"), "2026-11-20T15:00:00+09:00",
                "2026-11-20T16:00:00+09:00", errors);

        assertEquals(List.of(PromiseRules.ALREADY_DUE), errors);
        assertEquals("callback.dueAt", errors.get(0).field());
    }

    @Test
    void aPromiseComputedFromAPastCallIsRefusedOnceItsDueTimeHasPassed() {
        List<FieldError> errors = new ArrayList<>();
        promise(request(PromiseKind.NEXT_BUSINESS_DAY, null), "2026-11-20T16:00:00+09:00",
                "2026-11-25T09:00:00+09:00", errors);

        assertEquals(List.of(PromiseRules.ALREADY_DUE), errors);
    }

    private static final String RECEIVED = "2026-11-20T15:00:00+09:00";
    private static final String NOW = "2026-11-20T15:01:00+09:00";

    private static CallbackRequest request(PromiseKind kind, String notBefore, String dueAt, Duration within,
            String assignee, AssigneeKind assigneeKind) {
        return new CallbackRequest(kind, dueAt == null ? null : OffsetDateTime.parse(dueAt), within,
                notBefore == null ? null : OffsetDateTime.parse(notBefore), assignee, assigneeKind);
    }

    @Test
    void noCallbackRequestedIsNoPromise() {
        List<FieldError> errors = new ArrayList<>();

        assertNull(promise(null, RECEIVED, NOW, errors));
        assertEquals(List.of(), errors);
    }

    @Test
    void theKindFollowsWhatTheOperatorGaveWhenNotStated() {
        List<FieldError> errors = new ArrayList<>();

        CallbackPromise byTime = promise(request(null, null, "2026-11-20T17:00:00+09:00", Duration.ofMinutes(30),
                null, null), RECEIVED, NOW, errors);
        CallbackPromise within = promise(request(null, null, null, Duration.ofMinutes(30), null, null),
                RECEIVED, NOW, errors);

        assertEquals(List.of(), errors);
        assertEquals(PromiseKind.BY_TIME, byTime.kind());
        assertEquals(Instant.parse("2026-11-20T08:00:00Z"), byTime.dueAt());
        assertEquals(PromiseKind.WITHIN, within.kind());
        assertEquals(Instant.parse("2026-11-20T06:30:00Z"), within.dueAt(), "within counts from receipt, not now");
    }

    @Test
    void eachKindNamesTheFieldItIsMissing() {
        List<FieldError> errors = new ArrayList<>();
        promise(request(PromiseKind.BY_TIME, null, null, null, null, null), RECEIVED, NOW, errors);
        promise(request(PromiseKind.WITHIN, null, null, Duration.ZERO, null, null), RECEIVED, NOW, errors);
        promise(request(PromiseKind.WITHIN, null, null, Duration.ofMinutes(-5), null, null), RECEIVED, NOW, errors);
        promise(request(PromiseKind.WINDOW, null, null, null, null, null), RECEIVED, NOW, errors);

        assertEquals(List.of(new FieldError("callback.dueAt", "is required for a BY_TIME promise"),
                new FieldError("callback.within", "must be a positive duration for a WITHIN promise"),
                new FieldError("callback.within", "must be a positive duration for a WITHIN promise"),
                new FieldError("callback.notBefore", "is required for a WINDOW promise"),
                new FieldError("callback.dueAt", "is required for a WINDOW promise")), errors);
    }

    @Test
    void aWindowOpensBeforeItCloses() {
        List<FieldError> errors = new ArrayList<>();
        CallbackPromise window = promise(request(PromiseKind.WINDOW, "2026-11-20T16:00:00+09:00",
                "2026-11-20T18:00:00+09:00", null, null, null), RECEIVED, NOW, errors);

        assertEquals(List.of(), errors);
        assertEquals(Instant.parse("2026-11-20T07:00:00Z"), window.notBefore());
        assertEquals(Instant.parse("2026-11-20T09:00:00Z"), window.dueAt());

        promise(request(PromiseKind.WINDOW, "2026-11-20T18:00:00+09:00", "2026-11-20T18:00:00+09:00", null, null,
                null), RECEIVED, NOW, errors);
        assertEquals(List.of(new FieldError("callback.notBefore", "must be before callback.dueAt")), errors);
    }

    @Test
    void aDueTimeMustFallAfterTheCallAndWithinAYearOfIt() {
        List<FieldError> errors = new ArrayList<>();
        promise(request(PromiseKind.BY_TIME, null, RECEIVED, null, null, null), RECEIVED, NOW, errors);
        promise(request(PromiseKind.WITHIN, null, null, PromiseRules.LONGEST_PROMISE.plusSeconds(1), null, null),
                RECEIVED, NOW, errors);
        CallbackPromise longest = promise(request(PromiseKind.WITHIN, null, null, PromiseRules.LONGEST_PROMISE, null,
                null), RECEIVED, NOW, errors);

        assertEquals(List.of(new FieldError("callback.dueAt", "must be after the call was received"),
                new FieldError("callback.dueAt", "must be within a year of the call")), errors);
        assertEquals(OffsetDateTime.parse(RECEIVED).toInstant().plus(PromiseRules.LONGEST_PROMISE), longest.dueAt());
    }

    @Test
    void aDefaultPromiseNeedsATenantThatHasOne() {
        TenantSettings noDefault = new TenantSettings("acme-jp", 0, new TenantProfile("Acme", Optional.empty(), "ja",
                "Asia/Tokyo", "JP", Optional.empty(),
                new TenantProfile.Calendar("MON-FRI 09:00-18:00", "JP", Optional.empty()),
                new TenantProfile.Promises(Duration.ofMinutes(13), Optional.empty(), "受付チーム", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), TenantProfile.Notifications.defaults()), List.of());
        List<FieldError> errors = new ArrayList<>();

        PromiseRules.promise(request(null, null), OffsetDateTime.parse(RECEIVED).toInstant(),
                OffsetDateTime.parse(NOW).toInstant(), noDefault, BUSINESS_TIME, errors);

        assertEquals(List.of(new FieldError("callback", "states no time and the tenant has no default promise")),
                errors);
    }

    @Test
    void aPromiseWithoutAssigneeGoesToTheTenantsPoolANamedOneToThatPerson() {
        List<FieldError> errors = new ArrayList<>();
        Duration half = Duration.ofMinutes(30);

        CallbackPromise pool = promise(request(null, null, null, half, "  ", null), RECEIVED, NOW, errors);
        CallbackPromise person = promise(request(null, null, null, half, " 鈴木 ", null), RECEIVED, NOW, errors);
        CallbackPromise team = promise(request(null, null, null, half, "営業二課", AssigneeKind.POOL), RECEIVED, NOW,
                errors);

        assertEquals(List.of(), errors);
        assertEquals("受付チーム", pool.assignee());
        assertEquals(AssigneeKind.POOL, pool.assigneeKind());
        assertEquals("鈴木", person.assignee());
        assertEquals(AssigneeKind.PERSON, person.assigneeKind());
        assertEquals("営業二課", team.assignee());
        assertEquals(AssigneeKind.POOL, team.assigneeKind());
    }
}
