package io.orikaeshi.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for LINE WORKS: its auth server ({@code POST /oauth2/v2.0/token}) checks each token
 * request as the documentation says it must be made (form fields, and the JWT's RS256 signature against the service
 * account's public key and its claims) and issues tokens; its Bot API ({@code POST /bots/…}) takes a message only with
 * a token it issued and has not revoked (401 otherwise).
 */
public final class LineWorksServer implements AutoCloseable {

    /** One service account the auth server knows. */
    public record Account(String clientId, String clientSecret, String serviceAccount, String scope,
            PublicKey publicKey) {
    }

    /**
     * @param problems what was wrong with the request, empty when it was as documented
     * @param status   what the server answered
     */
    public record TokenRequest(Map<String, String> form, JsonNode header, JsonNode claims, List<String> problems,
            int status) {
    }

    public record Post(String path, String authorization, String body, int status) {
    }

    private record Refusal(int status, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();

    /** @param port 0 for any free one */
    public LineWorksServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/oauth2/v2.0/token", this::token);
        server.createContext("/bots/", this::post);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public LineWorksServer knows(Account account) {
        accounts.put(account.clientId(), account);
        return this;
    }

    /** The auth server answers every token request of this client so (a credential revoked in the console). */
    public void refuses(String clientId, int status, String body) {
        refusals.put(clientId, new Refusal(status, body));
    }

    /** Every token issued so far stops working, as when an administrator revokes them. */
    public void revokeAll() {
        valid.clear();
    }

    public List<String> issued() {
        return List.copyOf(issued);
    }

    public List<TokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = LocalReceiver
                .form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        Account account = accounts.get(form.getOrDefault("client_id", ""));
        JsonNode header = JSON.createObjectNode();
        JsonNode claims = JSON.createObjectNode();
        if (!"POST".equals(exchange.getRequestMethod())) {
            problems.add("method " + exchange.getRequestMethod());
        }
        if (!String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                .startsWith("application/x-www-form-urlencoded")) {
            problems.add("content type");
        }
        if (account == null) {
            problems.add("unknown client_id");
        } else {
            expect(problems, form, "grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            expect(problems, form, "client_secret", account.clientSecret());
            expect(problems, form, "scope", account.scope());
            String[] jwt = form.getOrDefault("assertion", "").split("\\.", -1);
            if (jwt.length != 3) {
                problems.add("assertion is not a JWT");
            } else {
                header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
                claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
                if (!verified(account.publicKey(), jwt)) {
                    problems.add("signature");
                }
                if (!header.equals(JSON.readTree("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"))) {
                    problems.add("header " + header);
                }
                long now = Instant.now().getEpochSecond();
                if (!account.clientId().equals(claims.path("iss").asText())
                        || !account.serviceAccount().equals(claims.path("sub").asText())
                        || Math.abs(claims.path("iat").asLong() - now) > 300
                        || claims.path("exp").asLong() - claims.path("iat").asLong() != 3600) {
                    problems.add("claims " + claims);
                }
            }
        }
        Refusal refusal = account == null ? null : refusals.get(account.clientId());
        String body;
        int status;
        if (refusal != null) {
            status = refusal.status();
            body = refusal.body();
        } else if (!problems.isEmpty()) {
            status = 400;
            body = "{\"error\":\"invalid_request\"}";
        } else {
            status = 200;
            String token = "works-token-" + counter.incrementAndGet();
            valid.add(token);
            issued.add(token);
            body = "{\"access_token\":\"" + token + "\",\"refresh_token\":\"r-" + token + "\",\"scope\":\""
                    + account.scope() + "\",\"token_type\":\"Bearer\",\"expires_in\":\"86400\"}";
        }
        tokenRequests.add(new TokenRequest(form, header, claims, List.copyOf(problems), status));
        answer(exchange, status, body);
    }

    private void post(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean allowed = authorization != null && authorization.startsWith("Bearer ")
                && valid.contains(authorization.substring("Bearer ".length()));
        int status = allowed ? 201 : 401;
        posts.add(new Post(exchange.getRequestURI().getRawPath(), authorization, body, status));
        answer(exchange, status,
                allowed ? "" : "{\"code\":\"UNAUTHORIZED\",\"description\":\"Authentication failed\"}");
    }

    private static boolean verified(PublicKey key, String[] jwt) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(jwt[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void expect(List<String> problems, Map<String, String> form, String field, String expected) {
        if (!expected.equals(form.get(field))) {
            problems.add(field);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] reply = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
