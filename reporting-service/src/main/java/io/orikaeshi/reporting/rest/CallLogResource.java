package io.orikaeshi.reporting.rest;

import io.orikaeshi.reporting.service.CallLogQueries;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;

@Path("/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class CallLogResource {

    private final CallLogQueries queries;

    public CallLogResource(CallLogQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/calls")
    @Operation(summary = "The tenant's calls, newest first")
    public Uni<List<CallLogView>> calls(@PathParam("tenantId") String tenantId,
                                        @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return queries.calls(tenantId, limit).map(rows -> rows.stream().map(CallLogView::of).toList());
    }

    @GET
    @Path("/callbacks")
    @Operation(summary = "The tenant's promised callbacks, earliest due first")
    public Uni<List<CallLogView>> callbacks(@PathParam("tenantId") String tenantId,
                                            @Parameter(description = "open, overdue or completed; all when absent")
                                            @QueryParam("status") String status,
                                            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return queries.callbacks(tenantId, status, limit).map(rows -> rows.stream().map(CallLogView::of).toList());
    }
}
