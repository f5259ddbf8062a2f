package io.orikaeshi.intake;

import io.orikaeshi.events.Topics;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.testing.InfraTestResource;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.orikaeshi.intake.IntakeApi.callFrom;
import static io.orikaeshi.intake.IntakeApi.created;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class KafkaOutageTest {

    @Test
    void callsAcceptedWhileKafkaIsDownArePublishedExactlyOnceWhenItIsBack() {
        LocalInfrastructure infra = InfraTestResource.infra();
        List<String> accepted = new ArrayList<>();
        infra.stopKafka();
        try {
            for (int i = 0; i < 5; i++) {
                accepted.add(created("acme-jp", callFrom("03-6666-000" + i, null)));
            }
        } finally {
            infra.startKafka();
        }

        try (KafkaTestClient kafka = new KafkaTestClient(infra.kafkaBootstrapServers())) {
            kafka.poll(Topics.CALL_EVENTS, r -> accepted.contains(r.key()), accepted.size(), Duration.ofSeconds(90));
            Map<String, Long> published = kafka.readAll(Topics.CALL_EVENTS, Duration.ofSeconds(2)).stream()
                    .map(ConsumerRecord::key).filter(accepted::contains)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

            assertEquals(accepted.stream().collect(Collectors.toMap(Function.identity(), id -> 1L)), published);
        }
    }
}
