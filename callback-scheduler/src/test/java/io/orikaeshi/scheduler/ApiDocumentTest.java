package io.orikaeshi.scheduler;

import io.orikaeshi.infra.testing.ApiDocumentContract;
import io.quarkus.test.junit.QuarkusTest;

/** Every operation needs a key and documents its problems (see the kit's ApiDocumentation). */
@QuarkusTest
class ApiDocumentTest extends ApiDocumentContract {
}
