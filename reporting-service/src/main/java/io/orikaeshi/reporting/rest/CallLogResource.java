package io.orikaeshi.reporting.rest;

import io.orikaeshi.events.tenant.ApiKeyGrant.Role;
import io.orikaeshi.kit.security.Allowed;
import io.orikaeshi.reporting.mapping.CallCursor;
import io.orikaeshi.reporting.mapping.Csv;
import io.orikaeshi.reporting.mapping.CsvExports;
import io.orikaeshi.reporting.service.CallFilter;
import io.orikaeshi.reporting.service.CallLogQueries;
import io.orikaeshi.reporting.service.DeliveryLogQueries;
import io.orikaeshi.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class CallLogResource {

    static final int EXPORT_LIMIT = 10_000;

    @Inject
    CallLogQueries queries;
    @Inject
    DeliveryLogQueries deliveries;

    /** The call log's filters, shared by the JSON page and the CSV export. */
    public static class Filters {
        @QueryParam("from")
        @Parameter(description = "received at or after (ISO 8601 instant)")
        public String from;
        @QueryParam("to")
        @Parameter(description = "received before (ISO 8601 instant)")
        public String to;
        @QueryParam("addressee")
        @Parameter(description = "exactly this addressee")
        public String addressee;
        @QueryParam("purpose")
        @Parameter(description = "purpose contains this text, case-insensitive")
        public String purpose;
        @QueryParam("callerNumber")
        @Parameter(description = "callback number in E.164, e.g. +81312345678")
        public String callerNumber;
        @QueryParam("captureStatus")
        @Parameter(description = "any captured item has this status: PROVIDED, DECLINED, HUNG_UP, NOT_NEEDED")
        public String captureStatus;
        @QueryParam("urgency")
        @Parameter(description = "NORMAL or URGENT")
        public String urgency;
        @QueryParam("cursor")
        @Parameter(description = "the next page's cursor, from the Link header of the previous page")
        public String cursor;

        CallFilter toFilter() {
            CallCursor after = cursor == null
                    ? null
                    : CallCursor.decode(cursor)
                            .orElseThrow(() -> ProblemException.badParameter("cursor", "is not a cursor of this API"));
            return new CallFilter(instant("from", from), instant("to", to), addressee, purpose, callerNumber,
                    captureStatus, urgency, after);
        }

        private static Instant instant(String name, String value) {
            try {
                return value == null ? null : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw ProblemException.badParameter(name, "must be an ISO 8601 instant, e.g. 2026-03-01T00:00:00Z");
            }
        }
    }

    @GET
    @Path("/calls")
    @Allowed({Role.OPERATOR, Role.CLIENT})
    @Operation(summary = "The tenant's calls, newest first, filtered; the next page is linked from the Link header")
    @APIResponse(responseCode = "200", description = "One page of calls",
            headers = @Header(name = "Link", description = "<...&cursor=...>; rel=\"next\" when more calls match"))
    public Uni<RestResponse<List<CallLogView>>> calls(@PathParam("tenantId") String tenantId,
            @BeanParam Filters filters,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
            @Context UriInfo uri) {
        return queries.calls(tenantId, filters.toFilter(), limit).map(page -> {
            var response = RestResponse.ResponseBuilder.ok(page.items());
            if (page.next() != null) {
                String next = page.next().encode();
                response.header("Link", nextLink(uri, next)).header("X-Next-Cursor", next);
            }
            return response.build();
        });
    }

    @GET
    @Path("/calls.csv")
    @Allowed({Role.OPERATOR, Role.CLIENT})
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "The filtered call log as CSV (UTF-8 with BOM), newest first, at most 10,000 rows per file; "
            + "the Link header points to the rest")
    public Uni<RestResponse<String>> callsCsv(@PathParam("tenantId") String tenantId, @BeanParam Filters filters,
            @Context UriInfo uri) {
        return queries.calls(tenantId, filters.toFilter(), EXPORT_LIMIT).map(page -> {
            var response = RestResponse.ResponseBuilder.ok(CsvExports.calls(page.items()), Csv.MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"calls-" + tenantId + ".csv\"");
            if (page.next() != null) {
                response.header("Link", nextLink(uri, page.next().encode()));
            }
            return response.build();
        });
    }

    /** The Link header value of the next page: this request with the next page's cursor. */
    private static String nextLink(UriInfo uri, String cursor) {
        return "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", cursor).build() + ">; rel=\"next\"";
    }

    @GET
    @Path("/callbacks")
    @Allowed({Role.OPERATOR, Role.CLIENT})
    @Operation(summary = "The tenant's promised callbacks, earliest due first")
    public Uni<List<CallLogView>> callbacks(@PathParam("tenantId") String tenantId,
            @Parameter(description = "open, overdue, completed or cancelled; all when absent")
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return queries.callbacks(tenantId, status, limit);
    }

    @GET
    @Path("/calls/{callId}/deliveries")
    @Allowed({Role.OPERATOR, Role.CLIENT})
    @Operation(summary = "Messages about the call: sent, deferred or failed, and when, on which channel, oldest first")
    public Uni<List<DeliveryView>> deliveries(@PathParam("tenantId") String tenantId,
            @PathParam("callId") String callId) {
        return deliveries.forCall(tenantId, callId);
    }

    @GET
    @Path("/calls/{callId}/messages")
    @Allowed({Role.OPERATOR, Role.CLIENT})
    @Operation(summary = "Each message about the call: channel, recipient, outcome, sent, read and acknowledged",
            description = "Read means a signed link of the message was opened; the call's own acknowledgement is"
                    + " shown whether or not it came through a message.")
    public Uni<MessageLog> messages(@PathParam("tenantId") String tenantId, @PathParam("callId") String callId) {
        return deliveries.messages(tenantId, callId);
    }
}
