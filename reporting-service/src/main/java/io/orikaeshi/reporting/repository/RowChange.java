package io.orikaeshi.reporting.repository;

/** What one event does to one row: the statement and its values (the first being the row's key). */
public record RowChange(Upsert upsert, String key, Object[] values) {
}
