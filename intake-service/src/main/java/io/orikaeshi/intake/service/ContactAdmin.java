package io.orikaeshi.intake.service;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.events.tenant.TenantProfile.Contact;
import io.orikaeshi.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A tenant's contacts; each change is a new tenant snapshot (TenantChanged). */
@ApplicationScoped
public class ContactAdmin {

    @Inject
    TenantAdmin admin;

    public Uni<Saved<Contact>> put(String tenantId, Contact contact) {
        AtomicBoolean created = new AtomicBoolean();
        return admin.editProfile(tenantId, profile -> {
            List<Contact> contacts = profile.contacts().orElse(List.of());
            created.set(profile.contact(contact.id()).isEmpty());
            return ProfileEdits.withContacts(profile, ProfileEdits.upsert(contacts, contact, Contact::id));
        }).map(tenant -> new Saved<>(tenant.config().contact(contact.id()).orElseThrow(), created.get()));
    }

    /** @throws ProblemException 409 while a route, escalation level or on-call schedule names the contact */
    public Uni<Void> delete(String tenantId, String id) {
        return admin.editProfile(tenantId, profile -> {
            requireContact(profile, id);
            TenantReferences.requireUnusedContact(profile, id);
            return ProfileEdits.withContacts(profile,
                    ProfileEdits.without(profile.contacts().orElse(List.of()), id, Contact::id));
        }).replaceWithVoid();
    }

    private static void requireContact(TenantProfile profile, String id) {
        if (profile.contact(id).isEmpty()) {
            throw ProblemException.notFound("Contact");
        }
    }
}
