package io.orikaeshi.notification.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One email to one recipient, from rendering to its final outcome: the delivery ledger. */
@Entity
@Table(name = "mail_message")
public class MailMessage extends PanacheEntityBase {

    public enum Kind {
        REPORT, WARNING_ALERT, OVERDUE_ALERT, ESCALATION_ALERT, CHASE_ALERT, DIGEST
    }

    public enum Status {
        PENDING, SENT, FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "call_id")
    public String callId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public String recipient;
    public String subject;
    @Column(name = "text_body")
    public String textBody;
    @Column(name = "html_body")
    public String htmlBody;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    /** Set when quiet hours held the mail: the tenant's next opening, when it goes out. */
    @Column(name = "held_until")
    public Instant heldUntil;

    /** The trace of the event that asked for this email: its delivery outcome continues it. */
    @Column(name = "trace_parent")
    public String traceParent;
}
