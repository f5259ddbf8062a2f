-- The first opening of each message's links: NotificationViewed is published once per message, whatever the number of
-- openings, because only the opening that inserts the row appends the event (in the same transaction).
create table message_view (
    message_id  varchar(200) primary key,
    tenant_id   varchar(63)  not null,
    call_id     varchar(36)  not null,
    viewed_at   timestamptz  not null
);
