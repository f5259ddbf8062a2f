package io.orikaeshi.kit.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MultiRowInsertTest {

    @Test
    void everyRowGetsItsOwnNumberedPlaceholders() {
        MultiRowInsert<String> insert = new MultiRowInsert<>("t", List.of("a", "b"), s -> new Object[]{s, s});

        assertEquals("insert into t (a, b) values (?1, ?2), (?3, ?4), (?5, ?6)", insert.sql(3));
    }
}
