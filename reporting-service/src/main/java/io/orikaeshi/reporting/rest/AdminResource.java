package io.orikaeshi.reporting.rest;

import io.orikaeshi.kit.security.Allowed;
import io.orikaeshi.reporting.service.ReadModelRebuild;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

/** Operations for ops: the platform key only (a tenant's key, whatever its role, is refused). */
@Path("/admin")
@Allowed(platform = true)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    ReadModelRebuild rebuild;

    @POST
    @Path("/rebuild")
    @Blocking
    @Operation(summary = "Rebuild every read model from offset 0 of the topics, in the background; queries keep "
            + "answering from the current model until the rebuilt one is swapped in")
    @APIResponse(responseCode = "202", description = "Started; follow it at GET /admin/rebuild")
    @APIResponse(responseCode = "409", description = "A rebuild is already running")
    public RestResponse<RebuildStatus> startRebuild() {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, rebuild.start())
                .location(URI.create("/admin/rebuild")).build();
    }

    @GET
    @Path("/rebuild")
    @Operation(summary = "The state of the last rebuild since the service started: records read, events applied, rate")
    public RebuildStatus rebuildStatus() {
        return rebuild.status();
    }
}
