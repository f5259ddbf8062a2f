package io.orikaeshi.reporting.rest;

import io.orikaeshi.events.tenant.ApiKeyGrant.Role;
import io.orikaeshi.kit.security.Allowed;
import io.orikaeshi.reporting.mapping.Csv;
import io.orikaeshi.reporting.mapping.CsvExports;
import io.orikaeshi.reporting.service.BillingQueries;
import io.orikaeshi.reporting.service.Period;
import io.orikaeshi.reporting.service.SlaQueries;
import io.orikaeshi.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** What clients and ops account with: SLA compliance and the monthly bill. */
@Path("/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class AccountingResource {

    @Inject
    SlaQueries sla;
    @Inject
    BillingQueries billing;

    @GET
    @Path("/sla")
    @Allowed({Role.OPERATOR, Role.CLIENT, Role.ADMIN})
    @Operation(summary = "SLA compliance per period (and assignee): share kept on time, median and p90 time to "
            + "callback, overdue, escalation and chase counts")
    public Uni<List<SlaFigures>> sla(@PathParam("tenantId") String tenantId,
            @Parameter(description = "day, week (from Monday) or month")
            @QueryParam("period") @DefaultValue("day") String period,
            @Parameter(description = "first day, tenant's calendar (yyyy-MM-dd)", required = true)
            @QueryParam("from") String from,
            @Parameter(description = "last day, inclusive (yyyy-MM-dd)", required = true)
            @QueryParam("to") String to,
            @Parameter(description = "one row per assignee and period instead of per period")
            @QueryParam("byAssignee") @DefaultValue("false") boolean byAssignee) {
        Period unit = Period.parse(period)
                .orElseThrow(() -> ProblemException.badParameter("period", "must be one of day, week, month"));
        return sla.sla(tenantId, unit, date("from", from), date("to", to), byAssignee);
    }

    @GET
    @Path("/billing")
    @Allowed({Role.CLIENT, Role.ADMIN})
    @Operation(
            summary = "The month's bill in yen: calls x unit price plus the hearing surcharge, per the plan in force each day")
    public Uni<Bill> bill(@PathParam("tenantId") String tenantId,
            @Parameter(description = "yyyy-MM", required = true) @QueryParam("month") String month) {
        return billing.month(tenantId, month);
    }

    @GET
    @Path("/billing.csv")
    @Allowed({Role.CLIENT, Role.ADMIN})
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "The month's bill as CSV (UTF-8 with BOM): one line per plan in force, then the total")
    public Uni<RestResponse<String>> billCsv(@PathParam("tenantId") String tenantId,
            @Parameter(description = "yyyy-MM", required = true)
            @QueryParam("month") String month) {
        return billing.month(tenantId, month).map(bill -> RestResponse.ResponseBuilder
                .ok(CsvExports.bill(bill), Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"billing-" + tenantId + "-" + month + ".csv\"")
                .build());
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.badParameter(name, "must be a date as yyyy-MM-dd");
        }
    }
}
