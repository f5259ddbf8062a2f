package io.orikaeshi.notification;

import io.orikaeshi.infra.testing.InfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Declared once so that every test class of this module shares one application start and one infrastructure. */
@QuarkusTestResource(value = InfraTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(TestTenants.class)
@QuarkusTestResource(LineWorksAuthPort.class)
public class WithInfrastructure {
}
