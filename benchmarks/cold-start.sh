#!/usr/bin/env bash
# Cold start of the local server: fresh JVMs of bootstrap/target/userinfo-local.jar in cognito mode
# against cognito-local, from launch to the port listening and to the first 200 of GET /userinfo
# with a real token. Option sets (JVM defaults, C1 only, AppCDS, ...) are interleaved run by run and
# reported as medians and ratios to the defaults.
#
#   bash benchmarks/cold-start.sh [--runs=7] [--variants=default,c1,appcds,appcds+c1,appcds+c1+serialgc]
#
# Needs Java 17+, Maven and Node.js 18+ with npm. The Lambda handler's cold start has its own
# script: benchmarks/lambda-cold-start.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null 2>&1 || { echo "Node.js 18+ and npm are needed for cognito-local" >&2; exit 1; }

mvn -q -pl bootstrap,benchmarks -am package -DskipTests
exec java -cp benchmarks/target/benchmarks.jar dev.userinfo.benchmarks.LocalColdStartBenchmark "$@"
