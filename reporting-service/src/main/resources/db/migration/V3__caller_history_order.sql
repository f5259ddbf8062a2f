-- The caller history reads a number's newest calls with "order by received_at desc nulls last": an index in exactly
-- that order lets it stop after the 20 it shows instead of sorting all of a frequent caller's calls. The included
-- columns let the open-promise filter and the totals (count, chases) be read from the index alone.
drop index call_log_tenant_number;
create index call_log_tenant_number on call_log (tenant_id, callback_number, received_at desc nulls last)
    include (callback_status, chase_count);
