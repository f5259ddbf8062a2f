package io.orikaeshi.intake.service;

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
}
