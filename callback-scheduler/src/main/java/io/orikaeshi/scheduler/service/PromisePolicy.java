package io.orikaeshi.scheduler.service;

import io.orikaeshi.events.AssigneeKind;
import io.orikaeshi.scheduler.repository.PlannedTimer;
import io.orikaeshi.scheduler.repository.TimerKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one tenant's promises are watched, and the timers that follow for one version of a promise.
 *
 * <p>Warnings, escalations and the pool fallback run on wall-clock time and fire in closed hours too: a missed promise
 * to a waiting caller is urgent whatever the tenant's opening hours, and the people alerted (assignee, supervisor,
 * escalation desk) decide whether to act out of hours. Business time only shapes the due time itself.
 *
 * @param escalation  the chain, level 1 first; empty for none
 * @param repeatAfter the repeat notice's delay after the call's report; empty for none
 */
public record PromisePolicy(Duration warningLead, double maxWarningShare, List<Escalation> escalation, String pool,
        Optional<Duration> poolFallbackAfter, Optional<Duration> repeatAfter) {

    /**
     * One level of the chain: {@code after} the due time, alert {@code target} ("assignee", "supervisor" or an
     * {@link io.orikaeshi.events.tenant.Address}, kept unresolved until the level fires: see EscalationTargets).
     */
    public record Escalation(Duration after, String target) {
    }

    public static final String ASSIGNEE = "assignee";

    /** For tenants the directory does not know: the overdue clock only. */
    public static PromisePolicy overdueOnly() {
        return new PromisePolicy(Duration.ZERO, 0, List.of(), "pool", Optional.empty(), Optional.empty());
    }

    public PromisePolicy {
        escalation = List.copyOf(escalation);
        repeatAfter = repeatAfter == null ? Optional.empty() : repeatAfter;
    }

    /** A tenant without a repeat notice. */
    public PromisePolicy(Duration warningLead, double maxWarningShare, List<Escalation> escalation, String pool,
            Optional<Duration> poolFallbackAfter) {
        this(warningLead, maxWarningShare, escalation, pool, poolFallbackAfter, Optional.empty());
    }

    /** The timers of a promise made (or re-made by an extension) at {@code promisedAt}, due at {@code dueAt}. */
    public List<PlannedTimer> timers(Instant promisedAt, Instant dueAt, AssigneeKind assigneeKind) {
        List<PlannedTimer> timers = new ArrayList<>();
        warningAt(promisedAt, dueAt).ifPresent(at -> timers.add(PlannedTimer.of(TimerKind.WARN, at)));
        timers.add(PlannedTimer.of(TimerKind.OVERDUE, dueAt));
        for (int level = 1; level <= escalation.size(); level++) {
            Escalation step = escalation.get(level - 1);
            timers.add(new PlannedTimer(TimerKind.ESCALATE, level, dueAt.plus(step.after()), step.target()));
        }
        if (assigneeKind == AssigneeKind.PERSON) {
            poolFallbackAfter.ifPresent(after -> timers.add(
                    new PlannedTimer(TimerKind.POOL_FALLBACK, 0, promisedAt.plus(after), pool)));
        }
        return timers;
    }

    /**
     * The repeat notice of a call reported at {@code reportedAt}. It belongs to the call, not to a version of the
     * promise: planned once when the call arrives, it is neither re-armed nor moved by an extension.
     */
    public Optional<PlannedTimer> repeat(Instant reportedAt) {
        return repeatAfter.map(after -> PlannedTimer.of(TimerKind.REPEAT, reportedAt.plus(after)));
    }

    /** Who is alerted at {@code level}; a chase beyond the chain keeps alerting its last level. */
    public String escalationTarget(int level) {
        if (escalation.isEmpty()) {
            return ASSIGNEE;
        }
        return escalation.get(Math.min(level, escalation.size()) - 1).target();
    }

    /**
     * The tenant's lead, shortened to a share of the promise window so that a short promise is not warned before it
     * was even made; none when the window is empty.
     */
    private Optional<Instant> warningAt(Instant promisedAt, Instant dueAt) {
        Duration window = Duration.between(promisedAt, dueAt);
        if (warningLead.isZero() || window.isNegative() || window.isZero()) {
            return Optional.empty();
        }
        Duration shareOfWindow = Duration.ofMillis((long) (window.toMillis() * maxWarningShare));
        Duration lead = warningLead.compareTo(shareOfWindow) < 0 ? warningLead : shareOfWindow;
        return lead.isZero() ? Optional.empty() : Optional.of(dueAt.minus(lead));
    }
}
