package io.orikaeshi.kit.links;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignedLinksTest {

    private static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");

    private static SignedLinks links(String secret) {
        return new SignedLinks(new LinksConfig() {
            public Optional<String> secret() {
                return Optional.ofNullable(secret);
            }

            public String baseUrl() {
                return "https://intake.example";
            }

            public Duration validity() {
                return Duration.ofHours(72);
            }
        });
    }

    private final SignedLinks links = links("0123456789abcdef0123456789abcdef");

    @Test
    void aSignedClaimVerifiesToItself() {
        LinkClaim claim = new LinkClaim("acme-jp", "call-1", LinkAction.COMPLETE, NOW.plusSeconds(60));

        assertEquals(claim, links.verify(links.sign(claim), NOW));
    }

    @Test
    void urlCarriesATokenValidForTheConfiguredTime() {
        String url = links.url("acme-jp", "call-1", LinkAction.ACKNOWLEDGE, NOW).orElseThrow();

        assertTrue(url.startsWith("https://intake.example/links/"), url);
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertEquals(NOW.plus(Duration.ofHours(72)), links.verify(token, NOW).expiresAt());
        assertThrows(SignedLinks.InvalidLinkException.class, () -> links.verify(token, NOW.plus(Duration.ofHours(72))));
    }

    @Test
    void changingAnyPartOfTheTokenBreaksIt() {
        String token = links.sign(new LinkClaim("acme-jp", "call-1", LinkAction.ACKNOWLEDGE, NOW.plusSeconds(60)));
        String forged = links.sign(new LinkClaim("acme-jp", "call-1", LinkAction.COMPLETE, NOW.plusSeconds(60)));
        String spliced = forged.substring(0, forged.indexOf('.')) + token.substring(token.indexOf('.'));

        assertThrows(SignedLinks.InvalidLinkException.class, () -> links.verify(spliced, NOW));
        assertThrows(SignedLinks.InvalidLinkException.class, () -> links.verify(token + "A", NOW));
        assertThrows(SignedLinks.InvalidLinkException.class, () -> links.verify("garbage", NOW));
        assertThrows(SignedLinks.InvalidLinkException.class,
                () -> links("another-secret-of-at-least-32-chars!").verify(token, NOW));
    }

    @Test
    void withoutASecretNoLinkIsMadeAndNoneIsHonoured() {
        SignedLinks disabled = links(null);

        assertFalse(disabled.url("acme-jp", "call-1", LinkAction.COMPLETE, NOW).isPresent());
        assertThrows(SignedLinks.InvalidLinkException.class, () -> disabled.verify("a.b", NOW));
        assertThrows(IllegalArgumentException.class, () -> links("short"));
    }
}
