#!/usr/bin/env bash
# Fault script (issue 14): runs signal, disk-full, special-file and hostile-model cases against
# the built CLI and prints a table. Usage, from the repository root:
#
#   dotnet build src/Stance.Cli            # or: dotnet publish src/Stance.Cli -c Release -o publish
#   bash tests/faults.sh [path/to/stance]  # default: src/Stance.Cli/bin/Debug/net10.0/stance
#
# Needs python3 (to write hostile model files) and GNU time. As root, a 2 MB tmpfs is mounted for
# the disk-full cases (else they use /dev/full only). Exit status: the number of failed cases.
set -u
set -m # job control: background commands receive SIGINT like a foreground one would

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STANCE=${1:-$ROOT/src/Stance.Cli/bin/Debug/net10.0/stance}
MODEL=$ROOT/models/stance-fast.zip
DATA=$ROOT/data/statements.csv
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stance-faults.XXXXXX")
SMALL=$WORK/small
FAILED=0
ROWS=()

cleanup() {
    mountpoint -q "$SMALL" 2>/dev/null && umount "$SMALL"
    rm -rf "$WORK"
}
trap cleanup EXIT

[ -x "$STANCE" ] || { echo "no CLI at $STANCE: build it first (dotnet build src/Stance.Cli)" >&2; exit 1; }

# Temporary files a command may leave: its hidden output temp file, ML.NET's folders.
leftovers() { # DIR
    { find "$1" -maxdepth 1 -name '.stance-*.tmp'; find "${TMPDIR:-/tmp}" -maxdepth 1 \( -name 'ml_dotnet_*' -o -name 'stance-mlnet-*' \) -newer "$WORK/start"; } 2>/dev/null | wc -l
}

# record CASE EXPECTED GOT OK DETAIL
record() {
    local status=PASS
    [ "$4" = 1 ] || { status=FAIL; FAILED=$((FAILED + 1)); }
    ROWS+=("$(printf '| %-46s | %-28s | %-28s | %-4s | %s |' "$1" "$2" "$3" "$status" "$5")")
}

# run_case NAME EXPECTED_RC EXPECTED_TEXT -- command...: exit code, one-line error containing the text, no leftovers.
run_case() {
    local name=$1 want_rc=$2 want_text=$3
    shift 4
    local t0 t1 rc err lines extra
    t0=$(date +%s.%N)
    "$@" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    t1=$(date +%s.%N)
    err=$(grep -v '^$' "$WORK/err" | grep -v "^classified \|^Run 'stance" | head -c 300)
    lines=$(printf '%s' "$err" | grep -c '' || true)
    extra=$(leftovers "$WORK")
    local ok=1
    [ "$rc" = "$want_rc" ] || ok=0
    [ -z "$want_text" ] || printf '%s' "$err" | grep -qF -- "$want_text" || ok=0
    [ "$lines" -le 1 ] || ok=0
    [ "$extra" = 0 ] || ok=0
    record "$name" "exit $want_rc, ${want_text:0:20}" "exit $rc, $lines line(s), $extra left" "$ok" "$(printf '%.1f s; %s' "$(echo "$t1 - $t0" | bc)" "${err:0:110}")"
}

# signal_case NAME SIGNAL DELAY TARGET -- command...: the command is signalled after DELAY seconds.
signal_case() {
    local name=$1 signal=$2 delay=$3 target=$4
    shift 5
    printf 'OLD CONTENT\n' >"$target"
    "$@" >"$WORK/sig.out" 2>"$WORK/sig.err" &
    local pid=$!
    sleep "$delay"
    local t0 t1 rc
    t0=$(date +%s.%N)
    kill "-$signal" "$pid"
    wait "$pid"
    rc=$?
    t1=$(date +%s.%N)
    local want=130
    [ "$signal" = TERM ] && want=143
    local err extra kept ok=1
    err=$(grep -v '^\s' "$WORK/sig.err" | grep -v '^cross-validating\|^chosen\|^classified' | tail -n 2 | tr '\n' ' ')
    extra=$(leftovers "$(dirname "$target")")
    kept=$(cat "$target" 2>/dev/null)
    [ "$rc" = "$want" ] || ok=0
    [ "$extra" = 0 ] || ok=0
    [ "$kept" = "OLD CONTENT" ] || ok=0
    printf '%s' "$err" | grep -q 'cancelled' || ok=0
    local stop
    stop=$(echo "$t1 - $t0" | bc)
    record "$name" "exit $want, old target, clean" "exit $rc, $extra left, $([ "$kept" = "OLD CONTENT" ] && echo kept || echo replaced)" "$ok" "$(printf 'stopped in %.1f s; %s' "$stop" "${err:0:90}")"
}

touch "$WORK/start"
echo "CLI: $STANCE" >&2
echo "work: $WORK" >&2

# Inputs for the cases.
python3 - "$DATA" "$WORK" <<'EOF'
import csv, sys, os
data, work = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open(data, encoding="utf-8")))
header, body = rows[0], rows[1:]
with open(os.path.join(work, "big.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(header)
    for i in range(120):
        w.writerows(body)
with open(os.path.join(work, "train.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(header)
    w.writerows(body[:1500])
with open(os.path.join(work, "tiny.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["text", "stance"])
    w.writerows([[r[1], "yes" if i % 2 else "no"] for i, r in enumerate(body[:30])])
EOF
seed=$(ls "$ROOT"/../shared/seed/*.txt 2>/dev/null | head -1)
[ -n "$seed" ] || seed=$ROOT/tests/Stance.Tests/Articles/$(ls "$ROOT/tests/Stance.Tests/Articles" | head -1)
for _ in $(seq 1 3000); do cat "$seed"; printf '\n\n'; done >"$WORK/article.txt"

# --- Signals -------------------------------------------------------------------------------
signal_case "train, SIGINT during cross-validation" INT 6 "$WORK/m.zip" -- "$STANCE" train --data "$DATA" --out "$WORK/m.zip" --tier fast
signal_case "train, SIGTERM during cross-validation" TERM 6 "$WORK/m.zip" -- "$STANCE" train --data "$DATA" --out "$WORK/m.zip" --tier fast
signal_case "classify 1.1M rows, SIGINT while writing" INT 4 "$WORK/c.csv" -- "$STANCE" classify --model "$MODEL" --input "$WORK/big.csv" --output "$WORK/c.csv"
signal_case "classify 1.1M rows, SIGTERM while writing" TERM 4 "$WORK/c.csv" -- "$STANCE" classify --model "$MODEL" --input "$WORK/big.csv" --output "$WORK/c.csv" --format jsonl
signal_case "extract $(($(stat -c %s "$WORK/article.txt") / 1000000)) MB article, SIGINT" INT 4 "$WORK/e.csv" -- bash -c "exec '$STANCE' extract --model '$MODEL' --format csv '$WORK/article.txt' > /dev/null"
signal_case "extract $(($(stat -c %s "$WORK/article.txt") / 1000000)) MB article, SIGTERM" TERM 4 "$WORK/e.csv" -- bash -c "exec '$STANCE' extract --model '$MODEL' --format csv '$WORK/article.txt' > /dev/null"

# --- Disk full -----------------------------------------------------------------------------
run_case "classify --output /dev/full" 1 "No space left on device" -- "$STANCE" classify --model "$MODEL" --input "$DATA" --output /dev/full
run_case "classify (stdout) > /dev/full" 1 "No space left on device" -- bash -c "exec '$STANCE' classify --model '$MODEL' --input '$DATA' > /dev/full"
run_case "train --out /dev/full" 1 "No space left on device" -- "$STANCE" train --data "$WORK/train.csv" --out /dev/full --tier fast --no-select -q
mkdir -p "$SMALL"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=2m tmpfs "$SMALL" 2>/dev/null; then
    run_case "train --out on a full 2 MB tmpfs" 1 "No space left on device" -- "$STANCE" train --data "$WORK/train.csv" --out "$SMALL/m.zip" --tier fast --no-select -q
    run_case "classify --output on a full 2 MB tmpfs" 1 "No space left on device" -- "$STANCE" classify --model "$MODEL" --input "$DATA" --output "$SMALL/c.csv"
    run_case "  ... and the tmpfs holds no temporary file" 0 "" -- bash -c "[ -z \"\$(ls -A '$SMALL')\" ]"
else
    record "disk full on a tmpfs" "-" "not run (needs root and mount)" 1 "skipped"
fi

# --- Special files -------------------------------------------------------------------------
run_case "classify --output /dev/null" 0 "" -- "$STANCE" classify --model "$MODEL" --input "$DATA" --output /dev/null -q
run_case "  ... /dev/null is still a device" 0 "" -- test -c /dev/null
run_case "classify --output /dev/stdout" 0 "" -- "$STANCE" classify --model "$MODEL" --input "$DATA" --output /dev/stdout -q
mkfifo "$WORK/fifo"
(cat "$WORK/fifo" | wc -l >"$WORK/fifo.count") &
run_case "classify --output FIFO (with a reader)" 0 "" -- timeout 120 "$STANCE" classify --model "$MODEL" --input "$DATA" --output "$WORK/fifo" -q
wait
run_case "  ... FIFO is still a FIFO, reader got every row" 0 "" -- bash -c "test -p '$WORK/fifo' && [ \$(cat '$WORK/fifo.count') -gt 9000 ]"
run_case "train --out /dev/null" 0 "" -- "$STANCE" train --data "$WORK/train.csv" --out /dev/null --tier fast --no-select -q
ln -s "$WORK/train.csv" "$WORK/link.csv"
mkdir -p "$WORK/sub" && ln -s "$WORK" "$WORK/sub/linked"
run_case "train --out = --data" 2 "must not be a --data file" -- "$STANCE" train --data "$WORK/train.csv" --out "$WORK/train.csv"
run_case "train --out = symlink to --data" 2 "must not be a --data file" -- "$STANCE" train --data "$WORK/train.csv" --out "$WORK/link.csv"
run_case "train --out = --data via symlinked dir" 2 "must not be a --data file" -- "$STANCE" train --data "$WORK/train.csv" --out "$WORK/sub/linked/train.csv"
run_case "classify --output = --input via symlink" 2 "must not be the --input file" -- "$STANCE" classify --model "$MODEL" --input "$WORK/train.csv" --output "$WORK/link.csv"
run_case "train --out into a missing directory" 2 "does not exist" -- "$STANCE" train --data "$WORK/train.csv" --out "$WORK/missing/m.zip"
run_case "train --out a directory" 2 "is a directory" -- "$STANCE" train --data "$WORK/train.csv" --out "$WORK"
run_case "classify --input a directory" 1 "is a directory" -- "$STANCE" classify --model "$MODEL" --input "$WORK" --format csv
run_case "train --folds above the row count" 1 "at most one fold per row" -- "$STANCE" train --data "$WORK/tiny.csv" --out "$WORK/m2.zip" --folds 40 --no-select --tier fast -q

# --- Hostile models ------------------------------------------------------------------------
# Made from a model the current trainer writes (it records the SHA-256 of every inner file).
"$STANCE" train --data "$WORK/train.csv" --out "$WORK/trained.zip" --tier fast --no-select -q >/dev/null 2>&1 || { echo "training the base model failed" >&2; exit 1; }
HOSTILE_BASE=$WORK/trained.zip
python3 - "$HOSTILE_BASE" "$WORK" <<'EOF'
import json, os, random, struct, sys, zipfile, zlib
model, work = sys.argv[1], sys.argv[2]
parts = {}
with zipfile.ZipFile(model) as z:
    for n in z.namelist():
        parts[n] = z.read(n)
meta = json.loads(parts["model.json"])

def write(name, entries, methods=None):
    with zipfile.ZipFile(os.path.join(work, name), "w") as z:
        for n, b in entries.items():
            z.writestr(zipfile.ZipInfo(n), b, compress_type=zipfile.ZIP_STORED if n == "pipeline.zip" else zipfile.ZIP_DEFLATED)

def with_meta(name, change):
    m = json.loads(parts["model.json"])
    change(m)
    e = dict(parts)
    e["model.json"] = json.dumps(m).encode()
    write(name, e)

# A zip bomb: a 400 MB entry of zeros, declared with its true size (refused by the size limit).
# model.json records that size too (as an attacker would write it).
bomb_meta = json.loads(parts["model.json"])
for p in bomb_meta.get("parts") or []:
    if p["name"] == "linear-scorer.bin":
        p["size"] = 600 << 20
with zipfile.ZipFile(os.path.join(work, "bomb-honest.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("model.json", json.dumps(bomb_meta))
    z.writestr("pipeline.zip", parts["pipeline.zip"])
    with z.open("linear-scorer.bin", "w", force_zip64=True) as f:
        block = bytes(1 << 20)
        for _ in range(600):
            f.write(block)
# A zip bomb that lies: model.json declares 10 KB, inflates to 300 MB.
raw = zlib.compressobj(9, zlib.DEFLATED, -15)
body = b"".join(raw.compress(bytes(1 << 20)) for _ in range(300)) + raw.flush()
name = b"model.json"
crc = 0
local = struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 0, 8, 0, 0, crc, len(body), 10000, len(name), 0) + name
central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 20, 20, 0, 8, 0, 0, crc, len(body), 10000, len(name), 0, 0, 0, 0, 0, 0) + name
end = struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, 1, 1, len(central), len(local) + len(body), 0)
open(os.path.join(work, "bomb-lying.zip"), "wb").write(local + body + central + end)

with_meta("huge-string.zip", lambda m: m.__setitem__("library_version", "x" * 50_000_000))
with_meta("four-labels.zip", lambda m: m["heads"][0]["labels"].append("extra"))
with_meta("two-labels.zip", lambda m: m["heads"][0]["labels"].pop())
with_meta("dup-labels.zip", lambda m: m["heads"][0]["labels"].__setitem__(1, m["heads"][0]["labels"][0]))
with_meta("empty-label.zip", lambda m: m["heads"][0]["labels"].__setitem__(1, ""))
with_meta("dup-heads.zip", lambda m: m["heads"][1].__setitem__("name", "stance"))
with_meta("null-heads.zip", lambda m: m.__setitem__("heads", None))
with_meta("null-features.zip", lambda m: m.__setitem__("features", None))
with_meta("null-label.zip", lambda m: m["heads"][0]["labels"].__setitem__(0, None))

# NaN weights: the scorer ends with the last head's biases (softmax heads have no calibration): the last becomes NaN.
scorer = bytearray(parts["linear-scorer.bin"])
struct.pack_into("<f", scorer, len(scorer) - 4, float("nan"))
e = dict(parts); e["linear-scorer.bin"] = bytes(scorer)
m = json.loads(parts["model.json"])
if "parts" in m:
    import hashlib
    for p in m["parts"]:
        p["sha256"] = hashlib.sha256(e[p["name"]]).hexdigest(); p["size"] = len(e[p["name"]])
e["model.json"] = json.dumps(m).encode()
write("nan-weight.zip", e)

whole = open(model, "rb").read()
open(os.path.join(work, "truncated.zip"), "wb").write(whole[: len(whole) // 2])
rng = random.Random(14)
os.makedirs(os.path.join(work, "flips"), exist_ok=True)
for i in range(40):
    b = bytearray(whole)
    b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    open(os.path.join(work, "flips", f"flip{i:02}.zip"), "wb").write(bytes(b))
EOF

mem_case() { # NAME FILE TEXT: refused in one line, with the peak memory
    local name=$1 file=$2 text=$3
    /usr/bin/time -f '%M' -o "$WORK/mem" "$STANCE" classify --model "$file" "a quote" >"$WORK/out" 2>"$WORK/err"
    local rc=$? err lines ok=1 mem
    err=$(head -c 300 "$WORK/err")
    lines=$(grep -c '' "$WORK/err")
    mem=$(( $(tail -1 "$WORK/mem") / 1024 ))
    [ "$rc" = 1 ] || ok=0
    [ "$lines" = 1 ] || ok=0
    printf '%s' "$err" | grep -qF -- "$text" || ok=0
    [ -s "$WORK/out" ] && ok=0
    record "$name" "exit 1, one line" "exit $rc, $lines line(s), ${mem} MB peak" "$ok" "${err#stance: error: $WORK/}"
}
mem_case "model: zip bomb, 600 MB declared" "$WORK/bomb-honest.zip" "declares"
mem_case "model: zip bomb, 10 KB declared, 300 MB inflated" "$WORK/bomb-lying.zip" "model.json"
mem_case "model: 50 MB string in model.json" "$WORK/huge-string.zip" "model.json declares"
mem_case "model: 4 labels against the scorer's 3" "$WORK/four-labels.zip" "is inconsistent"
mem_case "model: 2 labels against the scorer's 3" "$WORK/two-labels.zip" "is inconsistent"
mem_case "model: duplicate labels" "$WORK/dup-labels.zip" "twice"
mem_case "model: empty label" "$WORK/empty-label.zip" "is empty"
mem_case "model: duplicate head names" "$WORK/dup-heads.zip" "names the heads"
mem_case "model: heads null" "$WORK/null-heads.zip" "model.json"
mem_case "model: features null" "$WORK/null-features.zip" "model.json"
mem_case "model: a null label" "$WORK/null-label.zip" "model.json"
mem_case "model: a NaN weight (checksum updated)" "$WORK/nan-weight.zip" "not a finite number"
mem_case "model: truncated" "$WORK/truncated.zip" "truncated"

expected=$("$STANCE" classify --model "$HOSTILE_BASE" --format csv "Talks are the only way." "Sanctions must stay." 2>/dev/null)
refused=0 same=0 changed=0 other=0
for f in "$WORK"/flips/*.zip; do
    got=$("$STANCE" classify --model "$f" --format csv "Talks are the only way." "Sanctions must stay." 2>"$WORK/err")
    rc=$?
    if [ "$rc" = 1 ] && [ "$(grep -c '' "$WORK/err")" = 1 ] && grep -q "^stance: error: $f: " "$WORK/err"; then
        refused=$((refused + 1))
    elif [ "$rc" = 0 ] && [ "$got" = "$expected" ]; then
        same=$((same + 1))
    elif [ "$rc" = 0 ]; then
        changed=$((changed + 1))
    else
        other=$((other + 1))
    fi
done
record "model: 40 random byte flips" "refused in one line or same" "$refused refused, $same same" "$([ $((changed + other)) = 0 ] && echo 1 || echo 0)" "$changed silently changed, $other other errors"

printf '| %-46s | %-28s | %-28s | %-4s | %s |\n' "case" "expected" "got" "" "detail"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' $(seq 48))" "$(printf -- '-%.0s' $(seq 30))" "$(printf -- '-%.0s' $(seq 30))" "------" "---"
printf '%s\n' "${ROWS[@]}"
echo
echo "$FAILED case(s) failed"
exit "$FAILED"
