#!/usr/bin/env bash
# Runs the JMH benchmarks of afd-benchmarks from this checkout's build, without a shaded jar.
#
# Usage: scripts/jmh.sh [JMH ARGUMENTS...]
#   for example: scripts/jmh.sh CandidateEvaluationBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
#
# Build first, through the reactor (nothing is installed into ~/.m2):
#   mvn -B -o -q -pl afd-cli,afd-benchmarks -am package -DskipTests
# The afd modules and their dependencies come from afd-cli/target/lib; JMH and its two
# dependencies from the local Maven repository.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repository="${MAVEN_REPOSITORY:-$HOME/.m2/repository}"
classes="$here/afd-benchmarks/target/classes"
if [[ ! -f "$classes/META-INF/BenchmarkList" || ! -d "$here/afd-cli/target/lib" ]]; then
  echo "Benchmarks are not built yet. Build them with:" \
    "mvn -B -o -q -pl afd-cli,afd-benchmarks -am package -DskipTests" >&2
  exit 2
fi
classpath="$classes:$here/afd-cli/target/lib/*"
for jar in \
  org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar \
  net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar \
  org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar; do
  if [[ ! -f "$repository/$jar" ]]; then
    echo "Missing $repository/$jar; run the build above (online once) to fetch it." >&2
    exit 2
  fi
  classpath="$classpath:$repository/$jar"
done
exec java -cp "$classpath" org.openjdk.jmh.Main "$@"
