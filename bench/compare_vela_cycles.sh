#!/usr/bin/env bash
# Compiles every shared model for ethos-u55-128 and ethos-u55-256
# (Ethos_U55_High_End_Embedded, Shared_Sram, arena-cache size 4 GiB as in the
# shared Vela runs) with an existing build's vnpu (builds nothing), then prints
# markdown: our analytic estimate of the compiled streams (OUT_estimate.json)
# against Vela's (summary.json), memory against Vela's, and per model/config
# the layers where we lose the most cycles (our estimate per operation, mapped
# to graph operators through the compile report's stream word offsets, against
# Vela's per-layer CSV, matched by output tensor name).
# Operators we keep on the CPU have no NPU cycles in our estimate; the table
# also gives Vela's total without its rows for those op types (none of the
# shared models' types since SOFTMAX runs on our NPU: both sides compared whole).
# An operator Vela lowers to a chain (SOFTMAX: about 30 rows named
# OUTPUT_maxpool0, OUTPUT_sub1, ...) is matched with all rows of its chain.
# After the losses, the layers where we gain most are listed too.
# Usage: bench/compare_vela_cycles.sh BUILD_DIR [WORK_DIR]
#   WORK_DIR keeps the compiled models (default: a temporary folder, removed).
#   VNPU_SHARED_MODELS overrides the models folder (default: ../shared/models).
#   VNPU_TOP_LAYERS: losing layers listed per model/config (default 5).
#   VNPU_TOP_GAINS: winning layers listed per model/config (default 3).
set -euo pipefail
build_dir=${1:?usage: compare_vela_cycles.sh BUILD_DIR [WORK_DIR]}
vnpu="$build_dir/cli/vnpu"
if [ ! -x "$vnpu" ]; then
  echo "compare_vela_cycles: $vnpu not found; build the vnpu target first" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
models_dir=${VNPU_SHARED_MODELS:-$here/../../shared/models}
if [ ! -d "$models_dir" ]; then
  echo "compare_vela_cycles: models folder $models_dir not found (set VNPU_SHARED_MODELS)" >&2
  exit 2
fi
if [ -n "${2:-}" ]; then
  work=$2
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

models="kws_dscnn vww_mobilenetv1 ic_resnet8 ad_autoencoder person_detect hello_world"
configs="ethos-u55-128 ethos-u55-256"
for model in $models; do
  for config in $configs; do
    out="$work/${model}_${config}.tflite"
    if ! "$vnpu" compile "$models_dir/$model/model.tflite" -o "$out" \
        --accelerator-config "$config" --system-config Ethos_U55_High_End_Embedded \
        --memory-mode Shared_Sram --arena-cache-size 4294967296 --vela-view \
        --report "$work/${model}_${config}_report.json" >"$work/${model}_${config}.log" 2>&1; then
      echo "compare_vela_cycles: vnpu compile failed for $model $config:" >&2
      cat "$work/${model}_${config}.log" >&2
      exit 1
    fi
  done
done

echo "vnpu: $vnpu (checkout at $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown));" \
  "date: $(date -u +%Y-%m-%d); Ethos_U55_High_End_Embedded, Shared_Sram, arena-cache size 4 GiB"
echo
python3 - "$models_dir" "$work" "${VNPU_TOP_LAYERS:-5}" "${VNPU_TOP_GAINS:-3}" $models -- $configs <<'PY'
import csv, json, re, sys

models_dir, work, top, top_gains = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rest = sys.argv[5:]
split = rest.index("--")
models, configs = rest[:split], rest[split + 1:]


def load(model, config):
    stem = f"{work}/{model}_{config}"
    ours = json.load(open(f"{stem}_estimate.json"))
    report = json.load(open(f"{stem}_report.json"))
    vela_dir = f"{models_dir}/{model}/vela/{config}"
    vela = json.load(open(f"{vela_dir}/summary.json"))
    with open(f"{vela_dir}/{model}_per-layer.csv", newline="") as f:
        layers = list(csv.DictReader(f))
    return ours, report, vela, layers


def our_layers(ours, report):
    """Cycles per graph operator: estimate operations -> (segment, word offset) -> operator.
    The estimate's total is the sum of its kernel operations' cycles (DMA overlaps them)."""
    owner = {}
    for op in report["operators"]:
        for word in op.get("stream_word_offsets", []):
            owner[(op.get("ethos_u_operator", -1), word)] = op
    per_op, segment, last_word = {}, 0, -1
    for operation in ours["operations"]:
        if operation["word_offset"] <= last_word:
            segment += 1  # the next command stream starts again at word 0
        last_word = operation["word_offset"]
        if operation["kind"] == "DMA_START":
            continue  # runs beside the kernels; a kernel waiting for it shows dma_stall_cycles
        op = owner.get((segment, operation["word_offset"]))
        key = op["index"] if op else -1
        entry = per_op.setdefault(key, {"cycles": 0.0, "bound": [], "macs": 0, "dma_stall": 0.0})
        entry["cycles"] += operation["cycles"]
        entry["macs"] += operation["macs"]
        entry["dma_stall"] += operation["dma_stall_cycles"]
        entry["bound"].append(operation["bound"])
    return per_op


def graph_name(output):
    """Our tensor name without the suffix a reshaping pass adds (FULLY_CONNECTED as CONV_2D)."""
    return output[:-len("/as_ofm")] if output.endswith("/as_ofm") else output


def vela_rows(op, vela_by_name, layers):
    """Vela's per-layer rows for one of our operators: the row with the same output tensor, or
    the chain Vela lowered the operator to (rows of the same TFLite type named OUTPUT_<op><n>)."""
    name = graph_name(op["output"])
    for candidate in (name, name + "_fc"):  # Vela adds _fc where it runs a 1x1 CONV_2D as FC
        if candidate in vela_by_name:
            return vela_by_name[candidate]
    chain = re.compile(re.escape(name) + r"_[a-z_]+[0-9]+$")
    return [l for l in layers if l["TFLite_operator"] == op["type"] and chain.match(l["Name"])]


def fmt(value):
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


rows, losses = [], []
for model in models:
    for config in configs:
        ours, report, vela, layers = load(model, config)
        cpu_types = sorted({op["type"] for op in report["operators"] if op["placement"] != "npu"})
        vela_cpu_rows = sum(float(l["Op Cycles"]) for l in layers if l["TFLite_operator"] in cpu_types)
        vela_total = float(vela["total_cycles"])
        vela_same = vela_total - vela_cpu_rows
        our_total = float(ours["total_cycles"])
        sram = report["arena_bytes"] + report["fast_scratch_bytes"]
        rows.append((model, config, our_total, vela_total, vela_same, cpu_types, sram,
                     vela.get("sram_memory_used_bytes"), report["flash_bytes"],
                     vela.get("off_chip_flash_memory_used_bytes")))
        per_op = our_layers(ours, report)
        vela_by_name = {}
        for l in layers:
            vela_by_name.setdefault(l["Name"], []).append(l)
        diffs = []
        for op in report["operators"]:
            if op["placement"] != "npu" or op.get("memory_alias"):
                continue
            mine = per_op.get(op["index"], {"cycles": 0.0, "bound": [], "macs": 0, "dma_stall": 0.0})
            theirs = vela_rows(op, vela_by_name, layers)
            vela_cycles = sum(float(l["Op Cycles"]) for l in theirs)
            vela_util = max((float(l["Util%"]) for l in theirs), default=0.0)
            our_util = 0.0
            if mine["cycles"] > 0:
                macs_per_cycle = 256 if config.endswith("256") else 128
                our_util = 100.0 * mine["macs"] / (mine["cycles"] * macs_per_cycle)
            diffs.append((mine["cycles"] - vela_cycles, op, mine, vela_cycles, bool(theirs),
                          our_util, vela_util))
        diffs.sort(key=lambda d: -d[0])
        gains = [d for d in reversed(diffs) if d[0] < 0][:top_gains]
        losers = [d for d in diffs if d[0] > 0][:top] if our_total > vela_same else []
        losses.append((model, config, our_total, vela_same, losers, gains))

print("| model | config | our NPU cycles | Vela total cycles | Vela without our CPU ops' rows "
      "| ours / Vela (like for like) | on our CPU (not in our cycles) | our SRAM bytes | Vela SRAM bytes "
      "| our flash bytes | Vela flash bytes |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for (model, config, ours, vela, same, cpu, sram, vela_sram, flash, vela_flash) in rows:
    print(f"| {model} | {config} | {fmt(ours)} | {fmt(vela)} | {fmt(same)} | {ours / same:.2f} "
          f"| {', '.join(cpu) or '-'} | {sram:,} | {vela_sram:,} | {flash:,} | {vela_flash:,} |")
print()
print("Per model/config: the layers where our estimate loses most when we are behind Vela, then "
      "those where it gains most (ours - Vela, cycles; utilisation = MACs / "
      "(cycles x MACs per cycle)):")
for model, config, ours, same, losers, gains in losses:
    print(f"\n{model}, {config}: {fmt(ours)} vs {fmt(same)} cycles")
    print("| op | type | ours | of which DMA wait | Vela | diff | our bound | our util % | Vela util % |")
    print("|---|---|---|---|---|---|---|---|---|")
    for diff, op, mine, vela_cycles, matched, our_util, vela_util in losers + gains:
        vela_text = fmt(vela_cycles) if matched else "no match"
        bounds = "/".join(sorted(set(mine["bound"]))) or "-"
        print(f"| {op['index']} | {op['type']} | {fmt(mine['cycles'])} | {fmt(mine['dma_stall'])} "
              f"| {vela_text} | {fmt(diff)} | {bounds} | {our_util:.1f} | {vela_util:.1f} |")
PY
