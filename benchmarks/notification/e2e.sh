#!/usr/bin/env bash
# The end-to-end benchmark, intake's 201 to SMTP acceptance (see README.md). Arguments go to EndToEndBenchmark:
#   ratesPerSecond secondsPerRate   (defaults: 500 30; rates comma-separated, e.g. 500,400,300)
exec "$(dirname "$0")/../run-benchmark.sh" io.orikaeshi.notification.bench.EndToEndBenchmark "$@"
