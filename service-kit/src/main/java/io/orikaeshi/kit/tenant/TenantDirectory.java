package io.orikaeshi.kit.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

@ApplicationScoped
public class TenantDirectory {

    private final Map<String, TenantSettings> tenants;

    public TenantDirectory(TenantsConfig config) {
        this.tenants = config.tenants().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey,
                e -> new TenantSettings(e.getKey(), e.getValue().name(), Locale.forLanguageTag(e.getValue().locale()),
                        ZoneId.of(e.getValue().timeZone()), e.getValue().phoneRegion(),
                        e.getValue().reportRecipients().orElse(List.of()), e.getValue())));
    }

    public Optional<TenantSettings> find(String tenantId) {
        return Optional.ofNullable(tenantId).map(tenants::get);
    }
}
