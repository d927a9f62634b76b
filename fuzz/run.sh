#!/bin/sh
# Runs every fuzz target for SECONDS (default 600), two at a time, logging to
# fuzz/logs/<target>.log. Seed the corpora first: python3 fuzz/seed-corpora.py
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -u
cd "$(dirname "$0")/.."
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-"gotmpl_exec gotmpl_parse yaml_roundtrip chart_strvals chart_archive"}
: "${CARGO_TARGET_DIR:=$HOME/.cache/rudder-fuzz-target}"
export CARGO_TARGET_DIR
mkdir -p fuzz/logs

# Per-target libFuzzer flags (see fuzz/README.md).
flags() {
    case $1 in
        # Slow inputs are legal templates (nested range): fork mode logs and skips them.
        gotmpl_exec) echo "-fork=1 -ignore_timeouts=1 -ignore_ooms=1 -timeout=5 -max_len=512" ;;
        chart_archive) echo "-timeout=10 -max_len=32768" ;;
        *) echo "-timeout=10 -max_len=4096" ;;
    esac
}

run() {
    # shellcheck disable=SC2046
    cargo +nightly fuzz run --fuzz-dir fuzz "$1" -- -max_total_time="$secs" \
        -rss_limit_mb=2048 -print_final_stats=1 $(flags "$1") >"fuzz/logs/$1.log" 2>&1
    echo "$1: exit $?" >>fuzz/logs/summary.txt
}

set -- $targets
while [ $# -gt 0 ]; do
    run "$1" &
    if [ $# -gt 1 ]; then
        run "$2" &
        shift
    fi
    shift
    wait
done
