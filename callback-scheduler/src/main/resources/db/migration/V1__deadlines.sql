-- One row per promised callback; the durable timer. Fired and completed rows stay for audit.
create table deadline (
    call_id       varchar(36)  primary key,
    tenant_id     varchar(64)  not null,
    due_at        timestamptz  not null,
    assignee      varchar(200),
    state         varchar(16)  not null,
    fired_at      timestamptz,
    completed_at  timestamptz
);
-- Only open deadlines are ever scanned for firing: keep that index small.
create index deadline_open_due on deadline (due_at) where state = 'OPEN';

create table processed_event (
    event_id      varchar(36)  primary key,
    event_type    varchar(100) not null,
    processed_at  timestamptz  not null
);

create table outbox (
    id           bigint generated always as identity primary key,
    event_id     varchar(36)  not null unique,
    topic        varchar(200) not null,
    message_key  varchar(200) not null,
    event_type   varchar(100) not null,
    payload      text         not null,
    created_at   timestamptz  not null
);
