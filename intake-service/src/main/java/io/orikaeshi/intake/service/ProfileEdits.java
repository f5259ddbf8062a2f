package io.orikaeshi.intake.service;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.Channel;
import io.orikaeshi.events.tenant.TenantProfile.Contact;
import io.orikaeshi.events.tenant.TenantProfile.Notifications;
import io.orikaeshi.events.tenant.TenantProfile.OnCallSchedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A tenant profile with one of the parts the admin API manages by their own resources (contacts, channels, on-call
 * schedules) replaced; the profile record has no withers, and every resource needs them.
 */
public final class ProfileEdits {

    private ProfileEdits() {
    }

    public static TenantProfile withContacts(TenantProfile p, List<Contact> contacts) {
        return new TenantProfile(p.name(), p.publicLabel(), p.locale(), p.timeZone(), p.phoneRegion(),
                p.reportRecipients(), p.calendar(), p.promises(), p.plans(), p.notifications(), present(contacts),
                p.onCall());
    }

    public static TenantProfile withOnCall(TenantProfile p, List<OnCallSchedule> schedules) {
        return new TenantProfile(p.name(), p.publicLabel(), p.locale(), p.timeZone(), p.phoneRegion(),
                p.reportRecipients(), p.calendar(), p.promises(), p.plans(), p.notifications(), p.contacts(),
                present(schedules));
    }

    public static TenantProfile withChannels(TenantProfile p, List<Channel> channels) {
        return new TenantProfile(p.name(), p.publicLabel(), p.locale(), p.timeZone(), p.phoneRegion(),
                p.reportRecipients(), p.calendar(), p.promises(), p.plans(),
                notificationsWith(p.notifications(), present(channels)), p.contacts(), p.onCall());
    }

    /** {@code settings} with the contacts, channels and on-call schedules of {@code parts}. */
    public static TenantProfile withPartsOf(TenantProfile settings, TenantProfile parts) {
        return new TenantProfile(settings.name(), settings.publicLabel(), settings.locale(), settings.timeZone(),
                settings.phoneRegion(), settings.reportRecipients(), settings.calendar(), settings.promises(),
                settings.plans(), notificationsWith(settings.notifications(), parts.notifications().channels()),
                parts.contacts(), parts.onCall());
    }

    private static Notifications notificationsWith(Notifications n, Optional<List<Channel>> channels) {
        return new Notifications(n.routes(), n.quietHours(), n.digestAt(), n.sendingLimit(), n.sendingWindow(),
                channels, n.repeatAfter());
    }

    /** {@code items} with {@code item} in place of the one of the same id, or added at the end. */
    public static <T> List<T> upsert(List<T> items, T item, Function<T, String> id) {
        List<T> next = new ArrayList<>(items);
        int at = indexOf(items, id.apply(item), id);
        if (at < 0) {
            next.add(item);
        } else {
            next.set(at, item);
        }
        return List.copyOf(next);
    }

    public static <T> List<T> without(List<T> items, String itemId, Function<T, String> id) {
        return items.stream().filter(i -> !id.apply(i).equals(itemId)).toList();
    }

    private static <T> int indexOf(List<T> items, String itemId, Function<T, String> id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.apply(items.get(i)).equals(itemId)) {
                return i;
            }
        }
        return -1;
    }

    private static <T> Optional<List<T>> present(List<T> items) {
        return items.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(items));
    }
}
