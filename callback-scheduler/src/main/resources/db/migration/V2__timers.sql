-- Issue #4: every clock of a promise (warning, overdue, escalation levels, pool fallback) is a durable timer row.
-- The deadline row keeps the promise's state; a new due time (extension) bumps its version and re-arms the timers.
alter table deadline
    add column version              int          not null default 1,
    add column assignee_kind        varchar(16),
    add column promised_at          timestamptz,
    add column escalation_level     int          not null default 0,
    add column acknowledged_at      timestamptz,
    add column cancelled_at         timestamptz,
    add column chase_count          int          not null default 0,
    add column attempts             int          not null default 0,
    add column next_attempt_at      timestamptz;

create table deadline_timer (
    id               bigint generated always as identity primary key,
    call_id          varchar(36)  not null,
    kind             varchar(16)  not null,   -- WARN, OVERDUE, ESCALATE, POOL_FALLBACK
    level            int          not null,   -- escalation level; 0 for the other kinds
    fire_at          timestamptz  not null,
    promise_version  int          not null,
    target           varchar(320),            -- ESCALATE: "assignee" or a contact; POOL_FALLBACK: the pool
    state            varchar(16)  not null,   -- PENDING, FIRED, CANCELLED, SKIPPED
    fired_at         timestamptz,
    late             boolean      not null default false,
    -- Arming twice (a redelivered event, a chase racing the chain) finds the same row.
    constraint deadline_timer_once unique (call_id, kind, level, promise_version)
);
-- The firing loop only ever scans pending timers in due order: fired and cancelled rows stay out of this index.
create index deadline_timer_pending on deadline_timer (fire_at) where state = 'PENDING';

-- Deadlines still open when this version is deployed keep their overdue clock.
insert into deadline_timer (call_id, kind, level, fire_at, promise_version, state)
select call_id, 'OVERDUE', 0, due_at, 1, 'PENDING' from deadline where state = 'OPEN';

drop index deadline_open_due;
