-- The processed-event ledger (kit/inbox/ProcessedEvents): one row per event applied, claimed in the transaction
-- that applies it.
create table processed_event (
    event_id      varchar(36)  primary key,
    event_type    varchar(100) not null,
    processed_at  timestamptz  not null
);
