package io.orikaeshi.intake.service;

import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.intake.rest.CapturedItemRequest;
import io.orikaeshi.intake.rest.NewCallRequest;
import io.orikaeshi.kit.problem.Problem.FieldError;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules bean validation cannot express: how status and value of an item fit together, which text may span lines,
 * and which times make sense. Every broken rule is reported at once, each naming its field.
 */
final class CallRules {

    /** Clocks of telephony integrations drift; beyond this a "received" time in the future is a mistake. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private CallRules() {
    }

    static List<FieldError> check(NewCallRequest request, Instant receivedAt, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        item("callerName", request.callerName(), errors);
        item("purpose", request.purpose(), errors);
        item("callbackNumber", request.callbackNumber(), errors);
        singleLine("addressee", request.addressee(), errors);
        singleLine("operatorId", request.operatorId(), errors);
        singleLine("site", request.site(), errors);
        if (request.notes() != null && hasControlCharacters(request.notes(), true)) {
            errors.add(new FieldError("notes", "must not contain control characters other than line breaks and tabs"));
        }
        receivedAt(receivedAt, now, errors);
        if (request.callback() != null) {
            singleLine("callback.assignee", request.callback().assignee(), errors);
        }
        singleLine("purposeCategory", request.purposeCategory(), errors);
        return errors;
    }

    private static void item(String field, CapturedItemRequest item, List<FieldError> errors) {
        if (item == null || item.status() == null) {
            return; // reported by bean validation
        }
        boolean hasValue = item.value() != null && !item.value().isBlank();
        if (item.status() == CaptureStatus.PROVIDED && !hasValue) {
            errors.add(new FieldError(field + ".value", "is required when status is PROVIDED"));
        } else if (item.status() != CaptureStatus.PROVIDED && hasValue) {
            errors.add(new FieldError(field + ".value", "must be absent when status is " + item.status()));
        } else if (hasValue) {
            singleLine(field + ".value", item.value(), errors);
        }
    }

    private static void singleLine(String field, String value, List<FieldError> errors) {
        if (value != null && hasControlCharacters(value, false)) {
            errors.add(new FieldError(field, "must be a single line without control characters"));
        }
    }

    /** Includes the Unicode line and paragraph separators, which some mail and log tools treat as line breaks. */
    static boolean hasControlCharacters(String text, boolean allowLineBreaks) {
        return text.codePoints().anyMatch(c -> {
            if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
                return false;
            }
            return Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029 || c == 0x85;
        });
    }

    /** A call's time may be a little ahead of ours (another clock), never further. */
    static void receivedAt(Instant receivedAt, Instant now, List<FieldError> errors) {
        if (receivedAt.isAfter(now.plus(CLOCK_SKEW))) {
            errors.add(new FieldError("receivedAt", "must not be in the future"));
        }
    }
}
