-- Every event of the contract now shapes the read model. The state of a promise is kept as facts, each remembered
-- with the due time it was about (warned/overdue/escalated for which due time), and the visible state is derived
-- when reading: a CallbackOverdue for a due time that an extension replaced no longer makes the promise overdue,
-- whatever order the two topics deliver in.
alter table call_log
    add column direction           varchar(16),
    add column purpose_category    varchar(100),
    add column hearing_item_count  int          not null default 0,
    add column chase_of            varchar(36),
    add column assignee_kind       varchar(16),
    add column assignee_since      timestamptz,
    add column warned_due_at       timestamptz,
    add column overdue_due_at      timestamptz,
    add column escalated_due_at    timestamptz,
    add column escalation_level    int          not null default 0,
    add column overdue_count       int          not null default 0,
    add column escalation_count    int          not null default 0,
    add column chase_count         int          not null default 0,
    add column extension_count     int          not null default 0,
    add column attempt_count       int          not null default 0,
    add column acknowledged_at     timestamptz,
    add column cancelled_at        timestamptz;

-- callback_status is now the lifecycle only (NONE, OPEN, COMPLETED, CANCELLED); OVERDUE is derived.
update call_log set overdue_due_at = callback_due_at, overdue_count = 1, callback_status = 'OPEN'
    where callback_status = 'OVERDUE';

-- The operator's screen looks the caller up by number while the phone rings.
create index call_log_tenant_number on call_log (tenant_id, callback_number, received_at desc);

-- What became of each email about a call, one row per notification event.
create table delivery_event (
    event_id        varchar(36)  primary key,
    tenant_id       varchar(64)  not null,
    call_id         varchar(36)  not null,
    message_id      varchar(300) not null,
    kind            varchar(50),
    recipient       varchar(320),
    outcome         varchar(16)  not null,
    occurred_at     timestamptz  not null,
    deferred_until  timestamptz,
    reason          varchar(1000)
);
create index delivery_event_call on delivery_event (tenant_id, call_id, occurred_at);
