package io.orikaeshi.kit.tenant;

import io.orikaeshi.events.tenant.ApiKeyGrant;
import io.orikaeshi.events.tenant.TenantProfile;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * A tenant as services use it. {@code revision} is 0 for a tenant read from configuration and grows with each change
 * made through the admin API; caches derived from a tenant (policies, calendars) key on it.
 */
public record TenantSettings(String id, long revision, TenantProfile config, List<ApiKeyGrant> apiKeys) {

    public String name() {
        return config.name();
    }

    public Locale locale() {
        return Locale.forLanguageTag(config.locale());
    }

    public ZoneId timeZone() {
        return ZoneId.of(config.timeZone());
    }

    public String phoneRegion() {
        return config.phoneRegion();
    }

    public List<String> reportRecipients() {
        return config.reportRecipients().orElse(List.of());
    }

    public boolean japanese() {
        return "ja".equals(locale().getLanguage());
    }
}
