package io.orikaeshi.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets a person (HTML) and a script (JSON) read what the {@link MailCatcher} received.
 * <p>
 * The JSON API is GreenMail standalone's (2.1, the mail catcher of docker-compose.yml), so scripts, the README and
 * the system tests ({@code io.orikaeshi.infra.testing.MailboxClient}, test-support) use one API for the local run and compose:
 * {@code GET /api/user} (a mailbox per recipient address, made on first delivery),
 * {@code GET /api/user/{email}/messages/} (INBOX; {@code uid}, {@code messageId}, {@code subject},
 * {@code contentType} and {@code mimeMessage}, the MIME source), {@code POST /api/mail/purge} and
 * {@code GET /api/service/readiness}. The pages for people are {@code /} and {@code /messages/{n}}, where n is the
 * position in arrival order, stable until the mailbox is purged.
 */
final class MailboxHttpServer {

    private static final Logger LOG = Logger.getLogger(MailboxHttpServer.class.getName());
    private static final Pattern MESSAGE_PAGE = Pattern.compile("/messages/(\\d{1,9})");
    private static final Pattern MESSAGE_RAW = Pattern.compile("/messages/(\\d{1,9})/raw");
    /** GreenMail's folder segment is optional and names INBOX, the only folder SMTP delivery fills. */
    private static final Pattern USER_MESSAGES = Pattern.compile("/api/user/([^/]+)/messages(?:/(?:INBOX)?)?");
    /** Inline styles only; images and scripts in mail never load, also inside the srcdoc frame (CSP inherits). */
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final MailCatcher mail;
    private final ObjectMapper json = new ObjectMapper();

    private MailboxHttpServer(HttpServer server, ExecutorService executor, MailCatcher mail) {
        this.server = server;
        this.executor = executor;
        this.mail = mail;
    }

    static MailboxHttpServer start(int port, MailCatcher mail) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "mailbox-http");
                thread.setDaemon(true);
                return thread;
            });
            MailboxHttpServer mailbox = new MailboxHttpServer(server, executor, mail);
            server.createContext("/", mailbox::handle);
            server.setExecutor(executor);
            server.start();
            return mailbox;
        } catch (IOException e) {
            throw new UncheckedIOException("Mailbox HTTP server cannot listen on 127.0.0.1:" + port, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Mailbox request failed: " + exchange.getRequestURI().getPath(), e);
            send(exchange, 500, "text/plain; charset=utf-8", "Internal error".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        List<ReceivedMail> messages = mail.messages();
        Matcher m;
        if (path.equals("/api/mail/purge") && method.equals("POST")) {
            mail.purge();
            send(exchange, 200, "application/json", json.writeValueAsBytes(Map.of("message", "Purged mails")));
        } else if (!method.equals("GET")) {
            exchange.getResponseHeaders().set("Allow", path.equals("/api/mail/purge") ? "POST" : "GET");
            exchange.sendResponseHeaders(405, -1);
        } else if (path.equals("/")) {
            html(exchange, 200, MailboxPages.list(messages));
        } else if ((m = MESSAGE_PAGE.matcher(path)).matches()) {
            int index = Integer.parseInt(m.group(1));
            if (index < messages.size()) {
                html(exchange, 200, MailboxPages.message(index, messages.get(index)));
            } else {
                html(exchange, 404, MailboxPages.notFound());
            }
        } else if ((m = MESSAGE_RAW.matcher(path)).matches() && Integer.parseInt(m.group(1)) < messages.size()) {
            int index = Integer.parseInt(m.group(1));
            exchange.getResponseHeaders().set("Content-Disposition", "inline; filename=\"message-" + index + ".eml\"");
            send(exchange, 200, "message/rfc822", messages.get(index).raw().getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/api/service/readiness")) {
            send(exchange, 200, "application/json", json.writeValueAsBytes(Map.of("message", "Service running")));
        } else if (path.equals("/api/user")) {
            List<Map<String, Object>> users = new ArrayList<>();
            for (String address : recipients(messages)) {
                users.add(Map.of("login", address, "email", address));
            }
            send(exchange, 200, "application/json", json.writeValueAsBytes(users));
        } else if ((m = USER_MESSAGES.matcher(path)).matches()) {
            String user = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            if (!recipients(messages).contains(user)) {
                send(exchange, 400, "application/json",
                        json.writeValueAsBytes(Map.of("message", "User '" + user + "' not found")));
                return;
            }
            List<Map<String, Object>> inbox = new ArrayList<>();
            for (ReceivedMail received : messages) {
                if (received.to().contains(user)) {
                    inbox.add(toJson(inbox.size() + 1, received));
                }
            }
            send(exchange, 200, "application/json", json.writeValueAsBytes(inbox));
        } else {
            send(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Every envelope recipient, in order of first delivery: GreenMail's users, one mailbox each. */
    private static java.util.Set<String> recipients(List<ReceivedMail> messages) {
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>();
        messages.forEach(received -> addresses.addAll(received.to()));
        return addresses;
    }

    /** A message as GreenMail's API shows it; uid counts from 1 in each mailbox, as an IMAP folder's do. */
    private static Map<String, Object> toJson(long uid, ReceivedMail mail) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uid", uid);
        json.put("messageId", mail.messageId());
        json.put("subject", mail.subject());
        json.put("contentType", mail.header("Content-Type"));
        json.put("mimeMessage", mail.raw());
        return json;
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        send(exchange, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
