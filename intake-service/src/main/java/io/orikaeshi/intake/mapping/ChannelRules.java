package io.orikaeshi.intake.mapping;

import io.orikaeshi.events.tenant.Address;
import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.intake.rest.ChannelRequest;
import io.orikaeshi.kit.problem.Problem;
import io.orikaeshi.kit.secrets.LineWorksCredential;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each chat service needs of a channel, checked when it is stored: a wrong room or token is otherwise found
 * only when a message about a call fails to arrive. Messages name the field, never the secret's value.
 */
public final class ChannelRules {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");
    private static final Pattern SLACK_ROOM = Pattern.compile("[CGD][A-Z0-9]{2,30}");
    private static final Pattern SLACK_BOT_TOKEN = Pattern.compile("xoxb-[A-Za-z0-9-]{8,250}");
    private static final Pattern CHATWORK_ROOM = Pattern.compile("[0-9]{1,20}");
    private static final Pattern CHATWORK_TOKEN = Pattern.compile("[A-Za-z0-9]{16,128}");
    private static final Pattern LINE_WORKS_ROOM = Pattern.compile(
            "[A-Za-z0-9]{1,64}/(channels|users)/[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
    /** Printable ASCII without spaces: what an HTTP header can carry. */
    private static final Pattern TOKEN = Pattern.compile("[!-~]{16,2000}");
    public static final int MIN_WEBHOOK_SECRET = 16;

    private ChannelRules() {
    }

    /**
     * @param id     the channel's id, from the path
     * @param secret the secret the channel will have (given now, kept, or generated), in plain; null if none
     */
    public static List<Problem.FieldError> check(String id, ChannelRequest r, String secret) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!Address.validId(id)) {
            errors.add(new Problem.FieldError("id", IdRules.MESSAGE));
        }
        if (r.url() != null && !allowedUrl(r.url())) {
            errors.add(urlError("url"));
        }
        String room = r.room();
        switch (r.type()) {
            case SLACK -> {
                if (secret != null && SLACK_BOT_TOKEN.matcher(secret).matches()) {
                    require(errors, room, SLACK_ROOM, "must be the Slack channel id (C…) the bot posts to");
                } else if (secret != null && !allowedUrl(secret)) {
                    errors.add(new Problem.FieldError("secret",
                            "must be a bot token (xoxb-…) or an incoming-webhook URL (https)"));
                }
            }
            case TEAMS -> {
                if (secret != null && !allowedUrl(secret)) {
                    errors.add(
                            new Problem.FieldError("secret", "must be the incoming-webhook or Workflows URL (https)"));
                }
                unused(errors, room, r.type());
            }
            case CHATWORK -> {
                require(errors, room, CHATWORK_ROOM, "must be the Chatwork room id (digits)");
                if (secret != null && !CHATWORK_TOKEN.matcher(secret).matches()) {
                    errors.add(new Problem.FieldError("secret", "must be a Chatwork API token"));
                }
            }
            case LINE_WORKS -> {
                require(errors, room, LINE_WORKS_ROOM,
                        "must be <botId>/channels/<channelId> or <botId>/users/<userId>");
                lineWorksSecret(errors, secret);
            }
            case WEBHOOK -> {
                if (r.url() == null) {
                    errors.add(urlError("url"));
                }
                if (secret != null && (secret.length() < MIN_WEBHOOK_SECRET || !TOKEN.matcher(secret).matches())) {
                    errors.add(new Problem.FieldError("secret",
                            "must be at least 16 printable characters without spaces; leave it out to have one generated"));
                }
                unused(errors, room, r.type());
            }
            default -> throw new IllegalStateException("unknown channel type " + r.type());
        }
        if (secret == null && r.type() != ChannelType.WEBHOOK) {
            errors.add(new Problem.FieldError("secret", "is required for a " + r.type() + " channel"));
        }
        return errors;
    }

    /** A Bot API access token, or the service account notification-service gets its tokens with. */
    private static void lineWorksSecret(List<Problem.FieldError> errors, String secret) {
        if (secret == null) {
            return;
        }
        if (LineWorksCredential.isCredential(secret)) {
            try {
                LineWorksCredential.parse(secret);
            } catch (IllegalArgumentException unusable) {
                errors.add(new Problem.FieldError("secret", unusable.getMessage()));
            }
        } else if (!TOKEN.matcher(secret).matches()) {
            errors.add(new Problem.FieldError("secret", "must be a Bot API access token or a service-account"
                    + " credential as JSON {clientId, clientSecret, serviceAccount, privateKey, scope}"));
        }
    }

    private static void require(List<Problem.FieldError> errors, String value, Pattern form, String message) {
        if (value == null || !form.matcher(value).matches()) {
            errors.add(new Problem.FieldError("room", message));
        }
    }

    private static void unused(List<Problem.FieldError> errors, String room, ChannelType type) {
        if (room != null) {
            errors.add(new Problem.FieldError("room", "is not used by a " + type + " channel; leave it out"));
        }
    }

    private static Problem.FieldError urlError(String field) {
        return new Problem.FieldError(field, "must be an https URL (http only for localhost or 127.0.0.1)");
    }

    /** https anywhere; plain http only to this machine, where tests and local runs have their receivers. */
    static boolean allowedUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            return host != null && uri.getUserInfo() == null
                    && ("https".equals(scheme)
                            || "http".equals(scheme) && LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT)));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
