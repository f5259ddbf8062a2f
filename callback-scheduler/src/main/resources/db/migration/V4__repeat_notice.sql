-- Issue #17: the repeat notice (CallbackUnacknowledged) names when the call was reported, and is due the tenant's
-- repeat delay after it. The promise's promised_at moves with every extension and the timer's fire time with the
-- tenant's setting, so the report time is kept on its own. Null for promises recorded before: they get no REPEAT timer.
alter table deadline add column reported_at timestamptz;
