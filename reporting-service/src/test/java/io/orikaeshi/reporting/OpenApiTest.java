package io.orikaeshi.reporting;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

/** Every query and the admin rebuild are in the OpenAPI document, with a summary. */
@QuarkusTest
class OpenApiTest {

    @Test
    void everyQueryAndTheRebuildAreDocumented() {
        var response = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
        for (String path : new String[]{"/tenants/{tenantId}/calls", "/tenants/{tenantId}/calls.csv",
                "/tenants/{tenantId}/callbacks", "/tenants/{tenantId}/board",
                "/tenants/{tenantId}/callers/{number}/history", "/tenants/{tenantId}/calls/{callId}/deliveries",
                "/tenants/{tenantId}/calls/{callId}/messages",
                "/tenants/{tenantId}/sla", "/tenants/{tenantId}/billing", "/tenants/{tenantId}/billing.csv"}) {
            response.body("paths.'" + path + "'.get.summary", notNullValue());
        }
        response.body("paths.'/admin/rebuild'.post.summary", notNullValue())
                .body("paths.'/admin/rebuild'.get.summary", notNullValue());
    }
}
