package io.orikaeshi.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose creates the topics with a shell script in the Kafka image, where this contract's classes are not
 * available, so the script carries its own copy of the topic list; this keeps that copy equal to the contract.
 * (The Kubernetes topics are checked against the services' channels by deploy/validate.)
 */
class ComposeTopicsTest {

    private static final Path SCRIPT = Path.of("../deploy/compose/kafka-topics.sh");
    private static final Pattern TOPIC = Pattern.compile("orikaeshi\\.[a-z.-]*[a-z]");

    @Test
    void composeCreatesExactlyTheContractsTopics() throws IOException {
        assertEquals(new TreeSet<>(Topics.all()), topicsIn(script()));
    }

    @Test
    void composeCompactsExactlyTheTopicsTheContractCompacts() throws IOException {
        Set<String> compactedByScript = script().lines().filter(line -> line.contains("cleanup.policy=compact"))
                .flatMap(line -> topicsIn(line).stream()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> compactedByContract = Topics.all().stream()
                .filter(topic -> "compact".equals(Topics.settings(topic).get("cleanup.policy")))
                .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(compactedByContract, compactedByScript);
    }

    @Test
    void composeUsesTheContractsPartitionCount() throws IOException {
        assertTrue(script().contains("partitions=${PARTITIONS:-" + Topics.PARTITIONS + "}"),
                "kafka-topics.sh must default to " + Topics.PARTITIONS + " partitions");
    }

    private static String script() throws IOException {
        return Files.readString(SCRIPT);
    }

    private static Set<String> topicsIn(String text) {
        Set<String> topics = new TreeSet<>();
        Matcher matcher = TOPIC.matcher(text);
        while (matcher.find()) {
            topics.add(matcher.group());
        }
        return topics;
    }
}
