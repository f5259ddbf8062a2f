package io.orikaeshi.intake.service;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackCompleted;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.Topics;
import io.orikaeshi.intake.mapping.CallMapper;
import io.orikaeshi.intake.repository.CallRecord;
import io.orikaeshi.intake.repository.CallbackStatus;
import io.orikaeshi.intake.rest.NewCallRequest;
import io.orikaeshi.kit.outbox.Outbox;
import io.orikaeshi.kit.problem.Problem.FieldError;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Accepts calls and operator actions. Each state change and the event announcing it are written in one transaction
 * (the event goes to the outbox), so whatever was acknowledged to the client is also published, exactly as stored.
 */
@ApplicationScoped
public class CallIntake {

    private final TenantDirectory tenants;
    private final PhoneNumbers phoneNumbers;
    private final Outbox outbox;

    public CallIntake(TenantDirectory tenants, PhoneNumbers phoneNumbers, Outbox outbox) {
        this.tenants = tenants;
        this.phoneNumbers = phoneNumbers;
        this.outbox = outbox;
    }

    public Uni<CallRecord> receive(String tenantId, NewCallRequest request) {
        TenantSettings tenant = tenant(tenantId);
        Instant now = Instant.now();
        Instant receivedAt = request.receivedAt() == null ? now : request.receivedAt().toInstant();
        List<FieldError> errors = new ArrayList<>(CallRules.check(request, receivedAt, now));
        String number = null;
        if (request.callbackNumber().status() == CaptureStatus.PROVIDED && request.callbackNumber().value() != null
                && errors.stream().noneMatch(e -> e.field().startsWith("callbackNumber"))) {
            number = phoneNumbers.toE164(request.callbackNumber().value(), tenant.phoneRegion()).orElse(null);
            if (number == null) {
                errors.add(new FieldError("callbackNumber.value",
                        "is not a valid phone number for region " + tenant.phoneRegion()));
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(errors));
        }
        CallRecord record = CallMapper.toRecord(UUID.randomUUID().toString(), tenantId, receivedAt, request, number);
        CallReceived event = CallReceived.of(tenantId, record.id, now, CallMapper.toDetails(record));
        return Panache.withTransaction(() -> record.persist()
                        .flatMap(saved -> outbox.append(Topics.CALL_EVENTS, event)))
                .invoke(outbox::committed)
                .replaceWith(record);
    }

    public Uni<CallRecord> find(String tenantId, String callId) {
        tenant(tenantId);
        return Panache.withSession(() -> CallRecord.findForTenant(tenantId, callId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Call"));
    }

    public Uni<CallRecord> completeCallback(String tenantId, String callId, String completedBy) {
        tenant(tenantId);
        return Panache.withTransaction(() -> CallRecord.<CallRecord>find("id = ?1 and tenantId = ?2", callId, tenantId)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Call"))
                        .flatMap(record -> {
                            if (record.callbackStatus == CallbackStatus.NONE) {
                                throw ProblemException.conflict("No callback was promised for this call");
                            }
                            if (record.callbackStatus == CallbackStatus.COMPLETED) {
                                throw ProblemException.conflict("The callback is already completed");
                            }
                            Instant now = Instant.now();
                            record.callbackStatus = CallbackStatus.COMPLETED;
                            record.callbackCompletedAt = now;
                            return outbox.append(Topics.CALL_EVENTS,
                                            CallbackCompleted.of(tenantId, callId, now, completedBy))
                                    .replaceWith(record);
                        }))
                .invoke(outbox::committed);
    }

    private TenantSettings tenant(String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> ProblemException.notFound("Tenant"));
    }
}
