-- Per message, what became of it: its channel, its latest delivery outcome, when it was sent, first read (a signed
-- link of it opened) and first acknowledged through it. Its events come in any order (a reader may open the link
-- before the Sent event is projected), so every column is merged by an order-independent rule.
create table message_log (
    message_id       varchar(300)  primary key,
    tenant_id        varchar(64)   not null,
    call_id          varchar(36)   not null,
    kind             varchar(50),
    channel          varchar(32),
    recipient        varchar(320),
    status           varchar(16),
    status_at        timestamptz,
    sent_at          timestamptz,
    deferred_until   timestamptz,
    reason           varchar(1000),
    viewed_at        timestamptz,
    acknowledged_at  timestamptz,
    acknowledged_by  varchar(200)
);
create index message_log_call on message_log (tenant_id, call_id);

-- Version 1 notification events were all email.
alter table delivery_event add column channel varchar(32) not null default 'email';

-- Who acknowledged the call first (through a message's link or not).
alter table call_log add column acknowledged_by varchar(200);
