package io.orikaeshi.kit.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Client companies, from configuration for now ({@code orikaeshi.tenants.<id>.*}; the local run and the tests read
 * config/tenants.properties). A later admin API replaces this source, not the {@link TenantDirectory} callers use.
 */
@ConfigMapping(prefix = "orikaeshi")
public interface TenantsConfig {

    Map<String, Tenant> tenants();

    interface Tenant {
        String name();

        /** "ja" or "en": the language of the tenant's emails. */
        @WithDefault("ja")
        String locale();

        @WithDefault("Asia/Tokyo")
        String timeZone();

        /** ISO 3166 region used to read national phone numbers, e.g. JP reads "03-1234-5678". */
        @WithDefault("JP")
        String phoneRegion();

        Optional<List<String>> reportRecipients();
    }
}
