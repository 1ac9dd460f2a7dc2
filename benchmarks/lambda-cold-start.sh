#!/usr/bin/env bash
# Cold start of the Lambda zip (bootstrap/target/userinfo-lambda.zip) under the real Lambda runtime
# interface client (aws-lambda-java-runtime-interface-client), started as the managed Java runtime
# starts it and polling a local stand-in of the Lambda Runtime API, beside a trivial Java handler
# started the same way: launch -> first response (a real 200 of GET /userinfo with a signed token),
# median of each over interleaved launches, and the ratio. Also the zip's size.
#
#   bash benchmarks/lambda-cold-start.sh [--runs=7] [--zip=path/to/other.zip] \
#        [--java-tool-options="-XX:..."] [--memory=1024] [--handler=Class::method]
#
# Needs Java 17+ and Maven; Linux x86_64 or aarch64 (the runtime client's JNI library). Builds the
# zip and benchmarks/target/lambda-runtime/ (the runtime client's jars) first.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -pl bootstrap,benchmarks -am package -DskipTests
exec java -cp benchmarks/target/benchmarks.jar dev.userinfo.benchmarks.LambdaRuntimeColdStart "$@"
