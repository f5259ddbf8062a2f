package io.orikaeshi.intake.rest;

import io.orikaeshi.intake.mapping.CallMapper;
import io.orikaeshi.intake.service.CallIntake;
import io.orikaeshi.kit.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/tenants/{tenantId}/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {

    private final CallIntake intake;

    public CallResource(CallIntake intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a received call", description = "Stores the call and publishes CallReceived.")
    @APIResponse(responseCode = "201", description = "Accepted and durably stored")
    @APIResponse(responseCode = "422", description = "A field is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<CallView>> receive(@PathParam("tenantId") String tenantId,
                                               @NotNull @Valid NewCallRequest request, UriInfo uri) {
        return intake.receive(tenantId, request).map(record -> RestResponse.ResponseBuilder
                .<CallView>created(uri.getAbsolutePathBuilder().path(record.id).build())
                .entity(CallMapper.toView(record))
                .build());
    }

    @GET
    @Path("/{callId}")
    @Operation(summary = "The call's identifiers and callback state")
    @APIResponse(responseCode = "404", description = "No such call for this tenant")
    public Uni<CallView> get(@PathParam("tenantId") String tenantId, @PathParam("callId") String callId) {
        return intake.find(tenantId, callId).map(CallMapper::toView);
    }

    @POST
    @Path("/{callId}/callback/completion")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark the promised callback as made", description = "Publishes CallbackCompleted; no overdue alert follows.")
    @APIResponse(responseCode = "200", description = "Completed")
    @APIResponse(responseCode = "409", description = "No callback was promised, or it is already completed")
    public Uni<CallView> complete(@PathParam("tenantId") String tenantId, @PathParam("callId") String callId,
                                  @Valid CompletionRequest request) {
        return intake.completeCallback(tenantId, callId, request == null ? null : request.completedBy())
                .map(CallMapper::toView);
    }

}
