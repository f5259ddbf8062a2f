package io.orikaeshi.intake.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A client company's settings, as the admin API takes them (the whole tenant: PUT replaces it). Durations are ISO 8601
 * ("PT15M"); what is left out takes the documented default.
 *
 * @param id only when creating: lower-case letters, digits and hyphens
 */
public record TenantRequest(
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}",
                message = "must be 2-63 lower-case letters, digits or hyphens") String id,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String publicLabel,
        @NotNull @Pattern(regexp = "ja|en", message = "must be ja or en") String locale,
        @NotBlank @Size(max = 64) String timeZone,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 region such as JP") String phoneRegion,
        @Size(max = 20) List<@NotBlank @Email @Size(max = 254) String> reportRecipients,
        @Valid CalendarRequest calendar,
        @Valid PromisesRequest promises,
        @Size(max = 24) List<@NotNull @Valid PlanRequest> plans,
        @Valid NotificationsRequest notifications) {

    /**
     * @param openingHours e.g. "MON-FRI 09:00-12:00,13:00-18:00; SAT 10:00-13:00" (default MON-FRI 09:00-18:00)
     * @param holidays     ISO 3166 country whose public holidays close the tenant, or NONE (default: phoneRegion)
     */
    public record CalendarRequest(@Size(max = 500) String openingHours, @Size(max = 8) String holidays,
            @Size(max = 366) List<@NotNull LocalDate> companyHolidays) {
    }

    /**
     * @param warningLead     how long before the due time to warn (default 15 minutes); PT0S: no warning
     * @param pool            default "pool"
     * @param maxWarningShare the warning never comes earlier than this share of the promise window (default 0.5)
     * @param nextBusinessDayWithin a NEXT_BUSINESS_DAY promise is due this much business time after that day's
     *                        opening (default PT3H: 12:00 for a 09:00 opening)
     */
    public record PromisesRequest(Duration warningLead, Duration defaultPromise, @Size(max = 100) String pool,
            Duration poolFallbackAfter,
            @Size(max = 10) List<@NotNull @Valid EscalationRequest> escalation,
            @DecimalMin("0.0") @DecimalMax("1.0") Double maxWarningShare,
            Duration nextBusinessDayWithin) {
    }

    /**
     * @param target "assignee", "supervisor", or an address: an email address, contact:&lt;id&gt;,
     *               on-call:&lt;schedule&gt;, channel:&lt;id&gt; or channel:&lt;id&gt;:contact:&lt;id&gt; /
     *               channel:&lt;id&gt;:on-call:&lt;schedule&gt; (what it names must exist)
     */
    public record EscalationRequest(@NotNull Duration after, @NotBlank @Size(max = 254) String target) {
    }

    /**
     * @param quietHours   hold mail about non-urgent calls while the tenant is closed (default false)
     * @param digestAt     send reports as one daily digest at this local time instead of one email per call
     * @param sendingLimit at most this many emails per sendingWindow (default 120 per minute)
     * @param repeatAfter  a repeat notice goes once when nobody acknowledged a promised callback this long after its
     *                     report, PT15M to P1D (e.g. PT15M, PT30M, PT1H, PT12H, P1D); left out: no repeat notice
     */
    public record NotificationsRequest(@Size(max = 50) List<@NotNull @Valid RouteRequest> routes, Boolean quietHours,
            LocalTime digestAt, @Positive @Max(100_000) Integer sendingLimit,
            Duration sendingWindow, Duration repeatAfter) {
    }

    /**
     * Tried in order; the first route matching a call (every condition it states) chooses the recipients.
     *
     * @param recipients each an email address, contact:&lt;id&gt;, on-call:&lt;schedule&gt;, channel:&lt;id&gt;,
     *                   channel:&lt;id&gt;:contact:&lt;id&gt; or channel:&lt;id&gt;:on-call:&lt;schedule&gt;; the contacts,
     *                   channels and schedules named must exist
     */
    public record RouteRequest(@Size(max = 200) String addressee, @Size(max = 100) String purposeCategory,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 254) String> recipients) {
    }

    public record PlanRequest(@NotNull LocalDate effectiveFrom, @PositiveOrZero int unitPrice,
            @PositiveOrZero int hearingPrice,
            @Size(max = 5) List<@NotBlank @Size(max = 100) String> hearingItems) {
    }
}
