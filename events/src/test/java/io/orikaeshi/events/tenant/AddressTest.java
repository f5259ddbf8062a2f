package io.orikaeshi.events.tenant;

import io.orikaeshi.events.tenant.TenantProfile.OnCallSchedule;
import io.orikaeshi.events.tenant.TenantProfile.Shift;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressTest {

    @Test
    void eachFormOfTheGrammarParsesToItsChannelAndPerson() {
        assertEquals(new Address(Optional.empty(), Optional.of(new Address.Email("hanako@example.jp"))),
                Address.parse(" hanako@example.jp "));
        assertEquals(new Address(Optional.empty(), Optional.of(new Address.ContactRef("hanako"))),
                Address.parse("contact:hanako"));
        assertEquals(new Address(Optional.empty(), Optional.of(new Address.OnCall("night"))),
                Address.parse("on-call:night"));
        assertEquals(new Address(Optional.of("ops"), Optional.empty()), Address.parse("channel:ops"));
        assertEquals(new Address(Optional.of("ops"), Optional.of(new Address.ContactRef("hanako"))),
                Address.parse("channel:ops:contact:hanako"));
        assertEquals(new Address(Optional.of("ops"), Optional.of(new Address.OnCall("night"))),
                Address.parse("channel:ops:on-call:night"));
        assertTrue(Address.parse("contact:hanako").email());
        assertFalse(Address.parse("channel:ops").email());
    }

    @Test
    void textThatIsNoAddressIsRefusedSayingWhy() {
        for (String text : List.of("", "the boss", "contact:", "contact:Hanako", "on-call:", "channel:",
                "channel:ops:", "channel:ops:hanako@example.jp", "channel:Ops", "channel:ops:someone", "a@b",
                "slack:ops")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Address.parse(text),
                    text);
            assertFalse(refused.getMessage().isBlank(), text);
        }
        assertThrows(IllegalArgumentException.class, () -> Address.parse(null));
    }

    @Test
    void toStringWritesWhatParseReads() {
        for (String text : List.of("hanako@example.jp", "contact:hanako", "on-call:night", "channel:ops",
                "channel:ops:contact:hanako", "channel:ops:on-call:night", "channel:a_b-1:contact:x-9")) {
            assertEquals(text, Address.parse(text).toString());
            assertEquals(Address.parse(text), Address.parse(Address.parse(text).toString()));
        }
    }

    @Test
    void anOnCallAddressResolvesToWhoeverIsOnCallAtThatMomentOverridesFirst() {
        // Tokyo: 09:00 local is 00:00 UTC.
        OnCallSchedule night = new OnCallSchedule("night", "夜間", List.of(
                new Shift("hanako", LocalDateTime.parse("2026-12-07T09:00"), LocalDateTime.parse("2026-12-07T18:00")),
                new Shift("ichiro", LocalDateTime.parse("2026-12-07T18:00"), LocalDateTime.parse("2026-12-08T09:00"))),
                Optional.of(List.of(new Shift("jiro", LocalDateTime.parse("2026-12-07T12:00"),
                        LocalDateTime.parse("2026-12-07T13:00")))));
        TenantProfile tenant = tenant(night);
        Address address = Address.parse("channel:ops:on-call:night");
        Instant morning = Instant.parse("2026-12-07T01:00:00Z");

        assertEquals(Optional.of(Address.parse("channel:ops:contact:hanako")), address.resolved(tenant, morning));
        assertEquals(Optional.of(Address.parse("channel:ops:contact:jiro")),
                address.resolved(tenant, Instant.parse("2026-12-07T03:30:00Z")), "the override wins");
        // The rotation changes hands at 18:00 local: a message made after it names the next person.
        assertEquals(Optional.of(Address.parse("channel:ops:contact:ichiro")),
                address.resolved(tenant, morning.plus(Duration.ofHours(8))));
        assertEquals(Optional.of(Address.parse("contact:ichiro")),
                Address.parse("on-call:night").resolved(tenant, morning.plus(Duration.ofHours(8))));
        assertEquals(Optional.empty(), address.resolved(tenant, Instant.parse("2026-12-09T00:00:00Z")),
                "nobody on call");
        assertEquals(Optional.empty(), Address.parse("on-call:other").resolved(tenant, morning), "no such schedule");
        Address fixed = Address.parse("channel:ops:contact:hanako");
        assertEquals(Optional.of(fixed), fixed.resolved(tenant, morning), "other addresses stay as they are");
    }

    static TenantProfile tenant(OnCallSchedule schedule) {
        return new TenantProfile("テスト商事", Optional.empty(), "ja", "Asia/Tokyo", "JP", Optional.empty(),
                new TenantProfile.Calendar("MON-FRI 09:00-18:00", "JP", Optional.empty()),
                new TenantProfile.Promises(Duration.ofMinutes(15), Optional.empty(), "pool", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), TenantProfile.Notifications.defaults(), Optional.empty(),
                Optional.of(List.of(schedule)));
    }
}
