package io.orikaeshi.reporting.mapping;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTest {

    @Test
    void quotesCommasQuotesAndLineBreaksAndNeutralisesFormulas() {
        assertEquals("\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",'=1+1,'+8131,,42\r\n",
                Csv.line(Arrays.asList("a,b", "say \"hi\"", "x\ny", "=1+1", "+8131", null, 42)));
    }

    @Test
    void documentStartsWithAByteOrderMarkThenTheHeader() {
        assertEquals("\uFEFFa,b\r\n1,2\r\n", Csv.document(List.of("a", "b"), List.of(List.of(1, 2))));
    }

    @Test
    void cursorRoundTripsAndRejectsForeignText() {
        CallCursor cursor = new CallCursor(Instant.parse("2026-05-11T00:00:01.123456Z"), "call-1");

        assertEquals(Optional.of(cursor), CallCursor.decode(cursor.encode()));
        assertEquals(Optional.empty(), CallCursor.decode("not-a-cursor"));
        assertEquals(Optional.empty(), CallCursor.decode("%%%"));
    }
}
