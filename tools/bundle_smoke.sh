#!/usr/bin/env bash
# Run the frozen app the way a user would and check each step: --smoke, sample, validate, export.
# Prints the bundle's size (budget <= 200 MB), the start-up time and the sample's export time.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=dist/regional-proposal-studio
GUI="$DIST/RegionalProposalStudio"
CLI="$DIST/rps"                 # Windows: the console executable
[ -x "$CLI" ] || CLI="$GUI"     # macOS and Linux: the app's executable is also the command line
[ -x "$GUI" ] || { echo "bundle not built: run make bundle" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

now() { date +%s.%N; }
t0=$(now); "$GUI" --smoke --db "$work/smoke.db" --lang ko; t1=$(now)
echo "ok  --smoke (start-up $(echo "$t1 - $t0" | bc) s)"

"$CLI" sample --type super_regional --out "$work/s.json" --lang en | grep -q "Wrote"
"$CLI" sample --type leap --out "$work/l.json" --lang ko >/dev/null
echo "ok  sample"

"$CLI" validate "$work/s.json" --lang ko >/dev/null
"$CLI" validate "$work/l.json" --json --lang en | grep -q '"errors": 0'
set +e; printf '{"format": 1' > "$work/bad.json"; "$CLI" validate "$work/bad.json" 2>/dev/null; rc=$?; set -e
[ "$rc" -eq 2 ] || { echo "validate of a broken file exited $rc, expected 2" >&2; exit 1; }
echo "ok  validate (0 for the samples, 2 for a broken file)"

t0=$(now); "$CLI" export "$work/s.json" --out "$work/s.pdf" --lang ko; t1=$(now)
head -c 5 "$work/s.pdf" | grep -q "%PDF-"
command -v pdftotext >/dev/null && { pdftotext "$work/s.pdf" "$work/s.txt"; grep -q "끝" "$work/s.txt"; }
"$CLI" export "$work/l.json" --out "$work/l.pdf" --lang en
# The English packet's Latin faces are in the bundle and embedded (pdffonts: every font "emb yes").
if command -v pdffonts >/dev/null; then
  pdffonts "$work/l.pdf" > "$work/l.fonts"
  grep -q "NotoSerif-Regular" "$work/l.fonts" && grep -q "NotoSans-Bold" "$work/l.fonts" \
    || { echo "the English packet is not set in Noto Serif and Noto Sans" >&2; exit 1; }
  tail -n +3 "$work/l.fonts" | awk '{print $(NF-4)}' | grep -qv yes \
    && { echo "a font of the English packet is not embedded" >&2; exit 1; }
fi
echo "ok  export (sample packet in $(echo "$t1 - $t0" | bc) s, $(stat -c %s "$work/s.pdf") bytes)"

# signing's libraries (pyHanko, cryptography) load in the frozen app: an unsigned packet is checked
set +e
out=$("$CLI" verify "$work/s.pdf" --lang en 2>&1); code=$?
set -e
[ "$code" -eq 1 ] && echo "$out" | grep -q "carries no signature" || { echo "verify failed ($code): $out" >&2; exit 1; }
echo "ok  verify (an unsigned packet: its fields listed, exit 1)"

"$CLI" db --db "$work/p.db" import "$work/s.json" "$work/l.json" --lang en >/dev/null
"$CLI" db --db "$work/p.db" list --lang ko | grep -q "무변형"
"$CLI" db --db "$work/p.db" check --lang en >/dev/null
echo "ok  db (import, list, check on a new database, through the schema upgrade code)"

size=$(du -sm "$DIST" | cut -f1)
echo "bundle size: ${size} MB (budget 200 MB)"
[ "$size" -le 200 ] || { echo "bundle is over budget" >&2; exit 1; }
