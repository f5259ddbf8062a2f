-- A received call and its (at most one) callback promise. Personal data: caller_name, callback_number.
create table received_call (
    id                      varchar(36)  primary key,
    tenant_id               varchar(64)  not null,
    received_at             timestamptz  not null,
    operator_id             varchar(64),
    site                    varchar(64),
    addressee               varchar(200),
    caller_name_status      varchar(16)  not null,
    caller_name             varchar(200),
    purpose_status          varchar(16)  not null,
    purpose                 varchar(1000),
    callback_number_status  varchar(16)  not null,
    callback_number         varchar(32),
    urgency                 varchar(16)  not null,
    notes                   varchar(4000),
    callback_status         varchar(16)  not null,
    callback_due_at         timestamptz,
    callback_assignee       varchar(200),
    callback_completed_at   timestamptz,
    created_at              timestamptz  not null default now()
);
create index received_call_tenant_time on received_call (tenant_id, received_at desc);
