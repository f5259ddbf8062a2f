package io.orikaeshi.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A real HTTP endpoint standing in for the tenants' webhook receivers: every path is a receiver that verifies the
 * Orikaeshi-Signature exactly as the service README tells receivers to (401 when it does not verify), then answers
 * what the test scripted for that path (200 once the script is used up) and records the request.
 */
final class ChatReceiver implements AutoCloseable {

    static final Duration TOLERANCE = Duration.ofSeconds(300);

    record Request(String path, Instant at, Map<String, String> headers, String body, int status) {
    }

    /** One scripted answer: a status and its headers. */
    record Answer(int status, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Answer> always = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();

    ChatReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The secret this path's receiver verifies with. */
    void verifiesWith(String path, String secret) {
        secrets.put(path, secret);
    }

    void script(String path, Answer... answers) {
        scripts.put(path, new ArrayDeque<>(List.of(answers)));
    }

    void alwaysAnswer(String path, Answer answer) {
        always.put(path, answer);
    }

    synchronized List<Request> requests(Predicate<Request> match) {
        return requests.stream().filter(match).toList();
    }

    List<Request> await(Predicate<Request> match, int count, Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            List<Request> found = requests(match);
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + count + " request(s) within " + timeout + ", got "
                + requests(match).size());
    }

    /** Sends a request to a path of this receiver as anyone could: what it answers. */
    int post(String path, String signature, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .header("Orikaeshi-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        Answer answer;
        String secret = secrets.get(path);
        if (secret != null && !verified(secret, headers.get("orikaeshi-signature"), body, Instant.now())) {
            answer = new Answer(401, Map.of());
        } else {
            Deque<Answer> script = scripts.get(path);
            Answer scripted = script == null ? null : script.pollFirst();
            answer = scripted != null ? scripted : always.getOrDefault(path, new Answer(200, Map.of()));
        }
        synchronized (this) {
            requests.add(new Request(path, Instant.now(), headers, body, answer.status()));
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    /**
     * The receiver's check, as the service README documents it: recompute HMAC-SHA256(secret, t + "." + body), compare
     * with each v1 in constant time, and refuse a timestamp more than 300 s from now (a replay).
     */
    static boolean verified(String secret, String header, String body, Instant now) {
        if (header == null) {
            return false;
        }
        long t = -1;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = Long.parseLong(kv[1]);
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                signatures.add(kv[1]);
            }
        }
        if (t < 0 || Math.abs(now.getEpochSecond() - t) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = hmac(secret, t + "." + body).getBytes(StandardCharsets.UTF_8);
        return signatures.stream()
                .anyMatch(s -> MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.UTF_8)));
    }

    static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
