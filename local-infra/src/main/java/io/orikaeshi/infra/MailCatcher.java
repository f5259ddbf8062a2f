package io.orikaeshi.infra;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An SMTP server (GreenMail) that accepts any recipient without authentication and remembers every message in
 * arrival order. The arrival instant is taken in GreenMail's delivery hook, i.e. while the sender is still waiting
 * for the "250 OK" to its DATA: tests comparing it with a deadline measure the mailer, not a polling interval.
 */
public final class MailCatcher {

    private static final Logger LOG = Logger.getLogger(MailCatcher.class.getName());

    private final GreenMail greenMail;
    private final List<ReceivedMail> received = new ArrayList<>();
    /** GreenMail calls the delivery hook once per recipient with the same message object; we keep one entry. */
    private MovingMessage lastDelivered;
    /** Remembered: while the server is stopped GreenMail has no SMTP service to ask. */
    private int port;

    private MailCatcher(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static MailCatcher start(int port) {
        RefusingGreenMail greenMail = new RefusingGreenMail(
                new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        MailCatcher catcher = new MailCatcher(greenMail);
        catcher.port = greenMail.getSmtp().getPort();
        UserManager users = greenMail.getUserManager();
        MessageDeliveryHandler store = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, recipient) -> {
            catcher.onDelivery(message);
            return store.handle(message, recipient);
        });
        return catcher;
    }

    int port() {
        return port;
    }

    /** Everything received since start or the last {@link #purge()}, oldest first. */
    public synchronized List<ReceivedMail> messages() {
        return List.copyOf(received);
    }

    /**
     * Waits until at least {@code count} received messages match, and returns all that match (oldest first).
     *
     * @throws AssertionError on timeout, listing the subjects of what did arrive (not the bodies: personal data)
     */
    public synchronized List<ReceivedMail> awaitMessages(Predicate<ReceivedMail> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedMail> matching = received.stream().filter(match).toList();
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (matching.size() >= count) {
                return matching;
            }
            if (remainingMillis <= 0) {
                throw new AssertionError("Expected " + count + " matching mail(s) within " + timeout + " but "
                        + matching.size() + " matched; received " + received.size() + " with subjects "
                        + received.stream().map(ReceivedMail::subject).toList());
            }
            try {
                wait(remainingMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for mail", e);
            }
        }
    }

    public synchronized void purge() {
        received.clear();
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            LOG.log(Level.WARNING, "Could not purge GreenMail's own mailboxes", e);
        }
    }

    void stop() {
        greenMail.stop();
    }

    /** Takes the SMTP server down (senders get connection refused) until {@link #startSmtp()}; nothing is lost. */
    public void stopSmtp() {
        greenMail.stop();
    }

    /** The same server again, on the same port. */
    public void startSmtp() {
        greenMail.start();
    }

    /** From now on, RCPT TO this address is answered "550" (a permanent refusal), as for a mailbox that is gone. */
    public void refuse(String address) {
        ((RefusingGreenMail) greenMail).refusals.refuse(address);
    }

    /** How many times a sender named a refused address in RCPT TO: each one is a delivery attempt. */
    public int refusedAttempts(String address) {
        return ((RefusingGreenMail) greenMail).refusals.attempts(address);
    }

    private void onDelivery(MovingMessage message) {
        Instant now = Instant.now();
        synchronized (this) {
            if (message == lastDelivered) {
                return;
            }
            lastDelivered = message;
        }
        // Parsed outside the lock: awaitMessages holds it while scanning.
        ReceivedMail mail;
        try {
            // GreenMail keeps recipients in a HashSet: sorted, at least the order is the same every time.
            List<String> to = message.getToAddresses().stream().map(MailAddress::getEmail).sorted().toList();
            String returnPath = message.getReturnPath() == null ? null : message.getReturnPath().getEmail();
            mail = MimeReader.read(message.getMessage(), to, returnPath, now);
        } catch (MessagingException | IOException | RuntimeException e) {
            // Never fail the SMTP transaction over our bookkeeping; the message still lands in GreenMail's store.
            LOG.log(Level.WARNING, "Could not read a received message", e);
            return;
        }
        synchronized (this) {
            received.add(mail);
            notifyAll();
        }
        LOG.fine(() -> "Accepted a message for " + mail.to().size() + " recipient(s)");
    }
}
