-- The chase lookup reads each caller's oldest open promise. With received_at and id in the index that is its first
-- entry, already in order: no plan, whatever the statistics when it was made, prefers walking all of the tenant's
-- calls by time instead (which one did, at 50 ms a lookup on a table of 10,000 calls).
create index received_call_open_by_caller on received_call (tenant_id, callback_number, received_at, id)
    where callback_status = 'OPEN';
drop index received_call_open_by_number;
