package io.orikaeshi.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orikaeshi.events.tenant.TenantChanged;

/**
 * The one JSON form of events on the wire. Unknown properties are ignored so a producer can add a field without
 * breaking consumers that do not know it yet.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private EventCodec() {
    }

    public static String toJson(OrikaeshiEvent event) {
        try {
            return MAPPER.writerFor(OrikaeshiEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be serialised: " + event.type(), e);
        }
    }

    /** @throws MalformedEventException when the text is not a known event; the message never echoes the payload. */
    public static OrikaeshiEvent fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty event");
        }
        try {
            OrikaeshiEvent event = MAPPER.readValue(json, OrikaeshiEvent.class);
            if (event.eventId() == null || event.tenantId() == null || event.callId() == null) {
                throw new MalformedEventException(event.type() + " lacks eventId, tenantId or callId");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a known event: " + e.getOriginalMessage());
        }
    }

    public static String toJson(TenantChanged event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tenant snapshot cannot be serialised", e);
        }
    }

    /** @throws MalformedEventException when the text is not a tenant snapshot; the message never echoes the payload. */
    public static TenantChanged tenantFromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty event");
        }
        try {
            TenantChanged event = MAPPER.readValue(json, TenantChanged.class);
            if (event.eventId() == null || event.tenantId() == null || event.profile() == null) {
                throw new MalformedEventException("TenantChanged lacks eventId, tenantId or profile");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a tenant snapshot: " + e.getOriginalMessage());
        }
    }

    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
