-- One row per promised callback; the durable timer. Fired and completed rows stay for audit.
create table deadline (
    call_id       varchar(36)  primary key,
    tenant_id     varchar(64)  not null,
    due_at        timestamptz  not null,
    assignee      varchar(200),
    state         varchar(16)  not null,
    fired_at      timestamptz,
    completed_at  timestamptz,
    -- The trace of the call that made the promise; the events its timers fire later continue that trace.
    trace_parent  varchar(55)
);
-- Only open deadlines are ever scanned for firing: keep that index small.
create index deadline_open_due on deadline (due_at) where state = 'OPEN';
