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
        @JsonSubTypes.Type(value = CallbackAttempted.class, name = "CallbackAttempted"),
        @JsonSubTypes.Type(value = CallbackCompleted.class, name = "CallbackCompleted"),
        @JsonSubTypes.Type(value = CallbackExtended.class, name = "CallbackExtended"),
        @JsonSubTypes.Type(value = CallbackCancelled.class, name = "CallbackCancelled"),
        @JsonSubTypes.Type(value = CallbackReassigned.class, name = "CallbackReassigned"),
        @JsonSubTypes.Type(value = CallbackAcknowledged.class, name = "CallbackAcknowledged"),
        @JsonSubTypes.Type(value = CallbackChased.class, name = "CallbackChased"),
        @JsonSubTypes.Type(value = CallbackWarned.class, name = "CallbackWarned"),
        @JsonSubTypes.Type(value = CallbackOverdue.class, name = "CallbackOverdue"),
        @JsonSubTypes.Type(value = CallbackEscalated.class, name = "CallbackEscalated"),
        @JsonSubTypes.Type(value = NotificationSent.class, name = "NotificationSent"),
        @JsonSubTypes.Type(value = NotificationDeferred.class, name = "NotificationDeferred"),
        @JsonSubTypes.Type(value = NotificationFailed.class, name = "NotificationFailed"),
        @JsonSubTypes.Type(value = NotificationViewed.class, name = "NotificationViewed"),
        @JsonSubTypes.Type(value = CallbackUnacknowledged.class, name = "CallbackUnacknowledged")
})
public sealed interface OrikaeshiEvent
        permits CallReceived, CallbackAttempted, CallbackCompleted, CallbackExtended, CallbackCancelled,
        CallbackReassigned, CallbackAcknowledged, CallbackChased, CallbackWarned, CallbackOverdue, CallbackEscalated,
        NotificationSent, NotificationDeferred, NotificationFailed, NotificationViewed, CallbackUnacknowledged {

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
