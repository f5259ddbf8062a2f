-- The delivery ledger holds every outgoing message, email or chat: one row per (event, address), the same lease and
-- claim for all. An email row keeps its rendered subject and bodies; a chat row keeps the channel it goes to and the
-- message as JSON (ChatMessage: wording and personal-data level applied when the event was consumed). The channel's
-- secret is never here: it is opened from the tenant's sealed copy when the message is sent.
alter table mail_message add column channel varchar(16) not null default 'email';
alter table mail_message add column channel_id varchar(64);
alter table mail_message add column chat_json text;
alter table mail_message alter column html_body drop not null;
