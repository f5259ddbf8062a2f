-- Issue #4: pending timers in two tiers, like a hierarchical timing wheel. A timer due within the arming horizon
-- (orikaeshi.scheduler.arming-horizon) is "armed": it is in the fine due-time index that the claim walks. A timer
-- due further ahead is stored "dormant", indexed only by a coarse bucket of its fire time; the firing rounds arm it
-- once its bucket comes within the horizon. Why: due times are scattered (minutes to days after the call), so one
-- fine index over every pending timer took each insert at a random leaf; with millions pending it outgrew memory and
-- nearly every insert read a page and, after a checkpoint, logged a whole page image. B-tree entries with equal keys
-- are ordered by heap position and new rows are appended to the heap, so a dormant insert lands at the right end of
-- its bucket's run: one hot leaf per bucket, at any table size. The fine index holds about horizon x due rate.

-- Ten-minute buckets of the fire time. Immutable: the epoch of a timestamptz does not depend on the time zone.
create function deadline_timer_bucket(fire_at timestamptz) returns bigint
    language sql immutable parallel safe
    as $$ select floor(extract(epoch from fire_at) / 600)::bigint $$;

-- Timers pending when this version is deployed (and any row written without saying) stay armed: they are in the
-- fine index exactly as before, so none of them fires later than it would have.
alter table deadline_timer add column armed boolean not null default true;

create index deadline_timer_armed on deadline_timer (fire_at) where state = 'PENDING' and armed;
create index deadline_timer_dormant on deadline_timer (deadline_timer_bucket(fire_at))
    where state = 'PENDING' and not armed;
drop index deadline_timer_pending;
