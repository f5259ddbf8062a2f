package io.orikaeshi.intake.service;

import io.orikaeshi.events.tenant.TenantProfile.ChannelType;
import io.orikaeshi.events.tenant.TenantProfile.PersonalData;
import io.orikaeshi.intake.rest.ChannelRequest;
import io.orikaeshi.kit.problem.ProblemException;
import io.orikaeshi.kit.secrets.SecretBox;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service without orikaeshi.secrets.key refuses to take a channel rather than store its secret in plain. */
class ChannelAdminWithoutKeyTest {

    /** Without a TenantAdmin: the refusal must come before anything is stored. */
    private final ChannelAdmin channels = new ChannelAdmin();

    ChannelAdminWithoutKeyTest() {
        channels.box = new SecretBox(Optional::empty);
    }

    @Test
    void storingOrRotatingAChannelIsA503NamingTheMissingKey() {
        ChannelRequest webhook = new ChannelRequest(ChannelType.WEBHOOK, "https://hooks.test.example/in", null,
                "a-signing-secret-0123456789", PersonalData.ALL);
        for (Runnable attempt : new Runnable[]{() -> channels.put("acme-jp", "crm", webhook),
                () -> channels.rotate("acme-jp", "crm")}) {
            ProblemException refused = assertThrows(ProblemException.class, attempt::run);
            assertEquals(503, refused.status());
            assertTrue(refused.getMessage().contains("orikaeshi.secrets.key"), refused.getMessage());
            assertFalse(refused.getMessage().contains("a-signing-secret"));
        }
    }
}
