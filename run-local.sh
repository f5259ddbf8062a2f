#!/usr/bin/env bash
# Builds what is needed and runs the whole system on this machine: Kafka, PostgreSQL and an SMTP catcher
# (no Docker), then the four services as separate processes. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests package
exec java -jar local-infra/target/local-infra-runner.jar --root .
