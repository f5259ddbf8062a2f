package io.orikaeshi.intake.rest;

import io.orikaeshi.intake.service.CallbackActions;
import io.orikaeshi.kit.links.LinkAction;
import io.orikaeshi.kit.links.LinkClaim;
import io.orikaeshi.kit.links.SignedLinks;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;

/**
 * The links in report and alert emails: client staff acknowledge or complete a callback without logging in.
 * GET only shows what the link will do (mail scanners fetch links; they must not complete callbacks), and the
 * page's button POSTs. The token itself names tenant, call and action, and expires.
 */
@Path("/links/{token}")
@Produces(MediaType.TEXT_HTML)
public class LinkResource {

    private static final String BY = "email link";

    private final SignedLinks links;
    private final CallbackActions actions;
    private final TenantDirectory tenants;

    public LinkResource(SignedLinks links, CallbackActions actions, TenantDirectory tenants) {
        this.links = links;
        this.actions = actions;
        this.tenants = tenants;
    }

    @GET
    @Operation(summary = "What the link will do, with a button to confirm")
    public Response confirm(@PathParam("token") String token) {
        LinkClaim claim;
        try {
            claim = links.verify(token, Instant.now());
        } catch (SignedLinks.InvalidLinkException e) {
            return refused(e);
        }
        LinkPages.Language language = language(claim);
        return Response.ok(LinkPages.confirmation(language, claim.action(), claim.callId())).build();
    }

    @POST
    @Operation(summary = "Acknowledge or complete the callback the link names")
    public Uni<Response> act(@PathParam("token") String token) {
        LinkClaim claim;
        try {
            claim = links.verify(token, Instant.now());
        } catch (SignedLinks.InvalidLinkException e) {
            return Uni.createFrom().item(refused(e));
        }
        LinkPages.Language language = language(claim);
        Uni<?> done = claim.action() == LinkAction.COMPLETE
                ? actions.complete(claim.tenantId(), claim.callId(), BY)
                : actions.acknowledge(claim.tenantId(), claim.callId(), BY);
        return done.map(call -> Response.ok(LinkPages.done(language, claim.action())).build())
                .onFailure(ProblemException.class).recoverWithItem(failure -> {
                    int status = ((ProblemException) failure).status();
                    return Response.status(status).entity(LinkPages.notPossible(language, status)).build();
                });
    }

    private LinkPages.Language language(LinkClaim claim) {
        return tenants.find(claim.tenantId()).map(t -> t.japanese() ? LinkPages.Language.JA : LinkPages.Language.EN)
                .orElse(LinkPages.Language.EN);
    }

    /** Expired links are 410 Gone; anything forged or garbled is 403, without saying which part failed. */
    private static Response refused(SignedLinks.InvalidLinkException e) {
        boolean expired = "expired".equals(e.getMessage());
        return Response.status(expired ? 410 : 403).entity(LinkPages.refused(expired)).build();
    }
}
