package io.orikaeshi.notification.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** What the {@link ChatApi}s share: endpoints, JSON, and turning a caller's text into text no chat reads as markup. */
final class ChatFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatFormat() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String json(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The tree of an answer's body, or empty when it is not JSON (Slack's incoming webhooks answer "ok"). */
    static Optional<JsonNode> parse(String body) {
        try {
            return Optional.ofNullable(body == null || body.isBlank() ? null : JSON.readTree(body));
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    /** The API's base (the channel's url when set, which tests point at a local receiver) followed by a path. */
    static URI endpoint(Optional<String> base, String standardBase, String path) {
        return URI.create(base.filter(b -> !b.isBlank()).orElse(standardBase).replaceAll("/+$", "") + path);
    }

    /** An absolute http(s) URL, the only kind of secret a webhook channel can hold. */
    static Optional<URI> webUrl(String secret) {
        try {
            URI uri = new URI(secret == null ? "" : secret.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    ? Optional.of(uri)
                    : Optional.empty();
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
    }

    static Optional<Verdict.Refused> refusedUnless(boolean usable, String reason) {
        return usable ? Optional.empty() : Optional.of(new Verdict.Refused(reason));
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A value as shown: never blank, so a chat never carries an empty item. */
    static String shown(String value) {
        return blank(value) ? "—" : value.strip();
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /**
     * The text with each of {@code markup}'s ASCII characters replaced by its full-width form ({@code [} → {@code ［},
     * {@code <} → {@code ＜}): it reads the same to a person, Japanese text uses these forms anyway, and no chat
     * service parses them as tags, mentions or links — unlike an escape syntax, which not all of them have.
     */
    static String fullWidth(String text, String markup) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(markup.indexOf(c) >= 0 ? (char) (c + 0xFEE0) : (char) c));
        return out.toString();
    }

    static boolean japanese(ChatMessage message) {
        return message.locale() != null && message.locale().toLowerCase(Locale.ROOT).startsWith("ja");
    }

    /** The fields one a line ("label: value") for services without a layout for them. */
    static String fieldLines(List<ChatMessage.Field> fields, UnaryOperator<String> escape) {
        return fields.stream().map(f -> escape.apply(shown(f.label())) + ": " + escape.apply(shown(f.value())))
                .collect(Collectors.joining("\n"));
    }

    /** The links one a line ("label: url") for services without buttons; the URLs are the service's own. */
    static String linkLines(List<ChatMessage.Action> actions, UnaryOperator<String> escape) {
        return actions.stream().map(a -> escape.apply(shown(a.label())) + ": " + a.url())
                .collect(Collectors.joining("\n"));
    }

    static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().map(String::strip);
    }
}
