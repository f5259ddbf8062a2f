package io.orikaeshi.intake;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.DemoKeys;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.restassured.RestAssured.given;

/** Request bodies and calls shared by the intake tests. */
final class IntakeApi {

    static final Duration WAIT = Duration.ofSeconds(20);

    private IntakeApi() {
    }

    static String provided(String value) {
        return "{\"status\": \"PROVIDED\", \"value\": \"" + value + "\"}";
    }

    static String inMinutes(long minutes) {
        return OffsetDateTime.now(ZoneOffset.ofHours(9)).plusMinutes(minutes).withNano(0).toString();
    }

    /** A complete call from {@code number}, with a by-time promise in an hour; {@code extra} adds JSON members. */
    static String callFrom(String number, String extra) {
        return """
                {"addressee": "佐藤", "callerName": %s, "purpose": %s, "callbackNumber": %s,
                 "callback": {"dueAt": "%s", "assignee": "佐藤"}%s}
                """.formatted(provided("山田 太郎"), provided("見積もりの件"), provided(number), inMinutes(60),
                extra == null ? "" : ", " + extra);
    }

    /** A request with the tenant's demo operator key. */
    static RequestSpecification asOperator(String tenant) {
        return given().header("Authorization", DemoKeys.bearer(DemoKeys.operator(tenant)));
    }

    static ValidatableResponse post(String tenant, String body) {
        return asOperator(tenant).contentType(ContentType.JSON).body(body).when().post("/tenants/{t}/calls", tenant)
                .then();
    }

    static String created(String tenant, String body) {
        return post(tenant, body).statusCode(201).extract().path("callId");
    }

    static ValidatableResponse act(String tenant, String callId, String action, String body) {
        return asOperator(tenant).contentType(ContentType.JSON).body(body)
                .when().post("/tenants/{t}/calls/{id}/callback/{action}", tenant, callId, action).then();
    }

    static <E extends OrikaeshiEvent> E published(KafkaTestClient kafka, String key, Class<E> type) {
        return type.cast(EventCodec.fromJson(kafka.poll(Topics.CALL_EVENTS,
                r -> key.equals(r.key()) && r.value().contains("\"type\":\"" + type.getSimpleName() + "\""), 1, WAIT)
                .get(0).value()));
    }

    static List<OrikaeshiEvent> allPublished(KafkaTestClient kafka, String key) {
        return kafka.readAll(Topics.CALL_EVENTS, Duration.ofSeconds(1)).stream()
                .filter(r -> key.equals(r.key())).map(r -> EventCodec.fromJson(r.value())).toList();
    }
}
