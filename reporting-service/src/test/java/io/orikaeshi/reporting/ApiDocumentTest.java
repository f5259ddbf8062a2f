package io.orikaeshi.reporting;

import io.orikaeshi.infra.testing.OpenApiDocumentCheck;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every operation needs a key and documents its problems (see the kit's ApiDocumentation). */
@QuarkusTest
class ApiDocumentTest {

    @Test
    void everyOperationNeedsAKeyAndDocumentsItsProblems() {
        Map<String, Object> document = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().as(Map.class);

        assertEquals(List.of(), OpenApiDocumentCheck.violations(document, Set.of()));
    }
}
