package io.orikaeshi.intake.rest;

import io.orikaeshi.events.tenant.ApiKeyGrant.Role;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.OnCallSchedule;
import io.orikaeshi.intake.service.OnCallAdmin;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.security.Allowed;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;

@Path("/tenants/{tenantId}/on-call")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(value = Role.ADMIN, platform = true)
public class OnCallResource {

    @Inject
    OnCallAdmin schedules;
    @Inject
    TenantDirectory tenants;

    @GET
    @Operation(summary = "The tenant's on-call schedules")
    public List<OnCallSchedule> list(@PathParam("tenantId") String tenantId) {
        return tenants.require(tenantId).config().onCall().orElse(List.of());
    }

    @GET
    @Path("/{scheduleId}")
    @Operation(summary = "An on-call schedule")
    public OnCallSchedule get(@PathParam("tenantId") String tenantId, @PathParam("scheduleId") String scheduleId) {
        return schedule(tenants.require(tenantId), scheduleId);
    }

    @GET
    @Path("/{scheduleId}/now")
    @Operation(summary = "Who is on call now", description = """
            The contact an override covering this moment names, else the rotation's shift, in the tenant's time
            zone; contact and name are absent when no shift covers it. Escalation levels and routes naming
            on-call:<schedule> resolve the same way when they fire.""")
    public OnCallNowView now(@PathParam("tenantId") String tenantId, @PathParam("scheduleId") String scheduleId) {
        TenantSettings tenant = tenants.require(tenantId);
        Instant now = Instant.now();
        String contact = schedule(tenant, scheduleId).onCallAt(now, tenant.timeZone()).orElse(null);
        String name = contact == null
                ? null
                : tenant.config().contact(contact).map(TenantProfile.Contact::name).orElse(null);
        return new OnCallNowView(scheduleId, now, contact, name);
    }

    @PUT
    @Path("/{scheduleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace an on-call schedule", description = """
            A dated rotation and overrides (a day's swap, winning over the rotation) of shifts {contact, from,
            until}: local date-times in the tenant's time zone, covering [from, until). Each shift names one of the
            tenant's contacts and ends after it starts; shifts of the rotation must not overlap, nor those of the
            overrides. Routes and escalation levels name it as on-call:<id>. Publishes TenantChanged.""")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "201", description = "Created")
    public Uni<RestResponse<OnCallSchedule>> put(@PathParam("tenantId") String tenantId,
            @PathParam("scheduleId") String scheduleId, @NotNull @Valid OnCallRequest request) {
        tenants.require(tenantId);
        return schedules.put(tenantId, scheduleId, request).map(saved -> RestResponse.status(
                saved.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK, saved.value()));
    }

    @DELETE
    @Path("/{scheduleId}")
    @Operation(summary = "Delete an on-call schedule", description = "Publishes TenantChanged.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = """
            A route or escalation level still names the schedule; errors name each one""")
    public Uni<Void> delete(@PathParam("tenantId") String tenantId, @PathParam("scheduleId") String scheduleId) {
        tenants.require(tenantId);
        return schedules.delete(tenantId, scheduleId);
    }

    private static OnCallSchedule schedule(TenantSettings tenant, String scheduleId) {
        return tenant.config().schedule(scheduleId).orElseThrow(() -> ProblemException.notFound("On-call schedule"));
    }
}
