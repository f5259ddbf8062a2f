package io.orikaeshi.intake;

import io.orikaeshi.infra.testing.ApiDocumentContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The OpenAPI document says how to present a key and what every error answer looks like (see ApiDocumentation). */
@QuarkusTest
class ApiDocumentTest extends ApiDocumentContract {

    @Override
    protected Set<String> publicOperations() {
        return Set.of("GET /links/{token}", "POST /links/{token}");
    }

    @Test
    void recordingACallDocumentsTheAnswersItCanGive() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .body("paths.'/tenants/{tenantId}/calls'.post.responses.keySet()",
                        equalTo(Set.of("201", "400", "401", "403", "404", "413", "415", "422", "503")))
                .body("paths.'/tenants/{tenantId}/calls'.post.responses.'422'.content.'application/problem+json'"
                        + ".example.title", equalTo("Unprocessable Content"))
                .body("paths.'/tenants/{tenantId}/calls'.post.responses.'422'.content.'application/problem+json'"
                        + ".schema.'$ref'", equalTo("#/components/schemas/Problem"))
                .body("paths.'/links/{token}'.get.security", equalTo(null))
                // The link pages answer refusals as HTML pages for people; only an outage is a problem there.
                .body("paths.'/links/{token}'.post.responses.keySet()", hasItem("503"))
                .body("paths.'/links/{token}'.post.responses.'404'", equalTo(null))
                .body("paths.'/tenants/{tenantId}/calls'.post.security", hasItem(Map.of("bearer", List.of())));
    }
}
