package io.orikaeshi.notification.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Reports come from intake's call events, alerts from the scheduler's deadline events, each channel in batches
 * ({@link EventBatches}); a channel's batches are handled one after the other, so a partition keeps its order.
 */
@ApplicationScoped
public class EventsConsumer {

    private final EventBatches batches;

    public EventsConsumer(EventBatches batches) {
        this.batches = batches;
    }

    @Incoming("call-events")
    public Uni<Void> callEvents(ConsumerRecords<String, String> records) {
        return batches.apply(list(records));
    }

    @Incoming("deadline-events")
    public Uni<Void> deadlineEvents(ConsumerRecords<String, String> records) {
        return batches.apply(list(records));
    }

    private static List<ConsumerRecord<String, String>> list(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
    }
}
