package io.orikaeshi.notification.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.orikaeshi.notification.channel.ChatMessage;

/** A chat message as the ledger stores it. */
public final class ChatJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ChatJson() {
    }

    public static String toJson(ChatMessage message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chat message cannot be serialised", e);
        }
    }

    public static ChatMessage fromJson(String json) {
        try {
            return MAPPER.readValue(json, ChatMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored chat message: " + e.getOriginalMessage());
        }
    }
}
