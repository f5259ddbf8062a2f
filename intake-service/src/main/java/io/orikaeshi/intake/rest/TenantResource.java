package io.orikaeshi.intake.rest;

import io.orikaeshi.events.tenant.ApiKeyGrant.Role;
import io.orikaeshi.intake.mapping.TenantMapper;
import io.orikaeshi.intake.service.LabelCheck;
import io.orikaeshi.intake.service.TenantAdmin;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.security.Allowed;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    @Inject
    TenantAdmin admin;
    @Inject
    TenantDirectory tenants;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(platform = true)
    @Operation(summary = "Create a client company (platform key only)", description = """
            Publishes TenantChanged. The answer lists warnings about settings that are allowed but unwise, such as a
            public label that presents the answering number as a customer centre.""")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "The id is taken")
    @APIResponse(responseCode = "422", description = "A field is invalid; errors name each one")
    public Uni<RestResponse<TenantView>> create(@NotNull @Valid TenantRequest request, UriInfo uri) {
        if (request.id() == null) {
            throw ProblemException.invalid("id", "is required when creating a tenant");
        }
        return admin.create(request.id(), TenantMapper.toProfile(request)).map(tenant -> RestResponse.ResponseBuilder
                .<TenantView>created(uri.getAbsolutePathBuilder().path(tenant.id()).build()).entity(view(tenant))
                .build());
    }

    @GET
    @Path("/{tenantId}")
    @Allowed(value = Role.ADMIN, platform = true)
    @Operation(summary = "The tenant's settings and revision", description = """
            Channels are listed beside the settings, each saying whether it has a secret: no answer shows a
            channel's secret.""")
    public TenantView get(@PathParam("tenantId") String tenantId) {
        return view(tenants.require(tenantId));
    }

    @PUT
    @Path("/{tenantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(value = Role.ADMIN, platform = true)
    @Operation(summary = "Replace the tenant's settings", description = """
            The whole tenant: what is left out takes its default. Publishes TenantChanged; every service applies
            the new settings to what it does next (promises already made keep their due times). The tenant's
            contacts, channels and on-call schedules are not part of it and stay as they are: they are managed by
            /tenants/{tenantId}/contacts, /channels and /on-call. Route recipients and escalation targets may name
            them (contact:<id>, channel:<id>, on-call:<schedule>, channel:<id>:contact:<id>, ...); a name of
            something the tenant does not have is a 422 naming the field.""")
    @APIResponse(responseCode = "422", description = "A field is invalid; errors name each one")
    public Uni<TenantView> replace(@PathParam("tenantId") String tenantId, @NotNull @Valid TenantRequest request) {
        if (request.id() != null && !request.id().equals(tenantId)) {
            throw ProblemException.invalid("id", "cannot change; it must be left out or equal the path's");
        }
        return admin.replaceProfile(tenantId, TenantMapper.toProfile(request)).map(TenantResource::view);
    }

    private static TenantView view(TenantSettings tenant) {
        return TenantView.of(tenant.id(), tenant.revision(), tenant.config(), LabelCheck.warnings(tenant.config()));
    }
}
