package io.orikaeshi.intake.service;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.OnCallSchedule;
import io.orikaeshi.intake.mapping.OnCallRules;
import io.orikaeshi.intake.rest.OnCallRequest;
import io.orikaeshi.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A tenant's on-call schedules; checked against its contacts as they are when the schedule is stored. */
@ApplicationScoped
public class OnCallAdmin {

    @Inject
    TenantAdmin admin;

    public Uni<Saved<OnCallSchedule>> put(String tenantId, String id, OnCallRequest request) {
        AtomicBoolean created = new AtomicBoolean();
        return admin.editProfile(tenantId, profile -> {
            OnCallSchedule schedule = OnCallRules.toSchedule(id, request, profile);
            created.set(profile.schedule(id).isEmpty());
            return ProfileEdits.withOnCall(profile, ProfileEdits.upsert(schedules(profile), schedule,
                    OnCallSchedule::id));
        }).map(tenant -> new Saved<>(tenant.config().schedule(id).orElseThrow(), created.get()));
    }

    /** @throws ProblemException 409 while a route or escalation level names the schedule */
    public Uni<Void> delete(String tenantId, String id) {
        return admin.editProfile(tenantId, profile -> {
            if (profile.schedule(id).isEmpty()) {
                throw ProblemException.notFound("On-call schedule");
            }
            TenantReferences.requireUnusedSchedule(profile, id);
            return ProfileEdits.withOnCall(profile, ProfileEdits.without(schedules(profile), id, OnCallSchedule::id));
        }).replaceWithVoid();
    }

    private static List<OnCallSchedule> schedules(TenantProfile profile) {
        return profile.onCall().orElse(List.of());
    }
}
