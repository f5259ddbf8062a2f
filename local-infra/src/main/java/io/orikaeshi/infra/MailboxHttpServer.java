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
 * Lets a person (HTML) and a script (JSON) read what the {@link MailCatcher} received. Message numbers are positions
 * in arrival order, stable until the mailbox is purged.
 */
final class MailboxHttpServer {

    private static final Logger LOG = Logger.getLogger(MailboxHttpServer.class.getName());
    private static final Pattern MESSAGE_PAGE = Pattern.compile("/messages/(\\d{1,9})");
    private static final Pattern MESSAGE_JSON = Pattern.compile("/api/messages/(\\d{1,9})");
    private static final Pattern MESSAGE_RAW = Pattern.compile("/api/messages/(\\d{1,9})/raw");
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
        if (path.equals("/api/messages") && method.equals("DELETE")) {
            mail.purge();
            exchange.sendResponseHeaders(204, -1);
        } else if (!method.equals("GET")) {
            exchange.getResponseHeaders().set("Allow", path.equals("/api/messages") ? "GET, DELETE" : "GET");
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
        } else if (path.equals("/api/messages")) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                all.add(toJson(i, messages.get(i)));
            }
            send(exchange, 200, "application/json", json.writeValueAsBytes(all));
        } else if ((m = MESSAGE_JSON.matcher(path)).matches() && Integer.parseInt(m.group(1)) < messages.size()) {
            int index = Integer.parseInt(m.group(1));
            send(exchange, 200, "application/json", json.writeValueAsBytes(toJson(index, messages.get(index))));
        } else if ((m = MESSAGE_RAW.matcher(path)).matches() && Integer.parseInt(m.group(1)) < messages.size()) {
            int index = Integer.parseInt(m.group(1));
            exchange.getResponseHeaders().set("Content-Disposition", "inline; filename=\"message-" + index + ".eml\"");
            send(exchange, 200, "message/rfc822", messages.get(index).raw().getBytes(StandardCharsets.UTF_8));
        } else {
            send(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Map<String, Object> toJson(int index, ReceivedMail mail) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("index", index);
        json.put("messageId", mail.messageId());
        json.put("to", mail.to());
        json.put("from", mail.from());
        json.put("subject", mail.subject());
        json.put("receivedAt", mail.receivedAt().toString());
        json.put("text", mail.textBody());
        json.put("html", mail.htmlBody());
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
