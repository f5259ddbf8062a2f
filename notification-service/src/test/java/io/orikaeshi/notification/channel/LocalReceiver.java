package io.orikaeshi.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.orikaeshi.events.tenant.TenantProfile;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.orikaeshi.notification.channel.Messages.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A real HTTP server on an ephemeral local port standing in for a chat service: it records every request and gives
 * the answer it was told to; {@link #send} puts an {@link HttpCall} on the wire the way the dispatcher does.
 */
final class LocalReceiver implements AutoCloseable, AfterEachCallback {

    record Received(String method, String path, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Map<String, String> form() {
            return LocalReceiver.form(body);
        }
    }

    /** An {@code application/x-www-form-urlencoded} body, decoded. */
    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return form;
    }

    record Answer(int status, Map<String, String> headers, String body) {
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Answer answer = new Answer(200, Map.of(), "");

    LocalReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Answer now = answer;
            now.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = now.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(now.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    LocalReceiver answering(int status, Map<String, String> headers, String body) {
        answer = new Answer(status, headers, body);
        return this;
    }

    Received only() {
        if (received.size() != 1) {
            throw new AssertionError("expected one request, received " + received.size());
        }
        return received.get(0);
    }

    /** Sends the call as it stands and returns the service's answer, headers flattened as the dispatcher sees them. */
    static Answer send(HttpCall call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).method(call.method(),
                HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        call.headers().forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
            return new Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends the call and reads the answer with the API's verdict. */
    Verdict deliver(ChatApi api, HttpCall call) {
        Answer answer = send(call);
        return api.verdict(answer.status(), answer.headers(), answer.body());
    }

    /**
     * Has the API send {@code message} on a channel it accepts, this receiver answering {@code status} and
     * {@code body}, and answers what arrived; the API must read the answer as delivered.
     */
    Received accepted(ChatApi api, TenantProfile.Channel channel, String secret, ChatMessage message, int status,
            String body) {
        assertEquals(Optional.empty(), api.refusal(channel, secret));
        answering(status, Map.of("Content-Type", "application/json"), body);
        assertInstanceOf(Verdict.Delivered.class, deliver(api, api.request(channel, secret, message, "m", NOW)));
        return only();
    }

    /** Registered as an extension ({@code @RegisterExtension}), the receiver stops after each test. */
    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
