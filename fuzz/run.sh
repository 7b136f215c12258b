#!/bin/sh
# Runs one fuzz target: fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags...]
# Builds the fuzzing build (release, with AddressSanitizer) when needed, seeds its corpus from the
# example corpus, and keeps what libFuzzer finds under .build-fuzz/findings/TARGET/.
set -eu
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh html|markdown|text|jsonl|warc|feed|extract [seconds] [libFuzzer flags]}
seconds=${2:-600}
[ $# -ge 2 ] && shift 2 || shift $#
swift build -c release --product claimtrace-fuzz --build-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
corpus=.build-fuzz/corpus/$target
findings=.build-fuzz/findings/$target
mkdir -p "$corpus" "$findings"
# Seeds: every example file (any format is a fine start for any reader) and earlier findings.
find examples/corpus "fuzz/regressions/$target" -type f 2>/dev/null | while read -r f; do
    cp "$f" "$corpus/seed-$(basename "$f")"
done
CLAIMTRACE_FUZZ_TARGET=$target exec .build-fuzz/x86_64-unknown-linux-gnu/release/claimtrace-fuzz "$corpus" \
    -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$@"
