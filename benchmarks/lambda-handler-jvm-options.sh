#!/usr/bin/env bash
# JVM options for the Lambda handler side by side: fresh JVMs, each with only the zip's contents on
# the classpath and a one-class driver (no runtime interface client), build LambdaRestApiHandler with
# its real wiring and answer one REST event carrying a signed ID token (key set and AdminGetUser
# served by a loopback stand-in for Cognito). The cold start under the real Lambda runtime interface
# client, beside a trivial handler, is benchmarks/lambda-cold-start.sh.
#
#   bash benchmarks/lambda-handler-jvm-options.sh [runs]      # default 7 runs, after one uncounted run
#   bash benchmarks/lambda-handler-jvm-options.sh 7 default,c1,runtime,appcds,runtime+appcds
#                                                    # JVM option sets side by side, interleaved,
#                                                    # as medians and ratios to the first
#
# Needs Java 17+ and Maven; builds bootstrap/target/userinfo-lambda.zip first.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-7}"
VARIANTS="${2:-}"

mvn -q -pl bootstrap -am package -DskipTests
ZIP=bootstrap/target/userinfo-lambda.zip

# The harness itself signs the token with nimbus and so needs the zip's jars on its own classpath.
HARNESS_CP="$(mktemp -d)"
trap 'rm -rf "$HARNESS_CP"' EXIT
(cd "$HARNESS_CP" && jar xf "$OLDPWD/$ZIP")

java -cp "bootstrap/target/test-classes:$HARNESS_CP:$HARNESS_CP/lib/*" \
  dev.userinfo.bootstrap.lambda.LambdaColdStartBenchmark "$ZIP" "$RUNS" ${VARIANTS:+"$VARIANTS"}
