package io.orikaeshi.infra;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GreenMail that can refuse chosen recipients permanently (550 at RCPT TO) and counts the attempts, so tests can
 * check how a sender handles a permanent refusal. Its managers (and so the delivery hook) outlive a stop and start.
 */
final class RefusingGreenMail extends GreenMail {

    final Refusals refusals = new Refusals();
    private final Managers ours;

    RefusingGreenMail(ServerSetup setup) {
        super(setup);
        ours = new RefusingManagers(refusals);
        managers = ours;
    }

    /** GreenMail's stop replaces its managers; ours hold the delivery hook and the refusals, so they come back. */
    @Override
    public synchronized void stop() {
        super.stop();
        managers = ours;
    }

    static final class Refusals {
        private final Set<String> refused = ConcurrentHashMap.newKeySet();
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        void refuse(String address) {
            refused.add(address.toLowerCase(Locale.ROOT));
        }

        int attempts(String address) {
            AtomicInteger count = attempts.get(address.toLowerCase(Locale.ROOT));
            return count == null ? 0 : count.get();
        }

        String check(MailAddress recipient) {
            String address = recipient.getEmail().toLowerCase(Locale.ROOT);
            if (!refused.contains(address)) {
                return null;
            }
            attempts.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            return "550 5.1.1 Mailbox unavailable: " + address;
        }
    }

    private static final class RefusingManagers extends Managers {
        private final SmtpManager smtp;

        RefusingManagers(Refusals refusals) {
            smtp = new SmtpManager(getImapHostManager(), getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress recipient) {
                    String refusal = refusals.check(recipient);
                    return refusal != null ? refusal : super.checkRecipient(state, recipient);
                }
            };
        }

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }
    }
}
