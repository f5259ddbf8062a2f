package io.orikaeshi.reporting.rest;

import io.orikaeshi.events.tenant.ApiKeyGrant.Role;
import io.orikaeshi.kit.security.Allowed;
import io.orikaeshi.reporting.service.BoardQueries;
import io.orikaeshi.reporting.service.CallerHistoryQueries;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
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

/** What operators look at: the board of open promises and the history of the caller on the line. */
@Path("/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class BoardResource {

    @Inject
    BoardQueries board;
    @Inject
    CallerHistoryQueries callers;

    @GET
    @Path("/board")
    @Allowed({Role.OPERATOR, Role.CLIENT})
    @Operation(
            summary = "Every open promise with due time, state, assignee, chase count and time left; urgent first, then earliest due")
    public Uni<List<BoardItem>> board(@PathParam("tenantId") String tenantId,
            @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(5000) int limit) {
        return board.open(tenantId, limit);
    }

    @GET
    @Path("/callers/{number}/history")
    @Allowed({Role.OPERATOR, Role.CLIENT})
    @Operation(summary = "The caller's previous calls, open promises and chase count, for the operator's screen")
    public Uni<CallerHistory> history(@PathParam("tenantId") String tenantId,
            @Parameter(description = "E.164, URL-encoded: %2B81312345678")
            @PathParam("number") String number) {
        return callers.history(tenantId, number);
    }
}
