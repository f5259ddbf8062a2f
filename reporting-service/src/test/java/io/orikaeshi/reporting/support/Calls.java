package io.orikaeshi.reporting.support;

import io.orikaeshi.events.CallDetails;
import io.orikaeshi.events.CallDirection;
import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackPromise;
import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.events.CapturedItem;
import io.orikaeshi.events.HearingAnswer;
import io.orikaeshi.events.Urgency;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** CallReceived with what each test varies: when, who to, what about, from which number, urgency, promise. */
public record Calls(String tenant, Instant receivedAt, String addressee, String purpose, CapturedItem number,
        Urgency urgency, Instant dueAt, String assignee) {

    public static Calls of(String tenant, Instant receivedAt) {
        return new Calls(tenant, receivedAt, "佐藤", "見積もりの件", CapturedItem.provided("+81312345678"),
                Urgency.NORMAL, null, null);
    }

    public Calls to(String addressee) {
        return new Calls(tenant, receivedAt, addressee, purpose, number, urgency, dueAt, assignee);
    }

    public Calls about(String purpose) {
        return new Calls(tenant, receivedAt, addressee, purpose, number, urgency, dueAt, assignee);
    }

    public Calls from(String e164) {
        return new Calls(tenant, receivedAt, addressee, purpose, CapturedItem.provided(e164), urgency, dueAt, assignee);
    }

    public Calls numberDeclined() {
        return new Calls(tenant, receivedAt, addressee, purpose, CapturedItem.notObtained(CaptureStatus.DECLINED),
                urgency, dueAt, assignee);
    }

    public Calls urgent() {
        return new Calls(tenant, receivedAt, addressee, purpose, number, Urgency.URGENT, dueAt, assignee);
    }

    public Calls promised(Instant dueAt, String assignee) {
        return new Calls(tenant, receivedAt, addressee, purpose, number, urgency, dueAt, assignee);
    }

    public CallReceived event() {
        return event(UUID.randomUUID().toString());
    }

    public CallReceived event(String callId) {
        CallDetails details = new CallDetails(receivedAt, "op-1", "tokyo-1", addressee,
                CapturedItem.provided("山田 太郎"), CapturedItem.provided(purpose), number, urgency, null,
                dueAt == null ? null : new CallbackPromise(dueAt, assignee), CallDirection.INBOUND, null,
                List.<HearingAnswer>of(), null);
        return CallReceived.of(tenant, callId, receivedAt, details);
    }
}
