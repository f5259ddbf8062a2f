package io.orikaeshi.notification.service;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.events.tenant.TenantProfile.PersonalData;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.notification.channel.ChatMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where addresses lead when a message is made: mailboxes, contacts, the on-call person, rooms with a mention. */
class DestinationsTest {

    /** 2026-12-07 10:00 in Tokyo: Hanako's day shift; from 18:00 Taro is on call. */
    private static final Instant DAY = Instant.parse("2026-12-07T01:00:00Z");
    private static final Instant NIGHT = Instant.parse("2026-12-07T10:00:00Z");
    private static final TenantSettings TENANT = tenant();

    @Test
    void aContactIsTheirEmailAndAnAddressTheMailbox() {
        assertEquals(List.of(new Destinations.Mailbox("hanako@acme.example"), new Destinations.Mailbox(
                "sv@acme.example")), of(DAY, "contact:hanako", "sv@acme.example"));
    }

    @Test
    void theOnCallPersonIsWhoeverIsOnCallWhenTheMessageIsMade() {
        assertEquals(List.of(new Destinations.Mailbox("hanako@acme.example")), of(DAY, "on-call:support"));
        assertEquals(List.of(new Destinations.Mailbox("taro@acme.example")), of(NIGHT, "on-call:support"));
    }

    @Test
    void aChannelAddressIsTheRoomMentioningThePersonByTheirIdThere() {
        Destinations.Room room = (Destinations.Room) of(NIGHT, "channel:ops:on-call:support").get(0);

        assertEquals("channel:ops:contact:taro", room.key());
        assertEquals("ops", room.channel().id());
        assertEquals(Optional.of(new ChatMessage.Mention("U0TARO", "高橋 太郎")), room.mention());
        assertEquals(Optional.empty(), ((Destinations.Room) of(DAY, "channel:ops").get(0)).mention());
    }

    @Test
    void addressesThatLeadNowhereAreSkippedAndTheOthersKept() {
        assertEquals(List.of(new Destinations.Mailbox("hanako@acme.example")), of(DAY, "contact:nobody",
                "channel:gone", "on-call:nights", "not an address", "channel:ops:contact:nobody", "contact:hanako",
                "contact:hanako"));
    }

    private static List<Destinations.Destination> of(Instant at, String... addresses) {
        return Destinations.of(TENANT, List.of(addresses), at, "call-1");
    }

    private static TenantSettings tenant() {
        TenantProfile.Channel ops = new TenantProfile.Channel("ops", ChannelType.SLACK, Optional.empty(),
                Optional.of("C1"), Optional.of("sealed:v1:x"), Optional.empty(), Optional.empty(), PersonalData.ALL);
        TenantProfile.OnCallSchedule support = new TenantProfile.OnCallSchedule("support", "サポート", List.of(
                new TenantProfile.Shift("hanako", LocalDateTime.parse("2026-12-07T09:00"),
                        LocalDateTime.parse("2026-12-07T18:00")),
                new TenantProfile.Shift("taro", LocalDateTime.parse("2026-12-07T18:00"),
                        LocalDateTime.parse("2026-12-08T09:00"))),
                Optional.empty());
        return new TenantSettings("acme-jp", 0, new TenantProfile("Acme", Optional.empty(), "ja", "Asia/Tokyo", "JP",
                Optional.empty(), new TenantProfile.Calendar("MON-FRI 09:00-18:00", "JP", Optional.empty()),
                new TenantProfile.Promises(Duration.ofMinutes(15), Optional.empty(), "受付チーム", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), new TenantProfile.Notifications(Optional.empty(), false, Optional.empty(), 120,
                        Duration.ofMinutes(1), Optional.of(List.of(ops)), Optional.empty()),
                Optional.of(List.of(
                        new TenantProfile.Contact("hanako", "鈴木 花子", Optional.of("hanako@acme.example"),
                                Optional.empty()),
                        new TenantProfile.Contact("taro", "高橋 太郎", Optional.of("taro@acme.example"),
                                Optional.of(Map.of("slack", "U0TARO"))))),
                Optional.of(List.of(support))),
                List.of());
    }
}
