package io.orikaeshi.kit.sql;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqlValuesTest {

    private static final Instant MOMENT = Instant.parse("2026-11-20T08:30:00.123456Z");

    @Test
    void everyDriverTypeForTimestamptzNamesTheSameInstant() {
        assertEquals(MOMENT, SqlValues.instant(MOMENT));
        assertEquals(MOMENT, SqlValues.instant(MOMENT.atOffset(ZoneOffset.ofHours(9))));
        assertEquals(MOMENT, SqlValues.instant(MOMENT.atZone(ZoneId.of("Asia/Tokyo"))));
        assertEquals(MOMENT, SqlValues.instant(Timestamp.from(MOMENT)));
    }

    @Test
    void aZoneLessValueIsReadAsUtc() {
        assertEquals(MOMENT, SqlValues.instant(LocalDateTime.ofInstant(MOMENT, ZoneOffset.UTC)));
    }

    @Test
    void sqlNullIsNoInstant() {
        assertNull(SqlValues.instant(null));
    }

    @Test
    void anyOtherTypeIsRefusedRatherThanGuessed() {
        assertThrows(IllegalStateException.class, () -> SqlValues.instant("2026-11-20T08:30:00Z"));
        assertThrows(IllegalStateException.class, () -> SqlValues.instant(OffsetDateTime.now().toLocalDate()));
    }
}
