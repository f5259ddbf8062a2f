package io.orikaeshi.intake.rest;

import io.orikaeshi.events.tenant.ApiKeyGrant.Role;
import io.orikaeshi.intake.service.ChannelAdmin;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

@Path("/tenants/{tenantId}/channels")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(value = Role.ADMIN, platform = true)
public class ChannelResource {

    private static final String NO_KEY = """
            This service has no key to seal secrets with (orikaeshi.secrets.key): a setup fault of the service, not of
            the request; channels cannot be stored until its operator sets the key (no Retry-After)""";

    @Inject
    ChannelAdmin channels;
    @Inject
    TenantDirectory tenants;

    @GET
    @Operation(summary = "The tenant's channels (never their secrets)")
    public List<ChannelView> list(@PathParam("tenantId") String tenantId) {
        return tenants.require(tenantId).config().notifications().channels().orElse(List.of()).stream()
                .map(ChannelView::of).toList();
    }

    @GET
    @Path("/{channelId}")
    @Operation(summary = "A channel (never its secret)")
    public ChannelView get(@PathParam("tenantId") String tenantId, @PathParam("channelId") String channelId) {
        return tenants.require(tenantId).config().channel(channelId).map(ChannelView::of)
                .orElseThrow(() -> ProblemException.notFound("Channel"));
    }

    @PUT
    @Path("/{channelId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a channel", description = """
            A chat room or webhook that routes and escalation levels name as channel:<id>. The secret is
            write-only: it is sealed before it is stored or published, and no answer shows it (secretSet says
            whether there is one). Left out, the channel keeps the secret it has. What each type needs: SLACK a
            room (channel id C…) with a bot token xoxb-… as secret, or an incoming-webhook URL as secret; TEAMS an
            incoming-webhook or Workflows URL as secret; CHATWORK a numeric room and an API token; LINE_WORKS a room
            <botId>/channels/<id> or <botId>/users/<id> and a Bot API access token, or a service account as JSON
            {"clientId", "clientSecret", "serviceAccount", "privateKey" (PEM PKCS#8), "scope" (default "bot")} so
            that tokens are obtained as they expire; WEBHOOK a url (https; http only for
            localhost) and optionally a signing secret; without one a 32-byte secret is generated and shown in this
            answer only. Publishes TenantChanged.""")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "503", description = NO_KEY)
    public Uni<RestResponse<ChannelView>> put(@PathParam("tenantId") String tenantId,
            @PathParam("channelId") String channelId, @NotNull @Valid ChannelRequest request) {
        tenants.require(tenantId);
        return channels.put(tenantId, channelId, request).map(put -> RestResponse.status(
                put.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                ChannelView.shown(put.channel(), put.generatedSecret().orElse(null))));
    }

    @POST
    @Path("/{channelId}/secret-rotation")
    @Operation(summary = "Rotate a webhook's signing secret", description = """
            A new 32-byte secret, shown in this answer only. The old one stays valid for 24 hours
            (previousSecretUntil): messages are signed with both meanwhile, so the receiver can switch without
            refusing any. Rotating again within those 24 hours drops the oldest secret at once. Publishes
            TenantChanged.""")
    @APIResponse(responseCode = "200", description = "Rotated; the new secret is in the answer")
    @APIResponse(responseCode = "409", description = "The channel is not a WEBHOOK; give it its new secret with PUT")
    @APIResponse(responseCode = "503", description = NO_KEY)
    public Uni<SecretRotationView> rotate(@PathParam("tenantId") String tenantId,
            @PathParam("channelId") String channelId) {
        tenants.require(tenantId);
        return channels.rotate(tenantId, channelId).map(rotated -> new SecretRotationView(channelId,
                rotated.secret(), ChannelView.of(rotated.channel()).previousSecretUntil()));
    }

    @DELETE
    @Path("/{channelId}")
    @Operation(summary = "Delete a channel", description = "Publishes TenantChanged.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = """
            A route or escalation level still names the channel; errors name each one""")
    public Uni<Void> delete(@PathParam("tenantId") String tenantId, @PathParam("channelId") String channelId) {
        tenants.require(tenantId);
        return channels.delete(tenantId, channelId);
    }
}
