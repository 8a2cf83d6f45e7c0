#!/bin/bash
# Every feature of an installed HFS Desktop, with no traceback and no unexpected message on
# stderr. Run inside the minimal Debian (chroot) by .ci/installer; the GitHub workflow runs
# its hfs-kb part (--kb-only) on Windows (Git Bash) and macOS.
#
#   smoke-installed.sh BINDIR [PLATFORM...]     e.g. /usr/bin offscreen xcb
#   smoke-installed.sh BINDIR --kb-only         every hfs-kb command, not the window
#
# BINDIR holds hfs-desktop and hfs-kb. PLATFORM: Qt platforms to start the window on
# (xcb needs DISPLAY). SMOKE_PYTHON names a Python that parses the --json outputs
# (default python3; without one they are listed in /tmp/smoke-out/json-outputs.txt).
# Exit 0 when all is well; the first failure stops it.
set -uo pipefail
bin=$1
shift
window=1
platforms=(offscreen)  # the default; replaced by the first PLATFORM given
given=0  # (a count, not ${#platforms[@]}: macOS's bash 3.2 with set -u)
for arg in "$@"; do
  case $arg in
    --kb-only) window=0 ;;
    *) platforms[given]=$arg; given=$((given + 1)) ;;
  esac
done
python=${SMOKE_PYTHON:-python3}
export HOME=/tmp/smoke-home LANG=C.UTF-8
export XDG_RUNTIME_DIR=/tmp/smoke-runtime
rm -rf "$HOME" "$XDG_RUNTIME_DIR"
mkdir -p "$HOME" && mkdir -m 0700 "$XDG_RUNTIME_DIR"
out=/tmp/smoke-out
rm -rf "$out"
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

if ((window)); then
  for platform in "${platforms[@]}"; do
    check "smoke-$platform" env QT_QPA_PLATFORM="$platform" "$bin/hfs-desktop" --smoke
    grep -q "every feature works" "$out/smoke-$platform.out" \
      || fail "smoke-$platform: no feature pass"
    cat "$out/smoke-$platform.out"
  done
  check screenshot env QT_QPA_PLATFORM="${platforms[0]}" "$bin/hfs-desktop" \
    --open botulinum-toxin --graph --screenshot "$out/shot.png"
  [ "$(head -c4 "$out/shot.png" | tail -c3)" = PNG ] || fail "the screenshot is not a PNG"
fi

# check_json NAME: NAME's stdout is JSON. Parsed with python3 where there is one; the
# minimal Debian has none, so there the first and last characters are checked and the file
# is listed in $out/json-outputs.txt for the caller to parse (.ci/installer does, on the host).
check_json() {
  local file="$out/$1.out"
  if "$python" -c 'import json' >/dev/null 2>&1; then
    "$python" -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$file" \
      || fail "$1: stdout is not JSON"
  else
    local first last
    first=$(tr -d ' \t\r\n' <"$file" | head -c1)
    last=$(tr -d ' \t\r\n' <"$file" | tail -c1)
    [[ $first$last == "[]" || $first$last == "{}" ]] || fail "$1: stdout is not JSON"
  fi
  echo "$file" >>"$out/json-outputs.txt"
}

# Every hfs-kb command. The frozen hfs-kb is its own PyInstaller analysis (without
# PySide6), so a module one command imports lazily can be missing from it alone: each
# command runs once, with --json where it has one.
kb="$bin/hfs-kb"
check version "$kb" --version
grep -Eq '^hfs-kb [0-9]' "$out/version.out" || fail "--version: $(cat "$out/version.out")"
check validate "$kb" validate
grep -q "valid: .* 0 error" "$out/validate.err" || fail "validate: $(cat "$out/validate.err")"
check stats "$kb" stats
check stats-json "$kb" stats --json
check_json stats-json
check show "$kb" show hemifacial-spasm
check show-json "$kb" show hemifacial-spasm --json
check_json show-json
check render "$kb" render hemifacial-spasm
grep -qi "<html" "$out/render.out" || fail "render: no HTML"
check references "$kb" references hemifacial-spasm
grep -q '^1\. ' "$out/references.out" || fail "references: no numbered source"
check export-json "$kb" export --format json -o "$out/pack.json"
check export-graphml "$kb" export --format graphml -o "$out/pack.graphml"
[ -s "$out/pack.json" ] && [ -s "$out/pack.graphml" ] || fail "export wrote nothing"
check index "$kb" index --rebuild
rm -rf "$out/prebuilt"
check index-prebuild "$kb" index --prebuild "$out/prebuilt"
ls "$out"/prebuilt/index-*/MANIFEST.json >/dev/null 2>&1 \
  || fail "index --prebuild: no index written in $out/prebuilt"
check search "$kb" search botox
grep -q botulinum-toxin "$out/search.out" || fail "search botox: no botulinum-toxin"
check search-json "$kb" search "hemifacial spasim" --json --type condition
check_json search-json
printf 'botox\nmicrovascular decompression\nG51.3\n' >"$out/queries.txt"
check search-batch "$kb" search --batch "$out/queries.txt"

check differential-features "$kb" differential --list-features --json
check_json differential-features
grep -q '"id"' "$out/differential-features.out" || fail "differential: no findings listed"
check differential-features-text "$kb" differential --list-features
finding=$(head -1 "$out/differential-features-text.out" | cut -f1)
[ -n "$finding" ] || fail "differential --list-features: no finding"
check differential "$kb" differential --feature "$finding" --json
check_json differential
grep -q '"rank"' "$out/differential.out" || fail "differential --feature $finding: no ranking"
check quiz "$kb" quiz --json
check_json quiz
grep -q '"question"' "$out/quiz.out" || fail "quiz: no question"
cat >"$out/article.txt" <<'ARTICLE'
Hemifacial spasm is caused by a blood vessel pressing on the facial nerve.
Botulinum toxin injections are the first-line treatment of hemifacial spasm.
ARTICLE
check check-article "$kb" check "$out/article.txt" --json
check_json check-article
grep -q '"claim": "[^"]' "$out/check-article.out" || fail "check: no sentence matched a claim"
rm -f "$out/report.html"
check check-html "$kb" check "$out/article.txt" --html "$out/report.html"
grep -qi "<html" "$out/report.html" || fail "check --html: no HTML report"

# import-obo writes a pack; hfs-kb then opens it beside the bundled one and searches it.
cat >"$out/smoke.obo" <<'OBO'
format-version: 1.2
ontology: smoke
remark: A two-term ontology written by the installed-app smoke.

[Term]
id: SMOKE:0000001
name: facial twitch
def: "A brief involuntary contraction of facial muscles." []

[Term]
id: SMOKE:0000002
name: eyelid twitch
def: "A twitch of the eyelid muscles." []
is_a: SMOKE:0000001 ! facial twitch
OBO
rm -rf "$out/smoke-pack"
check import-obo "$kb" import-obo "$out/smoke.obo" -o "$out/smoke-pack"
grep -q "valid: .* 0 error" "$out/import-obo.err" || fail "import-obo: $(cat "$out/import-obo.err")"
check pack-search "$kb" --pack "$out/smoke-pack" search "eyelid twitch" --json
check_json pack-search
grep -q '"SMOKE:0000002"' "$out/pack-search.out" || fail "--pack: the imported term is not found"
check help "$kb" --help
echo "smoke-installed: every check passed"
