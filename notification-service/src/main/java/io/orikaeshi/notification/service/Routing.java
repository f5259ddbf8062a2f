package io.orikaeshi.notification.service;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.kit.tenant.TenantSettings;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The tenant's routing rules: whom a call's report and alerts go to. */
final class Routing {

    private Routing() {
    }

    /** The first route the call matches, else the tenant's report recipients. */
    static List<String> recipients(TenantSettings tenant, CallDetails call) {
        return tenant.config().notifications().routes().orElse(List.of()).stream()
                .filter(route -> matches(route, call))
                .findFirst()
                .map(TenantProfile.Route::recipients)
                .orElse(tenant.reportRecipients());
    }

    /** A route with no condition would swallow every call; it matches nothing rather than hide the fallback. */
    private static boolean matches(TenantProfile.Route route, CallDetails call) {
        if (route.addressee().isEmpty() && route.purposeCategory().isEmpty()) {
            return false;
        }
        return same(route.addressee(), call.addressee()) && same(route.purposeCategory(), call.purposeCategory());
    }

    private static boolean same(Optional<String> wanted, String actual) {
        return wanted.isEmpty() || actual != null
                && wanted.get().strip().toLowerCase(Locale.ROOT).equals(actual.strip().toLowerCase(Locale.ROOT));
    }
}
