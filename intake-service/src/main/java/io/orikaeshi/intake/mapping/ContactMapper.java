package io.orikaeshi.intake.mapping;

import io.orikaeshi.events.tenant.Address;
import io.orikaeshi.events.tenant.TenantProfile.Contact;
import io.orikaeshi.intake.rest.ContactRequest;
import io.orikaeshi.kit.problem.Problem;
import io.orikaeshi.kit.problem.ProblemException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Admin API request → contact. A chat id must have the form its service gives ids: a mention with a mistyped id
 * reaches nobody, and the chat service says so only when a message is sent, to no one who could fix it.
 */
public final class ContactMapper {

    private static final Map<String, ChatId> CHAT_IDS = Map.of(
            "slack", new ChatId(Pattern.compile("[UW][A-Z0-9]{2,20}"), "a Slack member id (U… or W…)"),
            "teams",
            new ChatId(
                    Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+|\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}"),
                    "a user principal name (name@example.com) or an Entra object id"),
            "chatwork", new ChatId(Pattern.compile("[0-9]{1,20}"), "a Chatwork account id (digits)"),
            "line_works", new ChatId(Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}"), "a LINE WORKS user id"));

    private record ChatId(Pattern form, String described) {
    }

    private ContactMapper() {
    }

    public static Contact toContact(String id, ContactRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!Address.validId(id)) {
            errors.add(new Problem.FieldError("id", IdRules.MESSAGE));
        }
        String email = r.email() == null || r.email().isBlank() ? null : r.email().strip();
        if (email != null && !isEmail(email)) {
            errors.add(new Problem.FieldError("email", "must be an email address"));
        }
        Map<String, String> chatIds = new TreeMap<>();
        (r.chatIds() == null ? Map.<String, String>of() : r.chatIds()).forEach((service, value) -> {
            ChatId form = CHAT_IDS.get(service);
            String field = "chatIds." + service;
            if (form == null) {
                errors.add(
                        new Problem.FieldError(field, "is not a chat service: slack, teams, chatwork or line_works"));
            } else if (!form.form().matcher(value.strip()).matches()) {
                errors.add(new Problem.FieldError(field, "must be " + form.described()));
            } else {
                chatIds.put(service, value.strip());
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Contact(id, r.name().strip(), Optional.ofNullable(email),
                chatIds.isEmpty() ? Optional.empty() : Optional.of(Collections.unmodifiableMap(chatIds)));
    }

    /** An email address as routes take one: the grammar of {@link Address}. */
    private static boolean isEmail(String text) {
        try {
            Address address = Address.parse(text);
            return address.email() && address.person().orElse(null) instanceof Address.Email;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
