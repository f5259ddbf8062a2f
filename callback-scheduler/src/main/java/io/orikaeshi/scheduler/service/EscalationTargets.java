package io.orikaeshi.scheduler.service;

import io.orikaeshi.events.tenant.Address;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.orikaeshi.scheduler.repository.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/**
 * Whom an escalation level addresses, decided when it fires, not when it was planned: the timer keeps the level's
 * text as configured ({@code on-call:night}), and the person on call is looked up in the tenant as the directory
 * holds it at that instant, so a rotation or override changed after the call reaches the new person.
 *
 * <p>The answer is what {@code CallbackEscalated.target} records:
 * <ul>
 * <li>"assignee" (or no target): whoever owns the callback now, the pool's name when nobody does;</li>
 * <li>"supervisor", and text that is no address (a level configured before addresses existed): as configured;</li>
 * <li>an address: itself, with an on-call person replaced by the contact on call
 * ({@code channel:ops:on-call:night} → {@code channel:ops:contact:hanako});</li>
 * <li>an on-call address nobody covers (no shift at that instant, an unknown schedule or tenant): the channel's room
 * without a mention when the level names a channel (the room is where the tenant wants this level seen), else the
 * assignee, as for "assignee". The fallback is logged, naming the schedule but never a person.</li>
 * </ul>
 */
@ApplicationScoped
class EscalationTargets {

    private static final Logger LOG = Logger.getLogger(EscalationTargets.class);

    static final String SUPERVISOR = "supervisor";

    @Inject
    TenantDirectory tenants;

    String at(String configured, Deadline deadline, int level, Instant at) {
        if (configured == null || PromisePolicy.ASSIGNEE.equals(configured)) {
            return deadline.assignee;
        }
        if (SUPERVISOR.equals(configured)) {
            return configured;
        }
        Address address;
        try {
            address = Address.parse(configured);
        } catch (IllegalArgumentException e) {
            return configured;
        }
        if (!(address.person().orElse(null) instanceof Address.OnCall onCall)) {
            return address.toString();
        }
        Optional<Address> resolved = tenants.find(deadline.tenantId).map(TenantSettings::config)
                .flatMap(tenant -> address.resolved(tenant, at));
        if (resolved.isPresent()) {
            return resolved.get().toString();
        }
        LOG.warnf("Escalation level %d of call %s (tenant %s): nobody on call in schedule %s at %s; addressed to %s",
                level, deadline.callId, deadline.tenantId, onCall.schedule(), at,
                address.channel().isPresent() ? "the channel's room" : "the assignee");
        return address.channel()
                .map(channel -> new Address(Optional.of(channel), Optional.empty()).toString())
                .orElse(deadline.assignee);
    }
}
