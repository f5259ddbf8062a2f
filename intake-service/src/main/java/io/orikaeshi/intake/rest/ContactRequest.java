package io.orikaeshi.intake.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * A person of the client company that routes, escalation levels and on-call schedules name as contact:&lt;id&gt;.
 *
 * @param email   where email for them goes (contact:&lt;id&gt; without a channel)
 * @param chatIds their id per chat service, to mention them there: slack (member id, U… or W…), teams (user
 *                principal name or Entra object id), chatwork (numeric account id), line_works (user id)
 */
public record ContactRequest(@NotBlank @Size(max = 200) String name, @Size(max = 254) String email,
        @Size(max = 10) Map<String, @NotBlank @Size(max = 254) String> chatIds) {
}
