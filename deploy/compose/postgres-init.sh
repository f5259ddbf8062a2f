#!/bin/bash
# Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d): one database per service,
# owned by that service's own user, so no service can read or change another's tables.
# ORIKAESHI_DATABASES holds "database:user:password" triples separated by spaces (set in docker-compose.yml).
set -euo pipefail

for entry in ${ORIKAESHI_DATABASES}; do
  IFS=: read -r database user password <<<"$entry"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v db="$database" -v usr="$user" -v pw="$password" <<'SQL'
CREATE ROLE :"usr" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"usr";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
done
