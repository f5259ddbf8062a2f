package io.orikaeshi.kit.tenant;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** A tenant as services use it; {@code config} gives the policies (calendar, promises, plans). */
public record TenantSettings(String id, String name, Locale locale, ZoneId timeZone, String phoneRegion,
                             List<String> reportRecipients, TenantsConfig.Tenant config) {

    public boolean japanese() {
        return "ja".equals(locale.getLanguage());
    }
}
