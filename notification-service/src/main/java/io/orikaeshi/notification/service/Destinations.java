package io.orikaeshi.notification.service;

import io.orikaeshi.events.tenant.Address;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.notification.channel.ChatMessage;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the addresses of routes and escalation levels lead when a message is made: a mailbox, or a channel with the
 * person it mentions. An on-call person is the one on call at that moment. An address that leads nowhere (an unknown
 * contact, channel or schedule, nobody on call, a contact without email) is logged by its ids and skipped: the other
 * addresses still get their message.
 */
final class Destinations {

    private static final Logger LOG = Logger.getLogger(Destinations.class);

    /** Where one message goes; {@code key} names it in the ledger (with the event, it makes the message id). */
    sealed interface Destination {
        String key();
    }

    record Mailbox(String key) implements Destination {
    }

    /** @param key the address as written ({@code channel:ops:contact:hanako}), on-call resolved */
    record Room(String key, TenantProfile.Channel channel, Optional<ChatMessage.Mention> mention)
            implements
            Destination {
    }

    private Destinations() {
    }

    /** The destinations of the addresses, each once, in order. */
    static List<Destination> of(TenantSettings tenant, List<String> addresses, Instant at, String callId) {
        Map<String, Destination> out = new LinkedHashMap<>();
        for (String text : addresses) {
            destination(tenant, text, at, callId).ifPresent(d -> out.putIfAbsent(d.key(), d));
        }
        return new ArrayList<>(out.values());
    }

    private static Optional<Destination> destination(TenantSettings tenant, String text, Instant at, String callId) {
        Address parsed;
        try {
            parsed = Address.parse(text);
        } catch (IllegalArgumentException e) {
            // Only the reason: an address may be someone's email.
            LOG.warnf("Tenant %s has an address that %s; skipped for call %s", tenant.id(), e.getMessage(), callId);
            return Optional.empty();
        }
        Optional<Address> resolved = parsed.resolved(tenant.config(), at);
        if (resolved.isEmpty()) {
            LOG.warnf("Tenant %s: nobody is on call for %s; skipped for call %s", tenant.id(), parsed, callId);
            return Optional.empty();
        }
        Address address = resolved.get();
        if (address.email()) {
            return mailbox(tenant, address.person().orElseThrow(), callId);
        }
        String channelId = address.channel().orElseThrow();
        Optional<TenantProfile.Channel> channel = tenant.config().channel(channelId);
        if (channel.isEmpty()) {
            LOG.warnf("Tenant %s has no channel %s; skipped for call %s", tenant.id(), channelId, callId);
            return Optional.empty();
        }
        Optional<ChatMessage.Mention> mention = Optional.empty();
        if (address.person().orElse(null) instanceof Address.ContactRef ref) {
            Optional<TenantProfile.Contact> contact = tenant.config().contact(ref.id());
            if (contact.isEmpty()) {
                LOG.warnf("Tenant %s has no contact %s; skipped for call %s", tenant.id(), ref.id(), callId);
                return Optional.empty();
            }
            Optional<String> chatId = contact.get().chatId(channel.get().type());
            if (chatId.isEmpty()) {
                // The room still hears of the call; it just cannot name the person in that service.
                LOG.infof("Tenant %s: contact %s has no %s id; channel %s is told without a mention", tenant.id(),
                        ref.id(), channel.get().type(), channelId);
            }
            mention = chatId.map(id -> new ChatMessage.Mention(id, contact.get().name()));
        }
        return Optional.of(new Room(address.toString(), channel.get(), mention));
    }

    private static Optional<Destination> mailbox(TenantSettings tenant, Address.Person person, String callId) {
        if (person instanceof Address.Email email) {
            return Optional.of(new Mailbox(email.address()));
        }
        String id = ((Address.ContactRef) person).id();
        Optional<TenantProfile.Contact> contact = tenant.config().contact(id);
        if (contact.isEmpty() || contact.get().email().isEmpty()) {
            LOG.warnf("Tenant %s has no contact %s with an email; skipped for call %s", tenant.id(), id, callId);
            return Optional.empty();
        }
        return Optional.of(new Mailbox(contact.get().email().get()));
    }
}
