package io.orikaeshi.intake.service;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.HearingAnswer;
import io.orikaeshi.events.Topics;
import io.orikaeshi.intake.mapping.CallMapper;
import io.orikaeshi.intake.repository.CallRecord;
import io.orikaeshi.intake.repository.IdempotencyRecord;
import io.orikaeshi.intake.rest.NewCallRequest;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.problem.Problem.FieldError;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Accepts calls. The call, the events announcing it and the idempotency key are written in one transaction (the
 * events go to the outbox), so whatever was acknowledged to the client is also published, exactly as stored.
 */
@ApplicationScoped
public class CallIntake {

    /** A call accepted now, or the one an earlier request with the same Idempotency-Key created. */
    public record Accepted(CallRecord call, boolean replayed) {
    }

    private final Tenants tenants;
    private final PhoneNumbers phoneNumbers;
    private final BusinessTime businessTime;
    private final CallMapper mapper;
    private final Outbox outbox;

    public CallIntake(Tenants tenants, PhoneNumbers phoneNumbers, BusinessTime businessTime, CallMapper mapper,
                      Outbox outbox) {
        this.tenants = tenants;
        this.phoneNumbers = phoneNumbers;
        this.businessTime = businessTime;
        this.mapper = mapper;
        this.outbox = outbox;
    }

    public Uni<Accepted> receive(String tenantId, NewCallRequest request, String idempotencyKey) {
        TenantSettings tenant = tenants.require(tenantId);
        Instant now = Instant.now();
        Instant receivedAt = request.receivedAt() == null ? now : request.receivedAt().toInstant();
        List<FieldError> errors = new ArrayList<>(CallRules.check(request, receivedAt, now));
        String number = callbackNumber(request, tenant, errors);
        CallbackPromise promise = PromiseRules.promise(request.callback(), receivedAt, tenant, businessTime, errors);
        List<HearingAnswer> hearing = HearingRules.answers(request.hearingItems(), tenant, receivedAt, errors);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200
                || CallRules.hasControlCharacters(idempotencyKey, false))) {
            errors.add(new FieldError("Idempotency-Key", "must be 1 to 200 printable characters"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(errors));
        }
        CallRecord record = mapper.toRecord(UUID.randomUUID().toString(), tenantId, receivedAt, request, number,
                promise, hearing);
        if (idempotencyKey == null) {
            return Panache.withTransaction(() -> store(record, now)).invoke(outbox::committed)
                    .map(call -> new Accepted(call, false));
        }
        String hash = hash(request.toString());
        return Panache.withTransaction(() -> IdempotencyRecord.<IdempotencyRecord>findById(
                        new IdempotencyRecord.Key(tenantId, idempotencyKey))
                .flatMap(earlier -> earlier != null ? replay(earlier, hash)
                        : store(record, now).call(() -> remember(tenantId, idempotencyKey, hash, record, now))
                        .map(call -> new Accepted(call, false))))
                .invoke(accepted -> {
                    if (!accepted.replayed()) {
                        outbox.committed();
                    }
                })
                // Two retries racing: the loser's insert of the key fails; answer it like a retry.
                .onFailure(UniqueViolation::in).recoverWithUni(() -> Panache.withSession(() ->
                        IdempotencyRecord.<IdempotencyRecord>findById(new IdempotencyRecord.Key(tenantId, idempotencyKey))
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

    /**
     * Stores the call; a call from a number with an open promise is a chase: it is linked to the oldest such promise
     * (what the caller has waited for longest, even when the chase call makes a promise of its own), which counts it
     * and announces it, keyed by the chased call so it is ordered with that promise's own events.
     */
    private Uni<CallRecord> store(CallRecord record, Instant now) {
        Uni<Void> chase = record.callbackNumber == null ? Uni.createFrom().voidItem()
                // OPEN as a literal, not a parameter: only then can PostgreSQL use the partial index on open
                // promises in a prepared statement's generic plan (a parameter made every call scan the table).
                : CallRecord.<CallRecord>find("tenantId = ?1 and callbackNumber = ?2 and callbackStatus = "
                                + "io.orikaeshi.intake.repository.CallbackStatus.OPEN order by receivedAt, id",
                                record.tenantId, record.callbackNumber)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .flatMap(open -> {
                            if (open == null) {
                                return Uni.createFrom().voidItem();
                            }
                            open.chaseCount++;
                            record.chaseOf = open.id;
                            return outbox.append(Topics.CALL_EVENTS,
                                    CallbackChased.of(open.tenantId, open.id, now, record.id, open.chaseCount));
                        });
        return chase.chain(() -> record.<CallRecord>persist())
                .chain(() -> outbox.append(Topics.CALL_EVENTS,
                        CallReceived.of(record.tenantId, record.id, now, mapper.toDetails(record))))
                .replaceWith(record);
    }

    private static Uni<Void> remember(String tenantId, String key, String hash, CallRecord record, Instant now) {
        IdempotencyRecord remembered = new IdempotencyRecord();
        remembered.id = new IdempotencyRecord.Key(tenantId, key);
        remembered.requestHash = hash;
        remembered.callId = record.id;
        remembered.createdAt = now;
        return remembered.persist().replaceWithVoid();
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
