package io.orikaeshi.intake.rest;

import io.orikaeshi.events.tenant.ApiKeyGrant.Role;
import io.orikaeshi.kit.security.Allowed;
import io.orikaeshi.intake.service.CallIntake;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/tenants/{tenantId}/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {

    @Inject
    CallIntake intake;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.OPERATOR)
    @Operation(summary = "Record a received call", description = """
            Stores the call and publishes CallReceived. A call from a number with an open promise of the tenant is
            linked to it as a chase (CallbackChased). With an Idempotency-Key, a retried request returns the call the
            first one created and creates nothing.""")
    @APIResponse(responseCode = "201",
            description = "Accepted and durably stored (or replayed for a known Idempotency-Key)")
    @APIResponse(responseCode = "400", description = "The body is not JSON of the expected shape")
    @APIResponse(responseCode = "404", description = "Unknown tenant")
    @APIResponse(responseCode = "422", description = "A field is invalid; errors name each one")
    public Uni<RestResponse<CallView>> receive(
            @PathParam("tenantId") String tenantId,
            @Parameter(description = "Makes retries safe: the same key and body return the first answer")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @NotNull @Valid NewCallRequest request, UriInfo uri) {
        return intake.receive(tenantId, request, idempotencyKey).map(accepted -> RestResponse.ResponseBuilder
                .<CallView>created(uri.getAbsolutePathBuilder().path(accepted.call().id()).build())
                .header("Idempotent-Replayed", String.valueOf(accepted.replayed()))
                .entity(CallView.of(accepted.call()))
                .build());
    }

    @GET
    @Path("/{callId}")
    @Allowed({Role.OPERATOR, Role.CLIENT})
    @Operation(summary = "The call's identifiers and callback state")
    @APIResponse(responseCode = "404", description = "No such call for this tenant")
    public Uni<CallView> get(@PathParam("tenantId") String tenantId, @PathParam("callId") String callId) {
        return intake.find(tenantId, callId).map(CallView::of);
    }
}
