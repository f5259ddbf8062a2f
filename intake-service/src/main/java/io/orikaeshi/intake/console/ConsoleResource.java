package io.orikaeshi.intake.console;

import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.tenant.ApiKeyGrant.Role;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.intake.console.ConsoleViews.ConsoleContext;
import io.orikaeshi.intake.console.ConsoleViews.PhoneNumberView;
import io.orikaeshi.intake.console.ConsoleViews.PromisePreviewRequest;
import io.orikaeshi.intake.console.ConsoleViews.PromisePreviewView;
import io.orikaeshi.intake.service.PhoneNumbers;
import io.orikaeshi.intake.service.PromisePreview;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.phone.PhoneDisplay;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.security.Allowed;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the operator console (META-INF/resources/console) asks intake while a call is taken: the tenant's context,
 * the due time a promise would get, and the number as intake will store it. Each answer is computed by the code
 * that handles the call itself, never by rules copied into the page.
 */
@Path("/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "Unknown tenant")
public class ConsoleResource {

    private static final String RECENT_ADDRESSEES = "select addressee from received_call"
            + " where tenant_id = $1 and addressee is not null and received_at > now() - interval '30 days'"
            + " group by addressee order by max(received_at) desc limit 30";

    @Inject
    TenantDirectory tenants;
    @Inject
    PromisePreview promises;
    @Inject
    PhoneNumbers phoneNumbers;
    @Inject
    Pool pool;
    @Inject
    ConsoleConfig config;

    @POST
    @Path("/promise-preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.OPERATOR, Role.CLIENT})
    @Operation(summary = "Preview a callback promise", description = """
            The due time (in the tenant's zone and business calendar) that POST /tenants/{tenantId}/calls would give
            a call received at receivedAt with this callback, computed by the same rules; nothing is stored. A
            promise the call would be refused for is refused here with the same 422 and field names.""")
    @APIResponse(responseCode = "422", description = "The promise is invalid; errors name each field")
    public PromisePreviewView previewPromise(@PathParam("tenantId") String tenantId,
            @NotNull @Valid PromisePreviewRequest request) {
        TenantSettings tenant = tenants.require(tenantId);
        CallbackPromise promise = promises.preview(tenantId, request.callback(),
                request.receivedAt() == null ? null : request.receivedAt().toInstant());
        ZoneId zone = tenant.timeZone();
        return new PromisePreviewView(promise.kind(), local(promise.dueAt(), zone), local(promise.notBefore(), zone),
                promise.assignee(), promise.assigneeKind(), zone.getId());
    }

    @GET
    @Path("/phone-numbers")
    @Allowed({Role.OPERATOR, Role.CLIENT})
    @Operation(summary = "Read a typed number as intake will store it",
            description = "E.164 (libphonenumber, the tenant's phone region) and the tenant country's way of writing it.")
    @APIResponse(responseCode = "422", description = "No number was given")
    public PhoneNumberView phoneNumber(@PathParam("tenantId") String tenantId, @QueryParam("number") String number) {
        TenantSettings tenant = tenants.require(tenantId);
        if (number == null || number.isBlank() || number.length() > 64) {
            throw ProblemException.invalid("number", "is required (at most 64 characters)");
        }
        String region = tenant.phoneRegion();
        String e164 = phoneNumbers.toE164(number, region).orElse(null);
        return new PhoneNumberView(number, e164 != null, e164,
                e164 == null ? null : PhoneDisplay.forRegion(e164, region),
                region);
    }

    @GET
    @Path("/console-context")
    @Allowed({Role.OPERATOR, Role.CLIENT})
    @Operation(summary = "What the operator console needs to know about the tenant", description = """
            Name, language, time zone, phone region, pool, default promise, the hearing items of today's plan,
            addressees to suggest (recent ones first, then those the tenant routes reports for), and where
            reporting-service answers.""")
    public Uni<ConsoleContext> context(@PathParam("tenantId") String tenantId) {
        TenantSettings tenant = tenants.require(tenantId);
        TenantProfile profile = tenant.config();
        List<String> hearing = promises.hearingItems(tenant, Instant.now());
        return pool.preparedQuery(RECENT_ADDRESSEES).execute(Tuple.of(tenantId)).map(rows -> {
            Set<String> addressees = new LinkedHashSet<>();
            for (Row row : rows) {
                addressees.add(row.getString(0));
            }
            // The people and departments the tenant routes reports for are addressees too, before anyone called them.
            profile.notifications().routes().orElse(List.of())
                    .forEach(route -> route.addressee().ifPresent(addressees::add));
            return new ConsoleContext(tenant.id(), tenant.name(), tenant.locale().toLanguageTag(),
                    tenant.timeZone().getId(), tenant.phoneRegion(), profile.promises().pool(),
                    profile.promises().defaultPromise().orElse(null),
                    profile.promises().nextBusinessDayDueAfterOpening(), hearing, new ArrayList<>(addressees),
                    config.reportingUrl());
        });
    }

    private static OffsetDateTime local(Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
