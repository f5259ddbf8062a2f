package io.orikaeshi.notification.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One message to one address, from rendering to its final outcome: the delivery ledger of every channel. An email
 * has its subject and bodies; a chat message its channel and {@link #chatJson} (the subject and text body keep its
 * title and plain text, for reading the ledger).
 */
@Entity
@Table(name = "mail_message")
public class MailMessage extends PanacheEntityBase {

    public enum Kind {
        REPORT, WARNING_ALERT, OVERDUE_ALERT, ESCALATION_ALERT, CHASE_ALERT, REPEAT_NOTICE, DIGEST
    }

    public static final String EMAIL = "email";

    public enum Status {
        PENDING, SENT, FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String messageId;
    public String eventId;
    public String tenantId;
    public String callId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    /** {@code email}, or the channel's type in lower case (slack, teams, chatwork, line_works, webhook). */
    public String channel = EMAIL;
    /** The tenant's channel the message goes to; null for email. */
    public String channelId;
    /** The chat message as JSON ({@code ChatMessage}); null for email. */
    public String chatJson;
    public String recipient;
    public String subject;
    public String textBody;
    public String htmlBody;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public Instant createdAt;
    public Instant sentAt;
    /** Set when quiet hours held the mail: the tenant's next opening, when it goes out. */
    public Instant heldUntil;

    /** The trace of the event that asked for this email: its delivery outcome continues it. */
    public String traceParent;

    public boolean email() {
        return EMAIL.equals(channel);
    }
}
