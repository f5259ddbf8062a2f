package io.orikaeshi.notification.channel;

import java.net.URI;
import java.util.Map;

/** One HTTP request to a channel's API, exactly as it goes on the wire. */
public record HttpCall(String method, URI uri, Map<String, String> headers, String body) {
}
