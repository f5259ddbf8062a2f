-- What the daily digest counts, kept current from the call's events (Completed / Cancelled close it, Extended moves it).
alter table call_snapshot add column received_at timestamptz;
alter table call_snapshot add column due_at timestamptz;
alter table call_snapshot add column urgent boolean not null default false;
alter table call_snapshot add column closed_at timestamptz;
create index call_snapshot_tenant_received on call_snapshot (tenant_id, received_at);
create index call_snapshot_tenant_open on call_snapshot (tenant_id, due_at) where closed_at is null;

-- Mail held for quiet hours: the instant the tenant opens (next_attempt_at is the same instant while held).
alter table mail_message add column held_until timestamptz;
-- The sending limit counts a tenant's recent sends.
create index mail_message_tenant_sent on mail_message (tenant_id, sent_at) where status = 'SENT';

-- One row per digest sent: a digest covers the calls since the previous one's period end, and is made once.
create table mail_digest (
    tenant_id     varchar(64)  not null,
    period_end    timestamptz  not null,
    period_start  timestamptz  not null,
    created_at    timestamptz  not null,
    primary key (tenant_id, period_end)
);
