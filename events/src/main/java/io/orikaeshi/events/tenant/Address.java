package io.orikaeshi.events.tenant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Where one message goes, as routes and escalation levels write it: email unless a channel is named, to a person
 * unless only a room is.
 * <ul>
 * <li>{@code hanako@example.jp}: that mailbox</li>
 * <li>{@code contact:hanako}: the contact's email</li>
 * <li>{@code on-call:night}: the email of whoever is on call in that schedule when the message is made</li>
 * <li>{@code channel:ops}: the channel's room, mentioning nobody</li>
 * <li>{@code channel:ops:contact:hanako}, {@code channel:ops:on-call:night}: the room, mentioning that person</li>
 * </ul>
 */
public record Address(Optional<String> channel, Optional<Person> person) {

    private static final String CHANNEL = "channel:";
    private static final String CONTACT = "contact:";
    private static final String ON_CALL = "on-call:";

    /** Someone a message names. */
    public sealed interface Person {
    }

    public record Email(String address) implements Person {
    }

    public record ContactRef(String id) implements Person {
    }

    public record OnCall(String schedule) implements Person {
    }

    /** @throws IllegalArgumentException saying what is wrong, for a text that is no address */
    public static Address parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.startsWith(CHANNEL)) {
            String rest = value.substring(CHANNEL.length());
            int colon = rest.indexOf(':');
            String channel = colon < 0 ? rest : rest.substring(0, colon);
            if (!validId(channel)) {
                throw new IllegalArgumentException("names no channel id after channel:");
            }
            if (colon < 0) {
                return new Address(Optional.of(channel), Optional.empty());
            }
            Person person = person(rest.substring(colon + 1));
            if (person instanceof Email) {
                throw new IllegalArgumentException("a channel mentions a contact:<id> or on-call:<schedule>");
            }
            return new Address(Optional.of(channel), Optional.of(person));
        }
        return new Address(Optional.empty(), Optional.of(person(value)));
    }

    /** The same address with an on-call person replaced by who is on call at {@code at}; empty if nobody is. */
    public Optional<Address> resolved(TenantProfile tenant, Instant at) {
        if (person.orElse(null) instanceof OnCall onCall) {
            return tenant.schedule(onCall.schedule())
                    .flatMap(s -> s.onCallAt(at, ZoneId.of(tenant.timeZone())))
                    .map(contact -> new Address(channel, Optional.of(new ContactRef(contact))));
        }
        return Optional.of(this);
    }

    public boolean email() {
        return channel.isEmpty();
    }

    @Override
    public String toString() {
        String who = person.map(Address::text).orElse("");
        return channel.map(c -> CHANNEL + c + (who.isEmpty() ? "" : ":" + who)).orElse(who);
    }

    private static String text(Person person) {
        if (person instanceof ContactRef contact) {
            return CONTACT + contact.id();
        }
        if (person instanceof OnCall onCall) {
            return ON_CALL + onCall.schedule();
        }
        return ((Email) person).address();
    }

    private static Person person(String value) {
        if (value.startsWith(CONTACT)) {
            String id = value.substring(CONTACT.length());
            if (!validId(id)) {
                throw new IllegalArgumentException("names no contact id after contact:");
            }
            return new ContactRef(id);
        }
        if (value.startsWith(ON_CALL)) {
            String id = value.substring(ON_CALL.length());
            if (!validId(id)) {
                throw new IllegalArgumentException("names no schedule id after on-call:");
            }
            return new OnCall(id);
        }
        if (!value.matches("[^@\\s:]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException(
                    "must be an email address, contact:<id>, on-call:<schedule> or channel:<id>[:<person>]");
        }
        return new Email(value);
    }

    /** Ids of contacts, schedules and channels: what the admin API accepts. */
    public static boolean validId(String id) {
        return id != null && id.matches("[a-z0-9][a-z0-9_-]{0,62}");
    }
}
