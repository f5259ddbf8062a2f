package io.orikaeshi.reporting.service;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.reporting.rest.Bill;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BillingCalculatorTest {

    private static TenantProfile.Plan plan(String from, int unit, int hearing, List<String> items) {
        return new TenantProfile.Plan(LocalDate.parse(from), unit, hearing, Optional.ofNullable(items));
    }

    @Test
    void hearingSurchargeIsAddedToEveryCallOfAPlanWithHearingItems() {
        Bill bill = BillingCalculator.bill("acme-jp", YearMonth.of(2026, 3),
                List.of(plan("2026-01-01", 159, 61, List.of("ご希望の折り返し時間帯"))),
                Map.of(LocalDate.of(2026, 3, 2), 3L, LocalDate.of(2026, 3, 31), 2L));

        assertEquals(List.of(new Bill.Line(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), 159, 61, 5, 1100)),
                bill.lines());
        assertEquals(1100, bill.total());
    }

    @Test
    void hearingPriceIsIgnoredWhenThePlanHasNoHearingItems() {
        Bill bill = BillingCalculator.bill("t", YearMonth.of(2026, 3), List.of(plan("2026-01-01", 150, 40, null)),
                Map.of(LocalDate.of(2026, 3, 2), 2L));

        assertEquals(0, bill.lines().get(0).hearingPrice());
        assertEquals(300, bill.total());
    }

    @Test
    void planChangeMidMonthSplitsTheBillAtTheChangeDayAndPlansAreTakenInDateOrder() {
        Bill bill = BillingCalculator.bill("t", YearMonth.of(2026, 3),
                List.of(plan("2026-03-16", 120, 30, List.of("x")), plan("2026-01-01", 100, 0, null)),
                Map.of(LocalDate.of(2026, 3, 15), 2L, LocalDate.of(2026, 3, 16), 1L, LocalDate.of(2026, 2, 28), 9L));

        assertEquals(List.of(new Bill.Line(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 15), 100, 0, 2, 200),
                new Bill.Line(LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 31), 120, 30, 1, 150)), bill.lines());
        assertEquals(3, bill.calls());
        assertEquals(350, bill.total());
    }

    @Test
    void daysBeforeTheFirstPlanAreNotBilled() {
        Bill bill = BillingCalculator.bill("t", YearMonth.of(2026, 3), List.of(plan("2026-03-10", 100, 0, null)),
                Map.of(LocalDate.of(2026, 3, 9), 4L, LocalDate.of(2026, 3, 10), 1L));

        assertEquals(LocalDate.of(2026, 3, 10), bill.lines().get(0).from());
        assertEquals(1, bill.calls());
        assertEquals(100, bill.total());
    }
}
