package io.orikaeshi.kit.tenant;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

public record TenantSettings(String id, String name, Locale locale, ZoneId timeZone, String phoneRegion,
                             List<String> reportRecipients) {

    public boolean japanese() {
        return "ja".equals(locale.getLanguage());
    }
}
