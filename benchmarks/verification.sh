#!/usr/bin/env bash
# Token verification (JMH): the JDK's raw RS256 check of a Cognito-shaped ID token, this project's
# full verification of a token it has not seen (a miss), and (once the verified-token cache exists)
# a hit; medians of the iterations and their ratios to the raw check, from one run.
#
#   bash benchmarks/verification.sh [JMH options]      # default: -f 1 -wi 5 -w 2s -i 10 -r 2s
#
# Needs Java 17+ and Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -pl benchmarks -am package -DskipTests
RESULT="$(mktemp --suffix=.json)"
trap 'rm -f "$RESULT"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$#" -eq 0 ]; then set -- -f 1 -wi 5 -w 2s -i 10 -r 2s; fi
java -jar benchmarks/target/benchmarks.jar TokenVerificationBenchmark "$@" -rf json -rff "$RESULT"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp benchmarks/target/benchmarks.jar dev.userinfo.benchmarks.JmhMedians "$RESULT" rawRs256
