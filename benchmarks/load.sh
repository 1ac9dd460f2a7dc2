#!/usr/bin/env bash
# Load benchmark: the local server's GET /userinfo (its jar in cognito mode against cognito-local,
# tokens minted with a stand-in key set it gets as COGNITO_JWKS_URL) against a bare Javalin route
# answering the bytes of a real 200, in JVMs with the same options, driven by the same wrk command,
# alternating in one run. Scenarios: one user's token repeated, 400 users' tokens cycling, a new
# token on every request. Prints req/s, p50, p99, non-2xx and server CPU per request for both, the
# ratios to the floor, the peak RSS of both JVMs and its ratio, and the AdminGetUser calls.
#
#   bash benchmarks/load.sh [--users=400] [--connections=8] [--threads=2] [--warmup=30] \
#        [--duration=15] [--rounds=3] [--fresh=30000] [--fresh-warmup=15000] [--fresh-cap=60] \
#        [--scenarios=one-user,users,fresh] [--ttl=3600] [--jvm-opts="..."] [--profile-opts="..."] \
#        [--server-jar=path/to/other/userinfo-local.jar] [--server-env=NAME=value,NAME=value]
#
# Needs Java 17+, Maven, Node.js 18+ with npm (cognito-local is installed on first use) and wrk
# (Debian: apt-get install wrk). Takes about ten minutes with the defaults, two of them minting tokens.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null 2>&1 || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "Node.js 18+ and npm are needed for cognito-local" >&2; exit 1; }

mvn -q -pl bootstrap,benchmarks -am package -DskipTests
exec java -cp benchmarks/target/benchmarks.jar dev.userinfo.benchmarks.LoadBenchmark "$@"
