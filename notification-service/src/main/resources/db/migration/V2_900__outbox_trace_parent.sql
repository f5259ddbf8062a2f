-- The W3C traceparent of the work that wrote the event, sent as the Kafka record's traceparent header.
-- Nullable: rows written before this version (and untraced work) are published without it.
alter table outbox add column if not exists trace_parent varchar(55);
-- The trace of the event that asked for an email; the delivery outcome, published later, continues it.
alter table mail_message add column if not exists trace_parent varchar(55);
