package io.orikaeshi.intake.rest;

import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.events.tenant.TenantProfile.PersonalData;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A chat room or webhook the tenant's messages may go to.
 *
 * @param url          SLACK, TEAMS, CHATWORK, LINE_WORKS: the API base, left out for the service's public one;
 *                     WEBHOOK: the endpoint. https (http only for localhost or 127.0.0.1)
 * @param room         SLACK with a bot token: the channel id (C…); CHATWORK: the room id (digits); LINE_WORKS:
 *                     &lt;botId&gt;/channels/&lt;channelId&gt; or &lt;botId&gt;/users/&lt;userId&gt;
 * @param secret       write-only: SLACK a bot token (xoxb-…) or an incoming-webhook URL; TEAMS the incoming-webhook
 *                     or Workflows URL; CHATWORK the API token; LINE_WORKS the Bot API access token, or a service
 *                     account as JSON {clientId, clientSecret, serviceAccount, privateKey (PEM PKCS#8), scope
 *                     (default bot)} with which notification-service gets its tokens itself; WEBHOOK the signing
 *                     secret (at least 16 characters; left out on creation: one is generated and shown once).
 *                     Left out on a change: the channel keeps its secret
 * @param personalData how much of the caller a message shows: ALL, MASKED (the number's last four digits, no name)
 *                     or LINK_ONLY
 */
public record ChannelRequest(@NotNull ChannelType type, @Size(max = 500) String url, @Size(max = 200) String room,
        @Size(max = 8000) String secret, @NotNull PersonalData personalData) {
}
