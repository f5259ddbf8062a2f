package io.orikaeshi.intake.service;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.HearingAnswer;
import io.orikaeshi.intake.mapping.CallMapper;
import io.orikaeshi.intake.repository.CallRecord;
import io.orikaeshi.intake.repository.IdempotencyRecord;
import io.orikaeshi.intake.rest.NewCallRequest;
import io.orikaeshi.intake.service.CallStore.NewCall;
import io.orikaeshi.intake.service.CallStore.Outcome;
import io.orikaeshi.kit.problem.Problem.FieldError;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.kit.tracing.Tracing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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
    public record Accepted(CallRecord call, boolean replayed) {
    }

    private final Tenants tenants;
    private final PhoneNumbers phoneNumbers;
    private final BusinessTime businessTime;
    private final CallMapper mapper;
    private final CallStore store;

    public CallIntake(Tenants tenants, PhoneNumbers phoneNumbers, BusinessTime businessTime, CallMapper mapper,
                      CallStore store) {
        this.tenants = tenants;
        this.phoneNumbers = phoneNumbers;
        this.businessTime = businessTime;
        this.mapper = mapper;
        this.store = store;
    }

    public Uni<Accepted> receive(String tenantId, NewCallRequest request, String idempotencyKey) {
        TenantSettings tenant = tenants.require(tenantId);
        // Microseconds, PostgreSQL's precision: every service then reads back the very instant the event carries.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant receivedAt = request.receivedAt() == null ? now
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
        if (errors.equals(List.of(PromiseRules.ALREADY_DUE)) && idempotencyKey != null) {
            // A retry of a call accepted while its due time was still ahead answers as the first time did.
            String hash = hash(request.toString());
            return Panache.withSession(() -> IdempotencyRecord.<IdempotencyRecord>findById(
                            new IdempotencyRecord.Key(tenantId, idempotencyKey))
                    .flatMap(earlier -> earlier == null
                            ? Uni.createFrom().failure(ProblemException.invalid(errors))
                            : replay(earlier, hash)));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(errors));
        }
        CallRecord record = mapper.toRecord(CALL_IDS.generate().toString(), tenantId, receivedAt, request, number,
                promise, hearing);
        String hash = idempotencyKey == null ? null : hash(request.toString());
        return store.store(new NewCall(record, now, idempotencyKey, hash, Tracing.currentTraceparent()))
                .flatMap(outcome -> outcome instanceof Outcome.Stored stored
                        ? Uni.createFrom().item(new Accepted(stored.call(), false))
                        : Panache.withSession(() -> IdempotencyRecord.<IdempotencyRecord>findById(
                                new IdempotencyRecord.Key(tenantId, idempotencyKey))
                        .flatMap(earlier -> replay(earlier, hash))));
    }

    public Uni<CallRecord> find(String tenantId, String callId) {
        tenants.require(tenantId);
        return Panache.withSession(() -> CallRecord.findForTenant(tenantId, callId))
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

    private static Uni<Accepted> replay(IdempotencyRecord earlier, String hash) {
        if (!earlier.requestHash.equals(hash)) {
            return Uni.createFrom().failure(ProblemException.invalid("Idempotency-Key",
                    "was already used for a different request"));
        }
        return CallRecord.<CallRecord>findById(earlier.callId).map(call -> new Accepted(call, true));
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
