package io.orikaeshi.notification;

import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.infra.MailCatcher;
import io.orikaeshi.infra.ReceivedMail;
import io.orikaeshi.infra.testing.InfraTestResource;
import io.orikaeshi.infra.testing.KafkaTestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

/**
 * What the tests of events turned into mail share: the test infrastructure's Kafka to publish events on (the client
 * is closed after each test class and reopens at its next use) and its mail catcher to read what was sent.
 */
abstract class EventsToMail {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();
    static MailCatcher mail;

    @BeforeAll
    static void connect() {
        mail = InfraTestResource.infra().mail();
    }

    static void publish(String topic, OrikaeshiEvent event) {
        kafka.send(topic, event.key(), EventCodec.toJson(event));
    }

    /** The mails received so far whose text names the call. */
    static List<ReceivedMail> mailsAbout(String callId) {
        return mail.messages().stream().filter(m -> m.textBody().contains(callId)).toList();
    }
}
