package io.orikaeshi.intake.service;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.HearingAnswer;
import io.orikaeshi.intake.repository.CallRows;
import io.orikaeshi.intake.repository.StoredCall;
import io.orikaeshi.intake.rest.NewCallRequest;
import io.orikaeshi.intake.service.CallStore.NewCall;
import io.orikaeshi.intake.service.CallStore.Outcome;
import io.orikaeshi.kit.problem.Problem.FieldError;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.kit.tracing.Tracing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Accepts calls: checks them, then hands them to {@link CallStore}, which writes the call, the events announcing it
 * (to the outbox) and the idempotency key in one transaction, so whatever was acknowledged to the client is also
 * published, exactly as stored.
 */
@ApplicationScoped
public class CallIntake {

    /**
     * Time-ordered (UUIDv7): every service keys its rows by call id, and ids that grow with time are appended to the
     * right end of those indexes instead of touching a random page each, which keeps inserts fast as tables grow.
     */
    private static final TimeBasedEpochGenerator CALL_IDS = Generators.timeBasedEpochGenerator();

    /** A call accepted now, or the one an earlier request with the same Idempotency-Key created. */
    public record Accepted(StoredCall call, boolean replayed) {
    }

    @Inject
    TenantDirectory tenants;
    @Inject
    PhoneNumbers phoneNumbers;
    @Inject
    BusinessTime businessTime;
    @Inject
    CallStore store;
    @Inject
    Pool pool;

    public Uni<Accepted> receive(String tenantId, NewCallRequest request, String idempotencyKey) {
        TenantSettings tenant = tenants.require(tenantId);
        // Microseconds, PostgreSQL's precision: every service then reads back the very instant the event carries.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant receivedAt = request.receivedAt() == null
                ? now
                : request.receivedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        List<FieldError> errors = new ArrayList<>(CallRules.check(request, receivedAt, now));
        String number = callbackNumber(request, tenant, errors);
        CallbackPromise promise = PromiseRules.promise(request.callback(), receivedAt, now, tenant, businessTime,
                errors);
        List<HearingAnswer> hearing = HearingRules.answers(request.hearingItems(), tenant, receivedAt, errors);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200
                || CallRules.hasControlCharacters(idempotencyKey, false))) {
            errors.add(new FieldError("Idempotency-Key", "must be 1 to 200 printable characters"));
        }
        String hash = idempotencyKey == null ? null : hash(request.toString());
        if (errors.equals(List.of(PromiseRules.ALREADY_DUE)) && idempotencyKey != null) {
            // A retry of a call accepted while its due time was still ahead answers as the first time did.
            return replay(tenantId, idempotencyKey, hash, () -> ProblemException.invalid(errors));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(errors));
        }
        CallDetails call = request.details(receivedAt, number, promise, hearing);
        return store.store(new NewCall(CALL_IDS.generate().toString(), tenantId, call, now, idempotencyKey, hash,
                Tracing.currentTraceparent()))
                .flatMap(outcome -> outcome instanceof Outcome.Stored stored
                        ? Uni.createFrom().item(new Accepted(stored.call(), false))
                        : replay(tenantId, idempotencyKey, hash,
                                () -> new IllegalStateException("an Idempotency-Key taken by no call")));
    }

    public Uni<StoredCall> find(String tenantId, String callId) {
        tenants.require(tenantId);
        return pool.preparedQuery(CallRows.FIND_CALL).execute(Tuple.of(callId, tenantId))
                .map(rows -> rows.size() == 0 ? null : CallRows.of(rows.iterator().next()))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Call"));
    }

    private String callbackNumber(NewCallRequest request, TenantSettings tenant, List<FieldError> errors) {
        if (request.callbackNumber().status() != CaptureStatus.PROVIDED || request.callbackNumber().value() == null
                || errors.stream().anyMatch(e -> e.field().startsWith("callbackNumber"))) {
            return null;
        }
        String number = phoneNumbers.toE164(request.callbackNumber().value(), tenant.phoneRegion()).orElse(null);
        if (number == null) {
            errors.add(new FieldError("callbackNumber.value",
                    "is not a valid phone number for region " + tenant.phoneRegion()));
        }
        return number;
    }

    /**
     * The answer to a request whose Idempotency-Key an earlier request already used: that request's call when the
     * body is the same, else 422; {@code unknown} when no request used the key.
     */
    private Uni<Accepted> replay(String tenantId, String idempotencyKey, String hash,
            Supplier<RuntimeException> unknown) {
        return pool.preparedQuery(CallRows.FIND_BY_IDEMPOTENCY_KEY).execute(Tuple.of(tenantId, idempotencyKey))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw unknown.get();
                    }
                    Row earlier = rows.iterator().next();
                    if (!earlier.getString("request_hash").equals(hash)) {
                        throw ProblemException.invalid("Idempotency-Key", "was already used for a different request");
                    }
                    return new Accepted(CallRows.of(earlier), true);
                });
    }

    private static String hash(String canonicalRequest) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
