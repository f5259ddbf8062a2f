package io.orikaeshi.intake.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orikaeshi.events.tenant.TenantProfile.Channel;
import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.events.tenant.TenantProfile.PersonalData;

import java.time.Instant;

/**
 * A channel as the admin API shows it: whether it has a secret, never the secret nor its sealed form.
 *
 * @param previousSecretUntil a rotated-out webhook secret is still signed with until then
 * @param secret              only in the answer that generated it (a webhook's signing secret), the one time it is
 *                            shown
 */
public record ChannelView(String id, ChannelType type, String url, String room, PersonalData personalData,
        boolean secretSet, Instant previousSecretUntil, @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    public static ChannelView of(Channel channel) {
        return shown(channel, null);
    }

    /** The view with a secret the service generated, shown once. */
    public static ChannelView shown(Channel channel, String generatedSecret) {
        return new ChannelView(channel.id(), channel.type(), channel.url().orElse(null), channel.room().orElse(null),
                channel.personalData(), channel.secret().isPresent(),
                channel.previousSecret().isPresent() ? channel.previousUntil().orElse(null) : null, generatedSecret);
    }
}
