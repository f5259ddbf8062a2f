package io.orikaeshi.notification.service;

import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.events.tenant.TenantProfile.PersonalData;
import io.orikaeshi.kit.secrets.SecretBox;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.notification.channel.Verdict;
import io.orikaeshi.notification.repository.MailMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a chat message can never be sent to is refused with its reason, before any request is made. */
class ChatSenderTest {

    private final ChatSender sender = sender();

    @Test
    void aChannelGoneFromTheTenantIsRefused() {
        assertEquals(new Verdict.Refused("channel gone is no longer configured for the tenant"), send("gone"));
    }

    @Test
    void aChannelOfATypeWithoutAnApiIsRefused() {
        assertEquals(new Verdict.Refused("no sender for channel type CHATWORK"), send("room"));
    }

    private Verdict send(String channelId) {
        MailMessage message = new MailMessage();
        message.tenantId = "acme-jp";
        message.channelId = channelId;
        return sender.send(message).await().atMost(Duration.ofSeconds(5));
    }

    private static ChatSender sender() {
        ChatSender sender = new ChatSender();
        sender.tenants = new TenantDirectory(Map::of);
        sender.secrets = new SecretBox(Optional::empty);
        TenantProfile.Channel room = new TenantProfile.Channel("room", ChannelType.CHATWORK, Optional.empty(),
                Optional.of("1"), Optional.empty(), Optional.empty(), Optional.empty(), PersonalData.ALL);
        sender.tenants.apply(TenantChanged.of("acme-jp", 1, Instant.now(), new TenantProfile("Acme",
                Optional.empty(), "ja", "Asia/Tokyo", "JP", Optional.empty(),
                new TenantProfile.Calendar("MON-FRI 09:00-18:00", "JP", Optional.empty()),
                new TenantProfile.Promises(Duration.ofMinutes(15), Optional.empty(), "受付", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), new TenantProfile.Notifications(Optional.empty(), false, Optional.empty(), 120,
                        Duration.ofMinutes(1), Optional.of(List.of(room)), Optional.empty())),
                List.of()));
        return sender;
    }
}
