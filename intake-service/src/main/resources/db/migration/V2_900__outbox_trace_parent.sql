-- The W3C traceparent of the work that wrote the event, sent as the Kafka record's traceparent header.
-- Nullable: rows written before this version (and untraced work) are published without it.
alter table outbox add column if not exists trace_parent varchar(55);
