package io.orikaeshi.intake.rest;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.intake.service.ProfileEdits;

import java.util.List;

/**
 * A tenant as stored, with warnings about settings that are allowed but unwise.
 *
 * @param settings the profile without its channels, whose secrets an API never shows
 * @param channels the tenant's channels as {@code /tenants/{t}/channels} lists them: whether each has a secret
 */
public record TenantView(String id, long revision, TenantProfile settings, List<ChannelView> channels,
        List<Warning> warnings) {

    public record Warning(String code, String field, String message) {
    }

    public static TenantView of(String id, long revision, TenantProfile profile, List<Warning> warnings) {
        return new TenantView(id, revision, ProfileEdits.withChannels(profile, List.of()),
                profile.notifications().channels().orElse(List.of()).stream().map(ChannelView::of).toList(),
                warnings);
    }
}
