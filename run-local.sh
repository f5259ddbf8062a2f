#!/usr/bin/env bash
# Builds what is needed and runs the whole system on this machine: Kafka, PostgreSQL and an SMTP catcher
# (no Docker), then the four services as separate processes. Ctrl-C (or SIGTERM) stops everything.
set -euo pipefail
cd "$(dirname "$0")"
# Maven's usual progress, one line per module and step, without a line per downloaded file (-ntp).
./mvnw -B -ntp -DskipTests package
exec java -jar local-infra/target/local-infra-runner.jar --root .
