#!/bin/sh
# Peak memory of a batch: `skypie eval` of 8 scenario files at 10,000,000 samples each with
# --threads 8, measured as the maximum resident set size that `/usr/bin/time -v` reports.
#
#   cargo build --release
#   tools/batch_memory.sh                       # the default budget (--max-memory 2G)
#   tools/batch_memory.sh --max-memory 512M     # any further eval flags
#   SKYPIE=/path/to/skypie tools/batch_memory.sh
#
# The files are variants of scenarios/05-every-distribution.toml (every input uncertain: the
# most memory per sample) with seeds 0..7, so no two draw the same samples. It also checks that
# the output is byte-identical to a run with one thread and the smallest budget (one file at a
# time). Takes a minute or two on 2 cores.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
skypie=${SKYPIE:-$here/target/release/skypie}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in 0 1 2 3 4 5 6 7; do
    sed -e "s/^seed = .*/seed = $i/" -e "s/^samples = .*/samples = 10000000/" \
        "$here/scenarios/05-every-distribution.toml" >"$work/variant-$i.toml"
    grep -q "^samples = 10000000" "$work/variant-$i.toml" || {
        echo "the template has no [run] samples line to raise" >&2
        exit 1
    }
done
/usr/bin/time -v "$skypie" eval "$work"/variant-*.toml --format json --threads 8 "$@" \
    >"$work/out.json" 2>"$work/time.txt"
peak_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
echo "8 files x 10,000,000 samples, --threads 8 $*: peak RSS $((peak_kb / 1024)) MB, wall $wall"
# The reference: the same flags (--detail, say) but one thread and one file at a time.
reference=""
skip=false
for arg in "$@"; do
    if $skip; then skip=false; continue; fi
    case $arg in
        --max-memory) skip=true ;;
        --max-memory=*) ;;
        *) reference="$reference $arg" ;;
    esac
done
# shellcheck disable=SC2086 # the flags are words
"$skypie" eval "$work"/variant-*.toml --format json --threads 1 --max-memory 1 $reference \
    >"$work/one.json" 2>/dev/null
if cmp -s "$work/out.json" "$work/one.json"; then
    echo "output identical to --threads 1 --max-memory 1"
else
    echo "output DIFFERS from --threads 1 --max-memory 1" >&2
    exit 1
fi
