package io.orikaeshi.infra.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The test every service runs on the OpenAPI document it serves (extend it in a {@code @QuarkusTest}): see
 * {@link OpenApiDocumentCheck} for what it requires.
 */
public abstract class ApiDocumentContract {

    @TestHTTPResource("/q/openapi")
    URL document;

    /** Operations that need no key, as "GET /links/{token}". */
    protected Set<String> publicOperations() {
        return Set.of();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationButThePublicOnesNeedsAKeyAndDocumentsItsProblems() throws Exception {
        Map<String, Object> served = new ObjectMapper().readValue(
                URI.create(document + "?format=json").toURL(), Map.class);

        assertEquals(List.of(), OpenApiDocumentCheck.violations(served, publicOperations()));
    }
}
