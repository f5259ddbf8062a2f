package io.orikaeshi.system.compose;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reports the compose tests as skipped, with the reason, on a machine without Docker and Compose — unless
 * {@code ORIKAESHI_REQUIRE_DOCKER=1} (CI), where they run and fail instead.
 */
public class DockerCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("1".equals(System.getenv("ORIKAESHI_REQUIRE_DOCKER"))) {
            return ConditionEvaluationResult.enabled("ORIKAESHI_REQUIRE_DOCKER=1: Docker is required");
        }
        String missing = ComposeStack.missingTool();
        return missing == null
                ? ConditionEvaluationResult.enabled("Docker and Compose are available")
                : ConditionEvaluationResult.disabled("Skipped: " + missing
                        + " (set ORIKAESHI_REQUIRE_DOCKER=1 to make this a failure)");
    }
}
