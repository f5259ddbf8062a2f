package io.orikaeshi.kit.secrets;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder()
            .encodeToString("another key of thirty-two bytes!".getBytes());

    private static SecretBox box(String key) {
        return new SecretBox(() -> Optional.ofNullable(key));
    }

    @Test
    void aSealedSecretOpensToItselfAndNeverShowsIt() {
        SecretBox box = box(KEY);
        String sealed = box.seal("xoxb-1234-secret");

        assertTrue(SecretBox.sealed(sealed));
        assertFalse(sealed.contains("xoxb"), sealed);
        assertEquals("xoxb-1234-secret", box.open(sealed));
        assertNotEquals(sealed, box.seal("xoxb-1234-secret"), "a fresh nonce each time: equal secrets look different");
    }

    @Test
    void anAlteredTruncatedOrForeignValueIsRefusedAsSuch() {
        SecretBox box = box(KEY);
        String sealed = box.seal("webhook-secret");
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(
                sealed.length() - 1);

        assertThrows(IllegalArgumentException.class, () -> box.open(altered));
        assertThrows(IllegalArgumentException.class, () -> box.open("sealed:v1:AAAA"));
        assertThrows(IllegalArgumentException.class, () -> box.open("plain-token"));
        assertThrows(IllegalArgumentException.class, () -> box(OTHER_KEY).open(sealed));
    }

    @Test
    void withoutAKeyNothingIsSealedInTheClear() {
        SecretBox box = box(null);

        assertFalse(box.enabled());
        assertThrows(IllegalStateException.class, () -> box.seal("xoxb-1234-secret"));
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> box(Base64.getEncoder().encodeToString(new byte[16])));
    }
}
