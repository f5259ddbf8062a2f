-- Delivery outcomes (sent / deferred / failed) leave as events through this outbox, in the transaction that records them.
create table outbox (
    id           bigint generated always as identity primary key,
    event_id     varchar(36)  not null unique,
    topic        varchar(200) not null,
    message_key  varchar(200) not null,
    event_type   varchar(100) not null,
    payload      text         not null,
    created_at   timestamptz  not null
);
