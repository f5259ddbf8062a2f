package io.orikaeshi.kit.security;

import io.orikaeshi.events.tenant.ApiKeyGrant.Role;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a resource method (or every method of a resource class). Requests need an API key of the tenant named
 * by the path's {@code tenantId} with one of these roles; the platform key (see {@link SecurityConfig}) is accepted
 * only where {@code platform} is set. A resource without this annotation is public (signed links, health).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Allowed {

    Role[] value() default {};

    /** Whether the platform operator's key may call it (tenant administration). */
    boolean platform() default false;
}
