-- Transactional outbox (kit/outbox): rows written with the state change they announce, published and deleted by
-- the relay in id order. An event id is the event's identity: the same id twice is the same fact.
create table outbox (
    id           bigint generated always as identity primary key,
    event_id     varchar(36)  not null unique,
    topic        varchar(200) not null,
    message_key  varchar(200) not null,
    event_type   varchar(100) not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    -- The W3C traceparent of the work that wrote the event, sent as the Kafka record's traceparent header.
    -- Nullable: untraced work is published without it.
    trace_parent varchar(55)
);
