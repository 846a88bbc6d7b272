# Sourced by ./kb and .ci/run: exports JAVA_HOME as the newest JDK >= 21 (an existing JAVA_HOME >= 21 wins
# only if it is at least as new as what /usr/lib/jvm offers).
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
supportkb_find_jdk() {
  local best="" best_major=0 home major
  for home in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major="$(java_major "$home")"
    major="${major%%.*}"
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$home"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "SupportKB needs a JDK >= 21; none found in JAVA_HOME or /usr/lib/jvm (install e.g. Temurin 25)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
supportkb_find_jdk
# Maven 3.9 on JDK 24+ prints sun.misc.Unsafe warnings from Guice; they are harmless.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
