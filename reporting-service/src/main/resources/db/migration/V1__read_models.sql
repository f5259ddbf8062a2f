-- Call log and callback state, one row per call. Events of one call arrive on two topics (intake's and the
-- scheduler's), so any of them may create the row; received_at is null until CallReceived has been applied.
create table call_log (
    call_id                 varchar(36)  primary key,
    tenant_id               varchar(64)  not null,
    received_at             timestamptz,
    operator_id             varchar(64),
    site                    varchar(64),
    addressee               varchar(200),
    caller_name_status      varchar(16),
    caller_name             varchar(200),
    purpose_status          varchar(16),
    purpose                 varchar(1000),
    callback_number_status  varchar(16),
    callback_number         varchar(32),
    urgency                 varchar(16),
    callback_status         varchar(16)  not null,
    callback_due_at         timestamptz,
    callback_assignee       varchar(200),
    overdue_at              timestamptz,
    completed_at            timestamptz
);
create index call_log_tenant_received on call_log (tenant_id, received_at desc);
create index call_log_tenant_callbacks on call_log (tenant_id, callback_status, callback_due_at);
