package io.orikaeshi.events.tenant;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything services need to know about a client company. The shape mirrors the {@code orikaeshi.tenants.<id>.*}
 * configuration that seeds the demo tenants, so a tenant reads the same whether it came from configuration or from
 * the admin API.
 *
 * @param publicLabel how operators answer the phone for this tenant (e.g. the company name, or "営業部")
 */
public record TenantProfile(String name, Optional<String> publicLabel, String locale, String timeZone,
        String phoneRegion, Optional<List<String>> reportRecipients, Calendar calendar,
        Promises promises, Optional<List<Plan>> plans, Notifications notifications,
        Optional<List<Contact>> contacts, Optional<List<OnCallSchedule>> onCall) {

    public TenantProfile {
        // A profile written before contacts and on-call existed has neither.
        contacts = contacts == null ? Optional.empty() : contacts;
        onCall = onCall == null ? Optional.empty() : onCall;
    }

    /** A tenant without contacts, channels or on-call schedules. */
    public TenantProfile(String name, Optional<String> publicLabel, String locale, String timeZone,
            String phoneRegion, Optional<List<String>> reportRecipients, Calendar calendar, Promises promises,
            Optional<List<Plan>> plans, Notifications notifications) {
        this(name, publicLabel, locale, timeZone, phoneRegion, reportRecipients, calendar, promises, plans,
                notifications, Optional.empty(), Optional.empty());
    }

    public Optional<Contact> contact(String id) {
        return contacts.orElse(List.of()).stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<OnCallSchedule> schedule(String id) {
        return onCall.orElse(List.of()).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Channel> channel(String id) {
        return notifications.channels().orElse(List.of()).stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public record Calendar(String openingHours, String holidays, Optional<List<LocalDate>> companyHolidays) {
    }

    /**
     * @param maxWarningShare       the warning never comes earlier than this share of the promise window (0..1)
     * @param nextBusinessDayWithin "next business day" is due this much business time after that day's opening
     *                              (empty: {@link #NEXT_BUSINESS_DAY_WITHIN}, 12:00 for a 09:00 opening)
     */
    public record Promises(Duration warningLead, Optional<Duration> defaultPromise, String pool,
            Optional<Duration> poolFallbackAfter, Optional<List<EscalationLevel>> escalation,
            Optional<Double> maxWarningShare, Optional<Duration> nextBusinessDayWithin) {

        public static final Duration NEXT_BUSINESS_DAY_WITHIN = Duration.ofHours(3);

        public Promises {
            // A snapshot written before the field existed has none.
            nextBusinessDayWithin = nextBusinessDayWithin == null ? Optional.empty() : nextBusinessDayWithin;
        }

        public Duration nextBusinessDayDueAfterOpening() {
            return nextBusinessDayWithin.orElse(NEXT_BUSINESS_DAY_WITHIN);
        }
    }

    /**
     * @param target "assignee", "supervisor", or an {@link Address} (an email address, {@code contact:<id>},
     *               {@code on-call:<schedule>}, {@code channel:<id>} or {@code channel:<id>:<person>}); an on-call
     *               person is resolved when the level fires
     */
    public record EscalationLevel(Duration after, String target) {
    }

    /**
     * Who receives the tenant's emails, when, and how many at most.
     *
     * @param routes      tried in order; the first matching a call chooses its recipients (else report recipients)
     * @param quietHours  hold mail about non-urgent calls while the tenant is closed, send it when it opens
     * @param digestAt    send reports as one daily digest at this local time instead of one email per call
     * @param sendingLimit at most this many messages per sendingWindow; the excess waits, never dropped
     * @param channels     the chat rooms and webhooks this tenant's messages may go to, besides email
     * @param repeatAfter  a repeat notice goes once when nobody acknowledged a promised callback this long after
     *                     its report (fondesk's choices: 15 min to 24 h); empty: no repeat notice
     */
    public record Notifications(Optional<List<Route>> routes, boolean quietHours, Optional<LocalTime> digestAt,
            int sendingLimit, Duration sendingWindow, Optional<List<Channel>> channels,
            Optional<Duration> repeatAfter) {

        public Notifications {
            channels = channels == null ? Optional.empty() : channels;
            repeatAfter = repeatAfter == null ? Optional.empty() : repeatAfter;
        }

        public Notifications(Optional<List<Route>> routes, boolean quietHours, Optional<LocalTime> digestAt,
                int sendingLimit, Duration sendingWindow) {
            this(routes, quietHours, digestAt, sendingLimit, sendingWindow, Optional.empty(), Optional.empty());
        }

        public static Notifications defaults() {
            return new Notifications(Optional.empty(), false, Optional.empty(), 120, Duration.ofMinutes(1));
        }
    }

    /**
     * Matches a call when every condition it states matches (case-insensitive, whole value).
     *
     * @param recipients each an {@link Address}: an email address, {@code contact:<id>}, {@code on-call:<schedule>},
     *                   {@code channel:<id>} or {@code channel:<id>:<person>} (the channel's message mentions them)
     */
    public record Route(Optional<String> addressee, Optional<String> purposeCategory, List<String> recipients) {
    }

    /**
     * A person of the client company messages can name: by email, and by their id in each chat service.
     *
     * @param chatIds per {@link ChannelType} (its name in lower case: slack, teams, chatwork, line_works), the
     *                person's id there: Slack member id (U…), Teams user principal name, Chatwork account id,
     *                LINE WORKS user id
     */
    public record Contact(String id, String name, Optional<String> email, Optional<Map<String, String>> chatIds) {

        public Contact {
            email = email == null ? Optional.empty() : email;
            chatIds = chatIds == null ? Optional.empty() : chatIds;
        }

        public Optional<String> chatId(ChannelType type) {
            return chatIds.map(ids -> ids.get(type.name().toLowerCase(Locale.ROOT)));
        }
    }

    public enum ChannelType {
        /** Slack: {@code chat.postMessage} with a bot token ({@code room} is the channel id), or an incoming webhook. */
        SLACK,
        /** Microsoft Teams: an incoming webhook or Workflows URL taking an Adaptive Card. */
        TEAMS,
        /** Chatwork API v2: {@code POST /rooms/{room}/messages} with an {@code X-ChatWorkToken}. */
        CHATWORK,
        /** LINE WORKS Bot API: {@code room} is {@code <botId>/channels/<channelId>} or {@code <botId>/users/<userId>}. */
        LINE_WORKS,
        /** Any HTTPS endpoint: the event and the rendered report as JSON, signed with HMAC-SHA256. */
        WEBHOOK
    }

    /** How much of the caller a chat message may show: chat rooms are wider audiences than a mailbox. */
    public enum PersonalData {
        /** Name and number as in the email. */
        ALL,
        /** The number masked to its last four digits (090-****-5678), no name. */
        MASKED,
        /** Neither: only that a call came, and the link to read it. */
        LINK_ONLY
    }

    /**
     * One place messages can go besides email. Secrets are stored sealed (see {@code SecretBox}): only the service
     * that sends can open them, and the admin API never shows them.
     *
     * @param url            the API base or the webhook endpoint (empty: the service's public API address)
     * @param room           the room, channel or bot path the type needs (see {@link ChannelType})
     * @param secret         sealed: the bot or API token, the incoming-webhook URL, or the webhook signing secret
     * @param previousSecret sealed: a rotated-out webhook secret, still signed with until {@code previousUntil}
     */
    public record Channel(String id, ChannelType type, Optional<String> url, Optional<String> room,
            Optional<String> secret, Optional<String> previousSecret, Optional<Instant> previousUntil,
            PersonalData personalData) {

        public Channel {
            url = url == null ? Optional.empty() : url;
            room = room == null ? Optional.empty() : room;
            secret = secret == null ? Optional.empty() : secret;
            previousSecret = previousSecret == null ? Optional.empty() : previousSecret;
            previousUntil = previousUntil == null ? Optional.empty() : previousUntil;
            personalData = personalData == null ? PersonalData.ALL : personalData;
        }
    }

    /**
     * Who is on call, by date: a dated rotation, and overrides (a day's swap) that win over it. Times are local to
     * the tenant's time zone; a shift covers [from, until).
     */
    public record OnCallSchedule(String id, String name, List<Shift> rotation, Optional<List<Shift>> overrides) {

        public OnCallSchedule {
            overrides = overrides == null ? Optional.empty() : overrides;
        }

        /** The contact on call at {@code at}: an override covering it, else the rotation's shift, else nobody. */
        public Optional<String> onCallAt(Instant at, ZoneId zone) {
            LocalDateTime local = LocalDateTime.ofInstant(at, zone);
            return covering(overrides.orElse(List.of()), local).or(() -> covering(rotation, local));
        }

        private static Optional<String> covering(List<Shift> shifts, LocalDateTime at) {
            return shifts.stream().filter(s -> !at.isBefore(s.from()) && at.isBefore(s.until())).findFirst()
                    .map(Shift::contact);
        }
    }

    public record Shift(String contact, LocalDateTime from, LocalDateTime until) {
    }

    public record Plan(LocalDate effectiveFrom, int unitPrice, int hearingPrice, Optional<List<String>> hearingItems) {
    }
}
