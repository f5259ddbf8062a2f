package io.orikaeshi.intake.service;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.Channel;
import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.intake.mapping.ChannelRules;
import io.orikaeshi.intake.rest.ChannelRequest;
import io.orikaeshi.kit.problem.Problem;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.secrets.SecretBox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A tenant's channels. Secrets are sealed before they reach the transaction: the tenant row and the published
 * TenantChanged hold only the sealed form, which notification-service opens when it sends.
 */
@ApplicationScoped
public class ChannelAdmin {

    /** How long a rotated-out webhook secret is still signed with: a day to deploy the receiver's new secret. */
    static final Duration PREVIOUS_KEPT = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    TenantAdmin admin;
    @Inject
    SecretBox box;

    /** @param generatedSecret the webhook signing secret made for the channel, to be shown once */
    public record Put(Channel channel, boolean created, Optional<String> generatedSecret) {
    }

    public record Rotated(Channel channel, String secret) {
    }

    public Uni<Put> put(String tenantId, String id, ChannelRequest request) {
        requireBox();
        String given = request.secret() == null || request.secret().isBlank() ? null : request.secret().strip();
        if (given != null) {
            refuse(ChannelRules.check(id, request, given));
        }
        String generated = given == null && request.type() == ChannelType.WEBHOOK ? newSecret() : null;
        String sealedGiven = given == null ? null : box.seal(given);
        String sealedGenerated = generated == null ? null : box.seal(generated);
        AtomicBoolean created = new AtomicBoolean();
        AtomicBoolean generatedUsed = new AtomicBoolean();
        return admin.editProfile(tenantId, profile -> {
            Optional<Channel> existing = profile.channel(id);
            created.set(existing.isEmpty());
            Channel channel;
            if (sealedGiven != null) {
                // A secret given outright replaces the old one at once; a grace period is what rotation is for.
                channel = channel(id, request, sealedGiven, Optional.empty(), Optional.empty());
            } else if (existing.filter(c -> c.type() == request.type()).flatMap(Channel::secret).isPresent()) {
                Channel kept = existing.get();
                refuse(ChannelRules.check(id, request, opened(kept.secret().get())));
                channel = channel(id, request, kept.secret().get(), kept.previousSecret(), kept.previousUntil());
            } else {
                refuse(ChannelRules.check(id, request, generated));
                generatedUsed.set(true);
                channel = channel(id, request, sealedGenerated, Optional.empty(), Optional.empty());
            }
            return ProfileEdits.withChannels(profile, ProfileEdits.upsert(channels(profile), channel, Channel::id));
        }).map(tenant -> new Put(tenant.config().channel(id).orElseThrow(), created.get(),
                Optional.ofNullable(generatedUsed.get() ? generated : null)));
    }

    /**
     * A new signing secret for a webhook; the old one stays valid for {@link #PREVIOUS_KEPT} (messages are signed
     * with both meanwhile). A second rotation within that time drops the oldest secret at once.
     */
    public Uni<Rotated> rotate(String tenantId, String id) {
        requireBox();
        String secret = newSecret();
        String sealed = box.seal(secret);
        Instant previousUntil = Instant.now().plus(PREVIOUS_KEPT);
        return admin.editProfile(tenantId, profile -> {
            Channel current = profile.channel(id).orElseThrow(() -> ProblemException.notFound("Channel"));
            if (current.type() != ChannelType.WEBHOOK) {
                throw ProblemException.conflict("Only a WEBHOOK channel's signing secret rotates; give a "
                        + current.type() + " channel its new secret with PUT");
            }
            Channel rotated = new Channel(id, current.type(), current.url(), current.room(), Optional.of(sealed),
                    current.secret(), current.secret().map(old -> previousUntil), current.personalData());
            return ProfileEdits.withChannels(profile, ProfileEdits.upsert(channels(profile), rotated, Channel::id));
        }).map(tenant -> new Rotated(tenant.config().channel(id).orElseThrow(), secret));
    }

    /** @throws ProblemException 409 while a route or escalation level names the channel */
    public Uni<Void> delete(String tenantId, String id) {
        return admin.editProfile(tenantId, profile -> {
            if (profile.channel(id).isEmpty()) {
                throw ProblemException.notFound("Channel");
            }
            TenantReferences.requireUnusedChannel(profile, id);
            return ProfileEdits.withChannels(profile, ProfileEdits.without(channels(profile), id, Channel::id));
        }).replaceWithVoid();
    }

    /**
     * Without the key a secret could only be stored in plain, which we never do: the service is not set up for
     * channels, and no request of the client can change that.
     */
    private void requireBox() {
        if (!box.enabled()) {
            throw new ProblemException(503, "Channels cannot be stored: this service has no key to seal their"
                    + " secrets (orikaeshi.secrets.key); its operator must set ORIKAESHI_SECRETS_KEY", List.of());
        }
    }

    private String opened(String sealed) {
        try {
            return box.open(sealed);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("secret",
                    "the stored secret cannot be opened with this service's key; give the secret again");
        }
    }

    private static Channel channel(String id, ChannelRequest r, String sealedSecret, Optional<String> previous,
            Optional<Instant> previousUntil) {
        return new Channel(id, r.type(), Optional.ofNullable(r.url()).map(String::strip),
                Optional.ofNullable(r.room()).map(String::strip), Optional.of(sealedSecret), previous, previousUntil,
                r.personalData());
    }

    private static List<Channel> channels(TenantProfile profile) {
        return profile.notifications().channels().orElse(List.of());
    }

    private static void refuse(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** 32 random bytes: as strong as the HMAC-SHA256 key it becomes. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
