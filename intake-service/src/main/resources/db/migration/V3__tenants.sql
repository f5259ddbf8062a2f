-- Tenants changed through the admin API. The row holds the latest snapshot exactly as published (TenantChanged,
-- with the hashes of the tenant's API keys, never the keys), so what intake serves and what other services hold
-- can never drift apart. Tenants only in configuration have no row until their first change.
create table tenant (
    id          varchar(63)  primary key,
    revision    bigint       not null,
    snapshot    text         not null,
    updated_at  timestamptz  not null
);
