package io.orikaeshi.intake.rest;

import io.orikaeshi.intake.repository.CallbackStatus;
import io.orikaeshi.intake.service.CallbackActions;
import io.orikaeshi.intake.service.LinkedCalls;
import io.orikaeshi.kit.links.LinkAction;
import io.orikaeshi.kit.links.LinkClaim;
import io.orikaeshi.kit.links.SignedLinks;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.kit.tenant.TenantSettings;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.function.Function;

/**
 * The links in messages: client staff read a call, acknowledge or complete its callback without logging in. GET
 * only shows (mail scanners and chat unfurlers fetch links; they must not act), and the page's buttons POST. The
 * token names tenant, call, action and, for messages that name themselves, the message; it expires. Any GET of a
 * link that names its message records that message as read, once.
 */
@Path("/links/{token}")
@Produces(MediaType.TEXT_HTML)
public class LinkResource {

    private static final String BY = "email link";

    @Inject
    SignedLinks links;
    @Inject
    CallbackActions actions;
    @Inject
    TenantDirectory tenants;
    @Inject
    LinkedCalls calls;

    @GET
    @Operation(summary = "The call (a VIEW link), or what the link will do with a button to confirm")
    public Uni<Response> open(@PathParam("token") String token) {
        return verified(token, this::open);
    }

    private Uni<Response> open(LinkClaim claim) {
        Uni<Boolean> viewed = claim.messageId().map(message -> calls.viewed(claim.tenantId(), claim.callId(), message))
                .orElseGet(() -> Uni.createFrom().item(false));
        if (claim.action() == LinkAction.VIEW) {
            return viewed.chain(() -> reading(claim));
        }
        return viewed.map(first -> page(200, LinkPages.confirmation(language(claim), claim.action(), claim.callId())));
    }

    @POST
    @Operation(summary = "Acknowledge or complete the callback the link names (a VIEW link shows the call)")
    public Uni<Response> act(@PathParam("token") String token) {
        return verified(token, this::act);
    }

    private Uni<Response> act(LinkClaim claim) {
        if (claim.action() == LinkAction.VIEW) {
            return reading(claim);
        }
        LinkPages.Language language = language(claim);
        Uni<?> done = claim.action() == LinkAction.COMPLETE
                ? actions.complete(claim.tenantId(), claim.callId(), BY)
                : actions.acknowledge(claim.tenantId(), claim.callId(), BY, claim.messageId().orElse(null));
        return done.map(call -> page(200, LinkPages.done(language, claim.action())))
                .onFailure(ProblemException.class).recoverWithItem(failure -> {
                    int status = ((ProblemException) failure).status();
                    return page(status, LinkPages.notPossible(language, status));
                });
    }

    /** What the token allows, handed to {@code then}; a token that is not good is refused before anything is read. */
    private Uni<Response> verified(String token, Function<LinkClaim, Uni<Response>> then) {
        LinkClaim claim;
        try {
            claim = links.verify(token, Instant.now());
        } catch (SignedLinks.InvalidLinkException e) {
            return Uni.createFrom().item(refused(e));
        }
        return then.apply(claim);
    }

    /** The call, with buttons whose links act on it for the same message and expire with this one. */
    private Uni<Response> reading(LinkClaim claim) {
        LinkPages.Language language = language(claim);
        return calls.read(claim.tenantId(), claim.callId()).map(found -> found.map(call -> {
            LinkPages.Actions buttons = call.callbackStatus() != CallbackStatus.OPEN
                    ? null
                    : new LinkPages.Actions(sign(claim, LinkAction.ACKNOWLEDGE), sign(claim, LinkAction.COMPLETE));
            TenantSettings tenant = tenants.require(claim.tenantId());
            return page(200, LinkPages.reading(language, call, tenant.timeZone(), tenant.phoneRegion(), buttons));
        }).orElseGet(() -> page(404, LinkPages.notPossible(language, 404))));
    }

    private String sign(LinkClaim claim, LinkAction action) {
        return links.sign(new LinkClaim(claim.tenantId(), claim.callId(), action, claim.expiresAt(),
                claim.messageId()));
    }

    private LinkPages.Language language(LinkClaim claim) {
        return tenants.find(claim.tenantId()).map(t -> t.japanese() ? LinkPages.Language.JA : LinkPages.Language.EN)
                .orElse(LinkPages.Language.EN);
    }

    /** Expired links are 410 Gone; anything forged or garbled is 403, without saying which part failed. */
    private static Response refused(SignedLinks.InvalidLinkException e) {
        boolean expired = "expired".equals(e.getMessage());
        return page(expired ? 410 : 403, LinkPages.refused(expired));
    }

    /**
     * The token is in the address and the page may carry personal data: no cache keeps it and no Referer carries the
     * address to a site the page links to.
     */
    private static Response page(int status, String html) {
        return Response.status(status).entity(html).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer").build();
    }
}
