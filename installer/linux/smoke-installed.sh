#!/bin/bash
# Run inside the minimal Debian (chroot) by .ci/installer: every feature of an installed
# HFS Desktop, with no traceback and no unexpected message on stderr.
#
#   smoke-installed.sh BINDIR [PLATFORM...]     e.g. /usr/bin offscreen xcb
#
# BINDIR holds hfs-desktop and hfs-kb. PLATFORM: Qt platforms to start the window on
# (xcb needs DISPLAY). Exit 0 when all is well; the first failure stops it.
set -uo pipefail
bin=$1
shift
platforms=("$@")
[ ${#platforms[@]} -gt 0 ] || platforms=(offscreen)
export HOME=/tmp/smoke-home LANG=C.UTF-8
export XDG_RUNTIME_DIR=/tmp/smoke-runtime
rm -rf "$HOME" "$XDG_RUNTIME_DIR"
mkdir -p "$HOME" && mkdir -m 0700 "$XDG_RUNTIME_DIR"
out=/tmp/smoke-out
mkdir -p "$out"

# stderr lines that say nothing is wrong: the offscreen platform cannot resize windows to
# their size hints (it has no window manager).
harmless='^This plugin does not support propagateSizeHints\(\)$'

fail() { echo "smoke-installed: FAIL: $*" >&2; exit 1; }

# check NAME COMMAND...: exit 0, no traceback, no Python warning; for the window (strict),
# nothing on stderr but the harmless lines (a Qt warning is a failure). hfs-kb reports
# on stderr (validate's summary), so only tracebacks and warnings count there.
check() {
  local name=$1
  shift
  "$@" >"$out/$name.out" 2>"$out/$name.err"
  local code=$?
  local unexpected=0
  if [[ $name == smoke-* || $name == screenshot ]]; then
    grep -Evq "$harmless" "$out/$name.err" && unexpected=1
  else
    grep -Eq "Warning|^qt\.|^Q[A-Za-z]+:" "$out/$name.err" && unexpected=1
  fi
  if [ $code -ne 0 ] || [ $unexpected -ne 0 ] \
      || grep -q Traceback "$out/$name.out" "$out/$name.err"; then
    echo "--- $name: exit $code; stdout:"; tail -20 "$out/$name.out"
    echo "--- stderr:"; cat "$out/$name.err"
    fail "$name ($*)"
  fi
  echo "ok: $name ($(wc -l <"$out/$name.out") lines)"
}

for platform in "${platforms[@]}"; do
  check "smoke-$platform" env QT_QPA_PLATFORM="$platform" "$bin/hfs-desktop" --smoke
  grep -q "every feature works" "$out/smoke-$platform.out" || fail "smoke-$platform: no feature pass"
  cat "$out/smoke-$platform.out"
done
check screenshot env QT_QPA_PLATFORM="${platforms[0]}" "$bin/hfs-desktop" \
  --open botulinum-toxin --graph --screenshot "$out/shot.png"
[ "$(head -c4 "$out/shot.png" | tail -c3)" = PNG ] || fail "the screenshot is not a PNG"

kb="$bin/hfs-kb"
check validate "$kb" validate
grep -q "valid: .* 0 error" "$out/validate.err" || fail "validate: $(cat "$out/validate.err")"
check stats "$kb" stats
check stats-json "$kb" stats --json
check show "$kb" show hemifacial-spasm
check show-json "$kb" show hemifacial-spasm --json
check render "$kb" render hemifacial-spasm
grep -qi "<html" "$out/render.out" || fail "render: no HTML"
check export-json "$kb" export --format json -o "$out/pack.json"
check export-graphml "$kb" export --format graphml -o "$out/pack.graphml"
[ -s "$out/pack.json" ] && [ -s "$out/pack.graphml" ] || fail "export wrote nothing"
check index "$kb" index --rebuild
check search "$kb" search botox
grep -q botulinum-toxin "$out/search.out" || fail "search botox: no botulinum-toxin"
check search-json "$kb" search "hemifacial spasim" --json --type condition
printf 'botox\nmicrovascular decompression\nG51.3\n' >"$out/queries.txt"
check search-batch "$kb" search --batch "$out/queries.txt"
check help "$kb" --help
echo "smoke-installed: every check passed"
