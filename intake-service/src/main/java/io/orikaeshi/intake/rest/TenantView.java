package io.orikaeshi.intake.rest;

import io.orikaeshi.events.tenant.TenantProfile;

import java.util.List;

/** A tenant as stored, with warnings about settings that are allowed but unwise. */
public record TenantView(String id, long revision, TenantProfile settings, List<Warning> warnings) {

    public record Warning(String code, String field, String message) {
    }
}
