package io.orikaeshi.reporting.mapping;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CallbackStateTest {

    private static final Instant DUE = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant EARLIER_DUE = DUE.minusSeconds(3600);

    @Test
    void theMostAdvancedFactAboutTheDueTimeInForceGivesTheState() {
        assertEquals("OPEN", CallbackState.state("OPEN", DUE, null, null, null));
        assertEquals("WARNED", CallbackState.state("OPEN", DUE, DUE, null, null));
        assertEquals("OVERDUE", CallbackState.state("OPEN", DUE, DUE, DUE, null));
        assertEquals("ESCALATED", CallbackState.state("OPEN", DUE, DUE, DUE, DUE));
    }

    @Test
    void factsAboutAnEarlierDueTimeNoLongerCountAfterAnExtension() {
        assertEquals("OPEN", CallbackState.state("OPEN", DUE, EARLIER_DUE, EARLIER_DUE, EARLIER_DUE));
    }

    @Test
    void terminalStatesWinOverEveryFact() {
        assertEquals("COMPLETED", CallbackState.state("COMPLETED", DUE, DUE, DUE, DUE));
        assertEquals("CANCELLED", CallbackState.state("CANCELLED", DUE, DUE, DUE, null));
    }

    @Test
    void theCoarseStatusFoldsEscalatedIntoOverdueAndWarnedIntoOpen() {
        assertEquals("OVERDUE", CallbackState.status("ESCALATED", true));
        assertEquals("OPEN", CallbackState.status("WARNED", false));
        assertEquals("COMPLETED", CallbackState.status("COMPLETED", false));
    }

    @Test
    void aChaseEscalationBeforeTheDueTimeIsEscalatedButNotOverdue() {
        String state = CallbackState.state("OPEN", DUE, null, null, DUE);

        assertEquals("ESCALATED", state);
        assertEquals(false, CallbackState.overdue(DUE, null));
        assertEquals("OPEN", CallbackState.status(state, CallbackState.overdue(DUE, null)));
    }
}
