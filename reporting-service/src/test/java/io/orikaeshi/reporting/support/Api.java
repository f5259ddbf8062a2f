package io.orikaeshi.reporting.support;

import io.orikaeshi.infra.DemoKeys;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Requests with a demo API key: reporting's queries answer only a key of the tenant they name. */
public final class Api {

    /** The CLIENT key of the test-only tenant plan-test (its hash is in the %test configuration). */
    public static final String PLAN_TEST_CLIENT = "ok_plan-cl.demo-plan-client";

    private Api() {
    }

    public static RequestSpecification asClient(String tenant) {
        return withKey("plan-test".equals(tenant) ? PLAN_TEST_CLIENT : DemoKeys.client(tenant));
    }

    public static RequestSpecification withKey(String key) {
        return given().header("Authorization", DemoKeys.bearer(key));
    }
}
