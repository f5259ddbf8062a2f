package io.orikaeshi.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;

/**
 * Every event the system publishes. The {@code type} property names the record, {@code version} its schema version,
 * so a consumer can tell an old shape from a new one; {@code eventId} is stable across re-publication, which is what
 * consumers deduplicate on.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CallReceived.class, name = "CallReceived"),
        @JsonSubTypes.Type(value = CallbackCompleted.class, name = "CallbackCompleted"),
        @JsonSubTypes.Type(value = CallbackOverdue.class, name = "CallbackOverdue")
})
public sealed interface OrikaeshiEvent permits CallReceived, CallbackCompleted, CallbackOverdue {

    String eventId();

    int version();

    String tenantId();

    /** The aggregate: a call and its callback promise. */
    String callId();

    Instant occurredAt();

    /** The Kafka record key: see {@link Topics} for why it is the call id. */
    @JsonIgnore
    default String key() {
        return callId();
    }

    @JsonIgnore
    default String type() {
        return getClass().getSimpleName();
    }
}
