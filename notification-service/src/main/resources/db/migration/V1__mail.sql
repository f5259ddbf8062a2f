-- What a report needs later (overdue alerts name the caller): the CallReceived event as received. Personal data.
create table call_snapshot (
    call_id     varchar(36)  primary key,
    tenant_id   varchar(64)  not null,
    event_json  text         not null
);

-- Every email to send, one row per (event, recipient), rendered when the event is consumed and sent by the
-- dispatcher. The unique message_id is derived from (event, recipient): a redelivered event cannot add a second row.
create table mail_message (
    id               bigint generated always as identity primary key,
    message_id       varchar(200)  not null unique,
    event_id         varchar(36)   not null,
    tenant_id        varchar(64)   not null,
    call_id          varchar(36)   not null,
    kind             varchar(32)   not null,
    recipient        varchar(320)  not null,
    subject          varchar(1000) not null,
    text_body        text          not null,
    html_body        text          not null,
    status           varchar(16)   not null,
    attempts         int           not null default 0,
    next_attempt_at  timestamptz   not null,
    last_error       varchar(1000),
    created_at       timestamptz   not null,
    sent_at          timestamptz,
    -- The trace of the event that asked for the email; the delivery outcome, published later, continues it.
    trace_parent     varchar(55)
);
create index mail_message_due on mail_message (next_attempt_at) where status = 'PENDING';
create index mail_message_call on mail_message (tenant_id, call_id);
