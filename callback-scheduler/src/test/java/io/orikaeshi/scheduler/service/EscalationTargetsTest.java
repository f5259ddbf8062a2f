package io.orikaeshi.scheduler.service;

import io.orikaeshi.events.tenant.TenantChanged;
import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.kit.tenant.TenantDirectory;
import io.orikaeshi.scheduler.repository.Deadline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EscalationTargetsTest {

    /** 2026-02-03 10:00 in Tokyo. */
    private static final Instant MORNING = Instant.parse("2026-02-03T01:00:00Z");
    private static final LocalDateTime DAY_START = LocalDateTime.parse("2026-02-03T09:00");

    private final EscalationTargets targets = new EscalationTargets();
    private final Deadline deadline = new Deadline();

    private static TenantProfile tenant(List<TenantProfile.Shift> rotation, List<TenantProfile.Shift> overrides) {
        return new TenantProfile("テスト", Optional.empty(), "ja", "Asia/Tokyo", "JP", Optional.empty(),
                new TenantProfile.Calendar("MON-FRI 09:00-18:00", "JP", Optional.empty()),
                new TenantProfile.Promises(Duration.ZERO, Optional.empty(), "受付", Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()),
                Optional.empty(), TenantProfile.Notifications.defaults(), Optional.empty(),
                Optional.of(List.of(new TenantProfile.OnCallSchedule("day", "日中", rotation, Optional.of(overrides)))));
    }

    private static TenantProfile.Shift shift(String contact, int fromHour, int untilHour) {
        return new TenantProfile.Shift(contact, DAY_START.withHour(fromHour), DAY_START.withHour(untilHour));
    }

    @BeforeEach
    void tenantWithADaySchedule() {
        targets.tenants = new TenantDirectory(Map::of);
        targets.tenants.apply(TenantChanged.of("t1", 1, MORNING,
                tenant(List.of(shift("hanako", 9, 13), shift("taro", 13, 18)), List.of(shift("jiro", 12, 13))),
                List.of()));
        deadline.callId = "call-1";
        deadline.tenantId = "t1";
        deadline.assignee = "佐藤";
    }

    private String at(String configured, Instant at) {
        return targets.at(configured, deadline, 1, at);
    }

    @Test
    void onCallIsWhoeverTheScheduleNamesAtTheFiringInstantInTheTenantsZone() {
        assertEquals("contact:hanako", at("on-call:day", MORNING));
        assertEquals("contact:taro", at("on-call:day", MORNING.plus(Duration.ofHours(4))));
        assertEquals("channel:ops:contact:hanako", at("channel:ops:on-call:day", MORNING));
    }

    @Test
    void anOverrideWinsOverTheRotation() {
        assertEquals("contact:jiro", at("on-call:day", MORNING.plus(Duration.ofHours(2))));
    }

    @Test
    void nobodyOnCallFallsBackToTheAssigneeOrTheChannelsRoom() {
        Instant night = MORNING.plus(Duration.ofHours(12));
        assertEquals("佐藤", at("on-call:day", night));
        assertEquals("channel:ops", at("channel:ops:on-call:day", night));
        assertEquals("佐藤", at("on-call:nosuch", MORNING), "unknown schedule");
        deadline.tenantId = "unknown";
        assertEquals("佐藤", at("on-call:day", MORNING), "unknown tenant");
    }

    @Test
    void otherTargetsAreAddressedAsConfigured() {
        assertEquals("佐藤", at("assignee", MORNING));
        assertEquals("佐藤", at(null, MORNING));
        assertEquals("supervisor", at("supervisor", MORNING));
        assertEquals("sv@acme.example", at("sv@acme.example", MORNING));
        assertEquals("contact:hanako", at("contact:hanako", MORNING));
        assertEquals("channel:ops", at("channel:ops", MORNING));
        assertEquals("受付デスク", at("受付デスク", MORNING), "a level written before addresses existed");
    }
}
