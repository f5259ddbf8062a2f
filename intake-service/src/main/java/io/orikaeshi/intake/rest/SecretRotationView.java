package io.orikaeshi.intake.rest;

import java.time.Instant;

/**
 * A webhook's new signing secret, shown this once.
 *
 * @param previousSecretUntil messages are signed with the old secret too until then (absent if there was none)
 */
public record SecretRotationView(String id, String secret, Instant previousSecretUntil) {
}
