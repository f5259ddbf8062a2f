package io.orikaeshi.notification.service;

import io.orikaeshi.notification.channel.HttpCall;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts an {@link HttpCall} on the wire with the JDK's HTTP client (asynchronous, its own connection pool and selector
 * thread, no dependency to add), each request bounded by {@code send-timeout}: chat messages and the access tokens
 * some of them need share one client.
 */
@ApplicationScoped
public class ChatHttp {

    @Inject
    DispatchConfig config;

    private HttpClient http;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(config.sendTimeout()).build();
    }

    /** Built inside the Uni: a request the client will not take (a header it forbids) fails this send only. */
    Uni<HttpResponse<String>> execute(HttpCall call) {
        return Uni.createFrom().completionStage(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(config.sendTimeout())
                    .method(call.method(), call.body() == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(call.body()));
            call.headers().forEach(request::header);
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        });
    }

    /** The first value of each header, as the {@code ChatApi}s read them. */
    static Map<String, String> headers(HttpResponse<?> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return headers;
    }
}
