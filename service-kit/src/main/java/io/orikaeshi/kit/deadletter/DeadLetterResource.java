package io.orikaeshi.kit.deadletter;

import io.orikaeshi.kit.problem.ProblemMappers;
import io.orikaeshi.kit.security.Allowed;
import io.orikaeshi.kit.security.ApiKeyFilter;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The dead-letter workflow over HTTP, in every service that consumes events (see {@link DeadLetterDesk}). Only the
 * platform operator's key may use it: the answers hold payloads of every tenant.
 */
@Path("/admin/dead-letters")
@Allowed(platform = true)
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "orikaeshi.dead-letters.enabled", stringValue = "true")
public class DeadLetterResource {

    private static final Logger LOG = Logger.getLogger(DeadLetterResource.class);
    private static final String RETRY_AFTER_SECONDS = "10";

    @Inject
    DeadLetterDesk desk;

    @GET
    @Operation(
            summary = "The parked records not yet replayed or discarded, oldest first per partition, without payloads",
            description = "An id is \"partition-offset\" on the service's dead-letter topic. When the topic holds more"
                    + " than a listing reads (the newest orikaeshi.dead-letters.window records of each partition),"
                    + " complete is false.")
    @APIResponse(responseCode = "200", description = "The unresolved parked records")
    @APIResponse(responseCode = "503", description = "Kafka cannot be reached just now; retry after Retry-After")
    public DeadLetterViews.Listing list() {
        return desk.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One parked record with its payload and headers, and its resolution if it has one")
    @APIResponse(responseCode = "200", description = "The record")
    @APIResponse(responseCode = "404", description = "No parked record has this id")
    public DeadLetterViews.Detail show(@PathParam("id") String id) {
        return desk.show(id);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Send the parked record back to its original topic, with its key and headers",
            description = "Adds the header orikaeshi-replay-of. Consumers deduplicate on the event id, so replaying"
                    + " an event that was applied meanwhile changes nothing.")
    @APIResponse(responseCode = "200", description = "Replayed: the broker has it")
    @APIResponse(responseCode = "404", description = "No parked record has this id")
    @APIResponse(responseCode = "409", description = "Already replayed or discarded, or not an event (discard it)")
    public DeadLetterViews.Replayed replay(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return desk.replay(id, actor(request));
    }

    @POST
    @Path("/replay")
    @Operation(summary = "Replay every unresolved parked record that holds an event",
            description = "Records whose value is not an event are skipped and named in the answer: discard them.")
    @APIResponse(responseCode = "200", description = "How many were replayed, and their ids")
    public DeadLetterViews.ReplayedAll replayAll(@Context ContainerRequestContext request) {
        return desk.replayAll(actor(request));
    }

    @POST
    @Path("/{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give up on a parked record, saying why; the reason goes to the audit log")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(responseCode = "404", description = "No parked record has this id")
    @APIResponse(responseCode = "409", description = "Already replayed or discarded")
    @APIResponse(responseCode = "422", description = "The reason is missing")
    public void discard(@PathParam("id") String id, DeadLetterViews.DiscardRequest body,
            @Context ContainerRequestContext request) {
        desk.discard(id, body == null ? null : body.reason(), actor(request));
    }

    /** Kafka down is the broker's state, not a bug: the operator is told to retry, as for a database outage. */
    @ServerExceptionMapper
    public Response unavailable(DeadLetterTopicUnavailable e, UriInfo uri) {
        LOG.warnf("Answering %s with 503: %s", uri.getPath(), e.getMessage());
        return Response.fromResponse(ProblemMappers.response(503,
                "Kafka cannot be reached just now; retry later", uri.getPath()))
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static String actor(ContainerRequestContext request) {
        return ApiKeyFilter.callerOf(request).actor();
    }
}
