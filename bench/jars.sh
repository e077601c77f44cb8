# Sourced by bench/run-*: finds java, builds when a jar is missing or older than any source, and
# copies the jars to a private directory that is removed on exit. After sourcing:
#   $java_cmd   the java to run (JAVA_HOME's when set)
#   $root       the repository
#   $hub_java_opts  array: the hub's JVM options from jvm.options (as ./waybill uses them)
#   $run_dir    holds bench.jar and waybill.jar (the hub with every dependency): the classpath
#   die MESSAGE prints "<script>: MESSAGE" to stderr and exits 1
#   BENCH_REBUILD=1  build even when the jars look fresh

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
hub_jar="$root/routes/target/waybill.jar"
script_name="$(basename "$0")"

die() {
  echo "$script_name: $*" >&2
  exit 1
}

java_cmd="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_cmd="$JAVA_HOME/bin/java"
fi
command -v "$java_cmd" >/dev/null 2>&1 || die "java not found: install Java 17 or set JAVA_HOME"

# The hub's JVM options, as ./waybill gives them (jvm.options): for the benchmarks that start a hub,
# before JAVA_OPTS.
hub_java_opts=()
if [ -f "$root/jvm.options" ]; then
  mapfile -t hub_java_opts < <(grep -vE '^[[:space:]]*(#|$)' "$root/jvm.options")
fi

bench_jar() {
  find "$root/bench/target" -maxdepth 1 -name 'waybill-bench-*.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' \
    2>/dev/null | head -n 1
}

# A source or pom newer than the jar (mappings/ is read at run time, so it does not count).
stale() {
  local jar="$1"
  [ -z "$jar" ] || [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root" \( -name target -o -name .git \) -prune -o \
    -type f \( -path '*/src/*' -o -name pom.xml \) -newer "$jar" -print 2>/dev/null | head -n 1)" ]
}

needs_build() {
  [ "${BENCH_REBUILD:-0}" = "1" ] || stale "$hub_jar" || stale "$(bench_jar)"
}

if needs_build; then
  # The same lock as ./waybill, so a launcher and a benchmark never build at once.
  mkdir -p "$root/routes/target"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$root/routes/target/.waybill-build.lock"
    flock 9
  fi
  if needs_build; then
    # package, not install: a benchmark never writes to the local Maven repository (~/.m2).
    echo "$script_name: building (mvn -B -q package -DskipTests -o) ..." >&2
    (cd "$root" && mvn -B -q -Dstyle.color=never package -DskipTests -o) >&2 || die "the build failed (output above)"
    # Maven leaves a jar whose inputs did not change as it was: mark both fresh, or every run rebuilds.
    touch "$hub_jar" "$(bench_jar)"
  fi
  if command -v flock >/dev/null 2>&1; then
    exec 9>&-
  fi
fi

# Run from private copies of the jars: a rebuild in the working tree during the run (a minute or
# more) would otherwise pull classes out from under the running JVM.
run_dir="$(mktemp -d "${TMPDIR:-/tmp}/waybill-bench-jars.XXXXXX")"
trap 'rm -rf "$run_dir"' EXIT
cp "$(bench_jar)" "$run_dir/bench.jar"
cp "$hub_jar" "$run_dir/waybill.jar"
