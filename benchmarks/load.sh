#!/usr/bin/env bash
# Load benchmark: cognito-local with 100 signed-in users, the local server's jar in cognito mode
# against it, and wrk against GET /userinfo and, alternating in the same run, against the
# constant-answer route of an identically configured Javalin (the HTTP floor of this stack).
# Prints req/s, p50, p99 and server CPU per request for both, the ratio userinfo/floor, the non-2xx
# answers, the AdminGetUser calls the server made and the peak RSS of both JVMs.
#
#   bash benchmarks/load.sh [--users=100] [--connections=32] [--threads=2] [--warmup=45] \
#                           [--duration=20] [--rounds=3] [--ttl=60] [--jvm-opts="..."]
#
# Needs Java 17+, Maven, Node.js 18+ with npm (cognito-local is installed on first use) and wrk
# (Debian: apt-get install wrk). Takes about five minutes with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null 2>&1 || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "Node.js 18+ and npm are needed for cognito-local" >&2; exit 1; }

mvn -q -pl bootstrap,benchmarks -am package -DskipTests
exec java -cp benchmarks/target/benchmarks.jar dev.userinfo.benchmarks.LoadBenchmark "$@"
