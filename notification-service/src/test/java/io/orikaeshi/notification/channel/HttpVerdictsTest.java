package io.orikaeshi.notification.channel;

import static io.orikaeshi.notification.channel.Messages.NOW;
import static io.orikaeshi.notification.channel.Messages.channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.ChannelType;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every chat API over a real local receiver answering with HTTP errors: what each answer means for the message. */
class HttpVerdictsTest {

    /** An API with a channel and secret it accepts, pointed at the receiver's address. */
    record Service(String name, ChatApi api, Function<String, TenantProfile.Channel> channel,
            Function<String, String> secret) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Service> services() {
        return Stream.of(
                new Service("slack bot", new SlackApi(), url -> channel(ChannelType.SLACK, url, "C0123"),
                        url -> "xoxb-1"),
                new Service("slack webhook", new SlackApi(), url -> channel(ChannelType.SLACK, null, null),
                        url -> url + "/services/T/B/X"),
                new Service("teams", new TeamsApi(), url -> channel(ChannelType.TEAMS, null, null),
                        url -> url + "/webhookb2/x"),
                new Service("chatwork", new ChatworkApi(), url -> channel(ChannelType.CHATWORK, url, "12345"),
                        url -> "token"),
                new Service("line works", new LineWorksApi(),
                        url -> channel(ChannelType.LINE_WORKS, url, "2000001/channels/abc"), url -> "token"));
    }

    private final LocalReceiver receiver = new LocalReceiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Verdict answer(Service service, int status, Map<String, String> headers, String body) {
        receiver.answering(status, headers, body);
        TenantProfile.Channel channel = service.channel().apply(receiver.url());
        String secret = service.secret().apply(receiver.url());
        assertEquals(Optional.empty(), service.api().refusal(channel, secret));
        return receiver.deliver(service.api(),
                service.api().request(channel, secret, Messages.report("ja", Optional.empty()), "m-1", NOW));
    }

    @ParameterizedTest
    @MethodSource("services")
    void aTooManyRequestsIsRetriedAfterItsRetryAfterSeconds(Service service) {
        Verdict verdict = answer(service, 429, Map.of("Retry-After", "17"), "");

        assertEquals(Optional.of(Duration.ofSeconds(17)), assertInstanceOf(Verdict.Retry.class, verdict).after());
    }

    @ParameterizedTest
    @MethodSource("services")
    void aTooManyRequestsIsRetriedAfterItsRetryAfterDate(Service service) {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));

        Verdict verdict = answer(service, 429, Map.of("Retry-After", inTwoMinutes), "");

        Duration after = assertInstanceOf(Verdict.Retry.class, verdict).after().orElseThrow();
        assertTrue(after.compareTo(Duration.ofSeconds(60)) > 0 && after.compareTo(Duration.ofSeconds(121)) < 0,
                after.toString());
    }

    @ParameterizedTest
    @MethodSource("services")
    void aServerErrorIsRetried(Service service) {
        Verdict verdict = answer(service, 500, Map.of(), "oops");

        assertEquals(new Verdict.Retry(Optional.empty(), "HTTP 500: oops"), verdict);
    }

    @ParameterizedTest
    @MethodSource("services")
    void aNotFoundIsRefused(Service service) {
        Verdict verdict = answer(service, 404, Map.of(), "not found");

        assertEquals(new Verdict.Refused("HTTP 404: not found"), verdict);
    }

    @ParameterizedTest
    @MethodSource("services")
    void aSuccessIsDelivered(Service service) {
        assertInstanceOf(Verdict.Delivered.class, answer(service, service.api() instanceof SlackApi ? 200 : 201,
                Map.of(), service.api() instanceof SlackApi ? "{\"ok\":true}" : ""));
    }
}
