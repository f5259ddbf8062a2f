package io.orikaeshi.intake.service;

import io.orikaeshi.events.tenant.Address;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.kit.problem.Problem;
import io.orikaeshi.kit.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The contacts, channels and on-call schedules a tenant's routes and escalation levels name. A name must point at
 * something the tenant has when it is written, and a thing still named cannot be deleted: a message would otherwise
 * find no one to go to when it is sent, long after the admin left.
 */
public final class TenantReferences {

    /** Escalation targets that are no {@link Address}: they name the callback's own people. */
    private static final List<String> CALL_PEOPLE = List.of("assignee", "supervisor");

    private TenantReferences() {
    }

    /** An address as a tenant writes it, with the field that holds it. */
    record Named(String field, Address address) {
    }

    /** @throws ProblemException 422 naming each route recipient or escalation target that names nothing the tenant has */
    public static TenantProfile requireKnown(TenantProfile profile) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Named named : addresses(profile)) {
            unknown(profile, named.address()).ifPresent(m -> errors.add(new Problem.FieldError(named.field(), m)));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return profile;
    }

    /** @throws ProblemException 409 naming where the tenant still names the contact */
    public static void requireUnusedContact(TenantProfile profile, String id) {
        List<String> referrers = referrers(profile,
                a -> a.person().orElse(null) instanceof Address.ContactRef c && c.id().equals(id));
        profile.onCall().orElse(List.of()).stream()
                .filter(s -> s.rotation().stream().anyMatch(shift -> shift.contact().equals(id))
                        || s.overrides().orElse(List.of()).stream().anyMatch(shift -> shift.contact().equals(id)))
                .forEach(s -> referrers.add("on-call/" + s.id()));
        refuseIfUsed("Contact " + id, referrers);
    }

    /** @throws ProblemException 409 naming where the tenant still names the channel */
    public static void requireUnusedChannel(TenantProfile profile, String id) {
        refuseIfUsed("Channel " + id, referrers(profile, a -> a.channel().filter(id::equals).isPresent()));
    }

    /** @throws ProblemException 409 naming where the tenant still names the schedule */
    public static void requireUnusedSchedule(TenantProfile profile, String id) {
        refuseIfUsed("On-call schedule " + id, referrers(profile,
                a -> a.person().orElse(null) instanceof Address.OnCall o && o.schedule().equals(id)));
    }

    private static void refuseIfUsed(String what, List<String> referrers) {
        if (!referrers.isEmpty()) {
            throw new ProblemException(409, what + " is still named by " + String.join(", ", referrers)
                    + "; change those first",
                    referrers.stream().map(r -> new Problem.FieldError(r, "names " + what)).toList());
        }
    }

    private static List<String> referrers(TenantProfile profile, Predicate<Address> names) {
        List<String> fields = new ArrayList<>();
        addresses(profile).stream().filter(n -> names.test(n.address())).forEach(n -> fields.add(n.field()));
        return fields;
    }

    private static Optional<String> unknown(TenantProfile profile, Address address) {
        Optional<String> channel = address.channel();
        if (channel.isPresent() && profile.channel(channel.get()).isEmpty()) {
            return Optional.of("names channel " + channel.get() + ", which this tenant does not have");
        }
        Address.Person person = address.person().orElse(null);
        if (person instanceof Address.ContactRef c && profile.contact(c.id()).isEmpty()) {
            return Optional.of("names contact " + c.id() + ", which this tenant does not have");
        }
        if (person instanceof Address.OnCall o && profile.schedule(o.schedule()).isEmpty()) {
            return Optional.of("names on-call schedule " + o.schedule() + ", which this tenant does not have");
        }
        return Optional.empty();
    }

    /** Every address of the tenant's routes and escalation levels, each with its field. */
    static List<Named> addresses(TenantProfile profile) {
        List<Named> named = new ArrayList<>();
        List<TenantProfile.Route> routes = profile.notifications().routes().orElse(List.of());
        for (int i = 0; i < routes.size(); i++) {
            List<String> recipients = routes.get(i).recipients();
            for (int j = 0; j < recipients.size(); j++) {
                parsed(recipients.get(j)).ifPresent(named(named, "notifications.routes[" + i + "].recipients[" + j
                        + "]"));
            }
        }
        List<TenantProfile.EscalationLevel> levels = profile.promises().escalation().orElse(List.of());
        for (int i = 0; i < levels.size(); i++) {
            if (!CALL_PEOPLE.contains(levels.get(i).target())) {
                parsed(levels.get(i).target()).ifPresent(named(named, "promises.escalation[" + i + "].target"));
            }
        }
        return named;
    }

    private static Consumer<Address> named(List<Named> into, String field) {
        return address -> into.add(new Named(field, address));
    }

    /** Tenants seeded from configuration were never checked by the admin API; what cannot be read names nothing. */
    private static Optional<Address> parsed(String text) {
        try {
            return Optional.of(Address.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether an escalation target names the callback's own people rather than an {@link Address}. */
    public static boolean callPerson(String target) {
        return CALL_PEOPLE.contains(target);
    }
}
