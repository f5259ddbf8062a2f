package io.orikaeshi.kit.security;

import io.orikaeshi.kit.problem.ProblemMappers;
import io.orikaeshi.kit.tenant.TenantDirectory;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the API key of every request to an {@link Allowed} resource.
 * <ul>
 *   <li>no key, an unknown, wrong or revoked key → 401;</li>
 *   <li>a key of another tenant than the path's → 404, exactly as for a resource that does not exist, so a key never
 *       learns which other tenants or ids exist;</li>
 *   <li>a key of the right tenant without the role → 403.</li>
 * </ul>
 */
public class ApiKeyFilter {

    private static final String BEARER = "bearer ";

    private final TenantDirectory directory;
    private final SecurityConfig config;

    public ApiKeyFilter(TenantDirectory directory, SecurityConfig config) {
        this.directory = directory;
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        Allowed allowed = allowedOn(resource);
        if (allowed == null) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getPath();
        String key = presentedKey(request);
        if (key == null) {
            return Optional.of(unauthorized(path, "An API key is required (Authorization: Bearer <key>)"));
        }
        String pathTenant = request.getUriInfo().getPathParameters().getFirst("tenantId");
        String presented = ApiKeys.sha256(key);
        if (config.platformKeySha256().map(hash -> ApiKeys.sameHash(presented, hash.toLowerCase(Locale.ROOT)))
                .orElse(false)) {
            if (!allowed.platform()) {
                return Optional.of(ProblemMappers.response(403,
                        "The platform key manages tenants; use a key of the tenant", path));
            }
            request.setProperty(Caller.PROPERTY, Caller.platformOperator());
            return Optional.empty();
        }
        Optional<TenantDirectory.KeyHolder> holder = ApiKeys.idOf(key).flatMap(directory::findKey)
                .filter(h -> h.key().active() && ApiKeys.sameHash(presented, h.key().sha256()));
        if (holder.isEmpty()) {
            return Optional.of(unauthorized(path, "The API key is unknown or revoked"));
        }
        TenantDirectory.KeyHolder h = holder.get();
        if (pathTenant != null && !pathTenant.equals(h.tenant().id())) {
            return Optional.of(ProblemMappers.response(404, "Tenant does not exist", path));
        }
        if (Arrays.stream(allowed.value()).noneMatch(role -> role == h.key().role())) {
            return Optional.of(ProblemMappers.response(403,
                    "A " + h.key().role() + " key may not do this", path));
        }
        request.setProperty(Caller.PROPERTY, new Caller(h.tenant().id(), h.key().keyId(), h.key().role(), false));
        return Optional.empty();
    }

    public static Caller callerOf(ContainerRequestContext request) {
        return (Caller) request.getProperty(Caller.PROPERTY);
    }

    private static Allowed allowedOn(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        Allowed onMethod = resource.getResourceMethod().getAnnotation(Allowed.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(Allowed.class);
    }

    private static String presentedKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String key = authorization.substring(BEARER.length()).trim();
            return key.isEmpty() ? null : key;
        }
        String header = request.getHeaderString("X-Api-Key");
        return header == null || header.isBlank() ? null : header.trim();
    }

    private static Response unauthorized(String path, String detail) {
        return Response.fromResponse(ProblemMappers.response(401, detail, path))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
