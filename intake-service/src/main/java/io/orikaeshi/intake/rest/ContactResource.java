package io.orikaeshi.intake.rest;

import io.orikaeshi.events.tenant.ApiKeyGrant.Role;
import io.orikaeshi.events.tenant.TenantProfile.Contact;
import io.orikaeshi.intake.mapping.ContactMapper;
import io.orikaeshi.intake.service.ContactAdmin;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.security.Allowed;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

@Path("/tenants/{tenantId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(value = Role.ADMIN, platform = true)
public class ContactResource {

    @Inject
    ContactAdmin contacts;
    @Inject
    TenantDirectory tenants;

    @GET
    @Operation(summary = "The tenant's contacts")
    public List<Contact> list(@PathParam("tenantId") String tenantId) {
        return tenants.require(tenantId).config().contacts().orElse(List.of());
    }

    @GET
    @Path("/{contactId}")
    @Operation(summary = "A contact")
    public Contact get(@PathParam("tenantId") String tenantId, @PathParam("contactId") String contactId) {
        return tenants.require(tenantId).config().contact(contactId)
                .orElseThrow(() -> ProblemException.notFound("Contact"));
    }

    @PUT
    @Path("/{contactId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a contact", description = """
            A person routes, escalation levels and on-call schedules name as contact:<id>, with an email address
            and their id per chat service (slack: member id U…/W…; teams: user principal name or Entra object id;
            chatwork: numeric account id; line_works: user id) so that chat messages mention them. Publishes
            TenantChanged.""")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "201", description = "Created")
    public Uni<RestResponse<Contact>> put(@PathParam("tenantId") String tenantId,
            @PathParam("contactId") String contactId, @NotNull @Valid ContactRequest request) {
        tenants.require(tenantId);
        return contacts.put(tenantId, ContactMapper.toContact(contactId, request))
                .map(saved -> RestResponse.status(
                        saved.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                        saved.value()));
    }

    @DELETE
    @Path("/{contactId}")
    @Operation(summary = "Delete a contact", description = "Publishes TenantChanged.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = """
            A route, escalation level or on-call schedule still names the contact; errors name each one""")
    public Uni<Void> delete(@PathParam("tenantId") String tenantId, @PathParam("contactId") String contactId) {
        tenants.require(tenantId);
        return contacts.delete(tenantId, contactId);
    }
}
