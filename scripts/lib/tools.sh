# Sourced by the scripts: builds evocnn when a source or pom changed since the last build (or when it was never
# built), then sets $tools_cp, the classpath of the tools module (local run, benchmarks, data tool, inspect).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
stamp="$root/tools/target/runtime-classpath.txt"
if [ ! -f "$stamp" ] || [ -n "$(cd "$root" && find pom.xml */pom.xml */src/main -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "building evocnn (mvn -B -q -DskipTests package)..." >&2
  (cd "$root" && mvn -B -q -DskipTests package) >&2
fi
tools_cp="$root/tools/target/classes:$(cat "$stamp")"
