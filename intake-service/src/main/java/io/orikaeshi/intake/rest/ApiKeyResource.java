package io.orikaeshi.intake.rest;

import io.orikaeshi.events.tenant.ApiKeyGrant.Role;
import io.orikaeshi.intake.service.TenantAdmin;
import io.orikaeshi.kit.security.Allowed;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

@Path("/tenants/{tenantId}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(value = Role.ADMIN, platform = true)
public class ApiKeyResource {

    @Inject
    TenantAdmin admin;
    @Inject
    TenantDirectory tenants;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API key", description = """
            The answer is the only time the key is shown: only its SHA-256 is stored. Roles: OPERATOR submits calls
            and acts on them; CLIENT reads the tenant's calls and acts on its callbacks; ADMIN manages the tenant.""")
    @APIResponse(responseCode = "201", description = "Issued; the key is in the answer")
    public Uni<RestResponse<ApiKeyView>> issue(@PathParam("tenantId") String tenantId,
            @NotNull @Valid ApiKeyRequest request, UriInfo uri) {
        tenants.require(tenantId);
        return admin.issueKey(tenantId, request.role(), request.label()).map(issued -> RestResponse.ResponseBuilder
                .<ApiKeyView>created(uri.getAbsolutePathBuilder().path(issued.grant().keyId()).build())
                .entity(new ApiKeyView(issued.grant().keyId(), issued.key(), issued.grant().role(),
                        issued.grant().label(), issued.grant().createdAt(), null))
                .build());
    }

    @GET
    @Operation(summary = "The tenant's keys, revoked ones included (never the keys themselves)")
    public List<ApiKeyView> list(@PathParam("tenantId") String tenantId) {
        return tenants.require(tenantId).apiKeys().stream().map(ApiKeyView::of).toList();
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke a key",
            description = "Requests with it are refused (401) from then on, in every service.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key for this tenant")
    public Uni<Void> revoke(@PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId) {
        tenants.require(tenantId);
        return admin.revokeKey(tenantId, keyId);
    }
}
