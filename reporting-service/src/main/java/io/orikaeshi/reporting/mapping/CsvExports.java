package io.orikaeshi.reporting.mapping;

import io.orikaeshi.reporting.rest.Bill;
import io.orikaeshi.reporting.rest.CallLogView;

import java.util.Arrays;
import java.util.List;

/** The CSV forms of the call log and the bill. */
public final class CsvExports {

    private CsvExports() {
    }

    public static String calls(List<CallLogView> calls) {
        return Csv.document(List.of("call_id", "received_at", "operator_id", "site", "addressee",
                "caller_name_status", "caller_name", "purpose_status", "purpose", "callback_number_status",
                "callback_number", "urgency", "callback_status", "callback_due_at", "callback_assignee",
                "completed_at", "chase_count"),
                calls.stream().map(c -> Arrays.<Object>asList(c.callId(), c.receivedAt(), c.operatorId(), c.site(),
                        c.addressee(), c.callerName().status(), c.callerName().value(), c.purpose().status(),
                        c.purpose().value(), c.callbackNumber().status(), c.callbackNumber().value(), c.urgency(),
                        c.callback().status(), c.callback().dueAt(), c.callback().assignee(),
                        c.callback().completedAt(), c.callback().chaseCount())).toList());
    }

    public static String bill(Bill bill) {
        List<List<Object>> rows = new java.util.ArrayList<>(bill.lines().stream()
                .map(l -> Arrays.<Object>asList(bill.month(), l.from(), l.to(), l.unitPrice(), l.hearingPrice(),
                        l.calls(), l.amount()))
                .toList());
        rows.add(Arrays.asList(bill.month(), "total", null, null, null, bill.calls(), bill.total()));
        return Csv.document(List.of("month", "from", "to", "unit_price_yen", "hearing_price_yen", "calls",
                "amount_yen"), rows);
    }
}
