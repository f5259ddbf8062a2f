-- How the promise was phrased, who owns it, and what happened to it since.
alter table received_call
    add column direction          varchar(16)  not null default 'INBOUND',
    add column purpose_category   varchar(100),
    add column hearing_items      text,
    add column promise_kind       varchar(32),
    add column not_before         timestamptz,
    add column assignee_kind      varchar(16),
    add column acknowledged_at    timestamptz,
    add column cancelled_at       timestamptz,
    add column chase_of           varchar(36),
    add column chase_count        int          not null default 0,
    add column version            int          not null default 0;

-- Finding the open promise a new call chases: same tenant, same number, still open.
create index received_call_open_by_number on received_call (tenant_id, callback_number)
    where callback_status = 'OPEN';

create table callback_attempt (
    id               bigint generated always as identity primary key,
    call_id          varchar(36)  not null references received_call (id),
    outcome          varchar(16)  not null,
    next_attempt_at  timestamptz,
    attempted_by     varchar(200),
    attempted_at     timestamptz  not null
);
create index callback_attempt_call on callback_attempt (call_id);

-- A retried POST with the same Idempotency-Key returns the first answer. The row commits with the call.
create table idempotency_key (
    tenant_id      varchar(64)  not null,
    idem_key       varchar(200) not null,
    request_hash   varchar(64)  not null,
    call_id        varchar(36)  not null,
    created_at     timestamptz  not null,
    primary key (tenant_id, idem_key)
);
