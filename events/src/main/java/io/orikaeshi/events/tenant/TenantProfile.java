package io.orikaeshi.events.tenant;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything services need to know about a client company. The shape mirrors the {@code orikaeshi.tenants.<id>.*}
 * configuration that seeds the demo tenants, so a tenant reads the same whether it came from configuration or from
 * the admin API.
 *
 * @param publicLabel how operators answer the phone for this tenant (e.g. the company name, or "営業部")
 */
public record TenantProfile(String name, Optional<String> publicLabel, String locale, String timeZone,
                            String phoneRegion, Optional<List<String>> reportRecipients, Calendar calendar,
                            Promises promises, Optional<List<Plan>> plans) {

    public record Calendar(String openingHours, String holidays, Optional<List<LocalDate>> companyHolidays) {
    }

    public record Promises(Duration warningLead, Optional<Duration> defaultPromise, String pool,
                           Optional<Duration> poolFallbackAfter, Optional<List<EscalationLevel>> escalation) {
    }

    /** @param target "assignee", "supervisor", or an email address */
    public record EscalationLevel(Duration after, String target) {
    }

    public record Plan(LocalDate effectiveFrom, int unitPrice, int hearingPrice, Optional<List<String>> hearingItems) {
    }
}
