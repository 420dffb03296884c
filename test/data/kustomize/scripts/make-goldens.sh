#!/bin/sh
# Makes the golden of every case under CASES_DIR (default: the cases beside this script) with the
# real kubectl (v1.32, kustomize v5.5.0 inside): expected.yaml when the build succeeds, else
# expected-error.txt with its standard error. Existing goldens are kept unless FORCE=1.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cases=${1:-$here/../cases}
for dir in "$cases"/*/; do
  dir=${dir%/}
  [ -f "$dir/overlay.txt" ] || continue
  if [ "${FORCE:-0}" != 1 ] && { [ -f "$dir/expected.yaml" ] || [ -f "$dir/expected-error.txt" ]; }; then continue; fi
  overlay=$(cat "$dir/overlay.txt")
  tree="$dir/tree"
  [ -f "$dir/tree.txt" ] && tree="$cases/../trees/$(cat "$dir/tree.txt")"
  rm -f "$dir/expected.yaml" "$dir/expected-error.txt"
  if timeout 30 kubectl kustomize "$tree/$overlay" > "$dir/expected.out" 2> "$dir/expected.err"; then
    mv "$dir/expected.out" "$dir/expected.yaml"
    rm -f "$dir/expected.err"
  else
    sed "s|$tree/||g" "$dir/expected.err" > "$dir/expected-error.txt"
    rm -f "$dir/expected.out" "$dir/expected.err"
  fi
done
