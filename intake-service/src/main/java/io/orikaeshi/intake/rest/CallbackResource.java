package io.orikaeshi.intake.rest;

import io.orikaeshi.events.tenant.ApiKeyGrant.Role;
import io.orikaeshi.kit.security.Allowed;
import io.orikaeshi.intake.service.CallbackActions;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Operator and client actions on a call's callback; each publishes its event. */
@Path("/tenants/{tenantId}/calls/{callId}/callback")
@Allowed({Role.OPERATOR, Role.CLIENT})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such call for this tenant")
@APIResponse(responseCode = "409", description = "No callback was promised, or it is already completed or cancelled")
@APIResponse(responseCode = "422", description = "A field is invalid")
public class CallbackResource {

    @Inject
    CallbackActions actions;

    @POST
    @Path("/completion")
    @Operation(summary = "The promised callback was made",
            description = "Publishes CallbackCompleted; every clock stops.")
    public Uni<CallView> complete(@PathParam("tenantId") String tenantId, @PathParam("callId") String callId,
            @Valid CompletionRequest request) {
        return actions.complete(tenantId, callId, request == null ? null : request.completedBy()).map(CallView::of);
    }

    @POST
    @Path("/attempts")
    @Operation(summary = "Record a callback attempt",
            description = "Reached, no answer or voicemail, with the next try.")
    public Uni<CallView> attempt(@PathParam("tenantId") String tenantId, @PathParam("callId") String callId,
            @NotNull @Valid CallbackActionRequests.Attempt request) {
        return actions.attempt(tenantId, callId, request.outcome(),
                request.nextAttemptAt() == null ? null : request.nextAttemptAt().toInstant(), request.by())
                .map(CallView::of);
    }

    @POST
    @Path("/extension")
    @Operation(summary = "Move the promise, with the caller's consent",
            description = "The new due time replaces the old one; warnings and escalations are re-armed.")
    public Uni<CallView> extend(@PathParam("tenantId") String tenantId, @PathParam("callId") String callId,
            @NotNull @Valid CallbackActionRequests.Extension request) {
        return actions.extend(tenantId, callId, request.newDueAt().toInstant(), request.by()).map(CallView::of);
    }

    @POST
    @Path("/cancellation")
    @Operation(summary = "The caller no longer needs the callback")
    public Uni<CallView> cancel(@PathParam("tenantId") String tenantId, @PathParam("callId") String callId,
            @Valid CallbackActionRequests.Cancellation request) {
        return actions.cancel(tenantId, callId, request == null ? null : request.reason(),
                request == null ? null : request.by()).map(CallView::of);
    }

    @POST
    @Path("/reassignment")
    @Operation(summary = "Give the callback to another person, a pool or a supervisor")
    public Uni<CallView> reassign(@PathParam("tenantId") String tenantId, @PathParam("callId") String callId,
            @NotNull @Valid CallbackActionRequests.Reassignment request) {
        return actions.reassign(tenantId, callId, request.assignee(), request.assigneeKind(), request.by())
                .map(CallView::of);
    }

    @POST
    @Path("/acknowledgement")
    @Operation(summary = "Take responsibility for the callback", description = "Stops the escalation chain.")
    public Uni<CallView> acknowledge(@PathParam("tenantId") String tenantId, @PathParam("callId") String callId,
            @Valid CallbackActionRequests.Acknowledgement request) {
        return actions.acknowledge(tenantId, callId, request == null ? null : request.by()).map(CallView::of);
    }
}
