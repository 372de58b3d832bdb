#!/bin/sh
# Replays every fuzz corpus file through its target (the replay builds of
# fuzz/*.c), under whatever sanitizers the build has. One TAP line per file;
# a crash fails the target's remaining files at once.
builddir=${SITREP_BUILDDIR:-.}
srcdir=${SITREP_SRCDIR:-.}
n=0
failed=0
# The targets come from the Makefile (FUZZ_TARGETS).
for target in ${SITREP_FUZZ_TARGETS:-statuspage config sanitize reports recording serve remote}; do
    bin="$builddir/fuzz/replay_$target"
    corpus="$srcdir/fuzz/corpus/$target"
    if [ ! -x "$bin" ] || [ ! -d "$corpus" ]; then
        n=$((n + 1))
        echo "not ok $n - replay_$target or its corpus is missing"
        failed=1
        continue
    fi
    out=$("$bin" "$corpus" 2>&1)
    status=$?
    # Renumber the replay's own TAP lines into this script's sequence.
    lines=$(printf '%s\n' "$out" | grep -E '^(not )?ok ' | sed -E 's/^(not )?ok [0-9]+ - /\1ok - /')
    while IFS= read -r line; do
        [ -z "$line" ] && continue
        n=$((n + 1))
        case $line in
            "not ok - "*) echo "not ok $n - $target: ${line#not ok - }"; failed=1 ;;
            *) echo "ok $n - $target: ${line#ok - }" ;;
        esac
    done <<EOT
$lines
EOT
    if [ $status -ne 0 ]; then
        n=$((n + 1))
        echo "not ok $n - replay_$target exited with status $status"
        printf '%s\n' "$out" | grep -vE '^(not )?ok |^1\.\.' | sed 's/^/# /' | head -40
        failed=1
    fi
done
echo "1..$n"
exit $failed
