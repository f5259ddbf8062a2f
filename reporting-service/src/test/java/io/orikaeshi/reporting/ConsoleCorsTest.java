package io.orikaeshi.reporting;

import io.orikaeshi.infra.DemoKeys;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The operator console is served by intake (another origin) and reads the board and caller history here: the
 * console's configured origin may, any other origin may not.
 */
@QuarkusTest
class ConsoleCorsTest {

    private static final String CONSOLE = "http://localhost:8081";

    @Test
    void theConsolesOriginMayReadTheBoardWithAKey() {
        given().header("Origin", CONSOLE).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .when().options("/tenants/acme-jp/board").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(CONSOLE))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("authorization"));
        given().header("Origin", CONSOLE).header("Authorization", DemoKeys.bearer(DemoKeys.ACME_OPERATOR))
                .when().get("/tenants/acme-jp/board").then()
                .statusCode(200).header("Access-Control-Allow-Origin", equalTo(CONSOLE));
    }

    @Test
    void anotherOriginIsNotAllowed() {
        given().header("Origin", "http://evil.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .when().options("/tenants/acme-jp/board").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
