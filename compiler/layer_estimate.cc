#include "compiler/layer_estimate.h"

#include <algorithm>
#include <cstdio>

#include "core/csv.h"
#include "core/json.h"
#include "isa/command_decoder.h"

namespace vnpu::compiler {
namespace {

void add_operation(const perf::OperationEstimate& op, LayerEstimate* layer) {
  ++layer->npu_operations;
  layer->cycles += op.cycles;
  layer->compute_cycles += op.npu_cycles;
  for (size_t m = 0; m < perf::kMemoryKinds; ++m) {
    layer->access_cycles[m] += op.access_cycles[m];
    layer->read_bytes[m] += op.traffic.memory_read_bytes[m];
    layer->written_bytes[m] += op.traffic.memory_written_bytes[m];
  }
  layer->port_bytes[0] += op.traffic.port_bytes[0];
  layer->port_bytes[1] += op.traffic.port_bytes[1];
  layer->macs += op.macs;
}

void finish_layer(int32_t macs_per_cycle, LayerEstimate* layer) {
  if (!layer->on_npu) return;
  if (layer->npu_operations == 0) {
    layer->bound = "-";  // a memory alias: no command
    return;
  }
  layer->bound = "compute";
  double largest = layer->compute_cycles;
  for (size_t m = 0; m < perf::kMemoryKinds; ++m) {
    if (layer->access_cycles[m] > largest) {
      largest = layer->access_cycles[m];
      layer->bound = perf::memory_kind_name(static_cast<perf::MemoryKind>(m));
    }
  }
  if (layer->cycles > 0) {
    layer->mac_utilisation =
        static_cast<double>(layer->macs) / (layer->cycles * static_cast<double>(macs_per_cycle));
  }
}

// Figures to one decimal: the CSV text, and the same value in the JSON.
std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f", value);
  return buffer;
}

double tenths(double value) { return fixed_decimals(value, 1); }

}  // namespace

LayerEstimates estimate_layers(const CompiledModel& compiled,
                               const isa::AcceleratorConfig& accelerator,
                               const perf::SystemConfig& system, const perf::MemoryMode& mode,
                               const perf::EstimateOptions& options) {
  LayerEstimates estimates;
  estimates.core_clock_hz = system.core_clock_hz;
  for (const CompiledOperator& op : compiled.operators) {
    LayerEstimate layer;
    layer.op_index = op.op_index;
    layer.type = ir::op_type_name(op.type);
    layer.output = op.output_name;
    layer.on_npu = op.segment >= 0;
    layer.weight_bytes = op.source_weight_bytes;
    layer.encoded_weight_bytes = op.encoded_weight_bytes;
    estimates.layers.push_back(layer);
  }
  for (size_t s = 0; s < compiled.streams.size(); ++s) {
    const SegmentStream& stream = compiled.streams[s];
    const isa::DecodedStream decoded = isa::decode_stream(stream.words.data(), stream.words.size());
    const perf::Estimate estimate =
        perf::estimate_stream(decoded.operations, accelerator, system, mode, options);
    estimates.total_cycles += estimate.total_cycles;
    for (const perf::OperationEstimate& operation : estimate.operations) {
      for (const CompiledOperator& op : compiled.operators) {
        if (op.segment != static_cast<int32_t>(s)) continue;
        const std::vector<uint32_t>& offsets = op.word_offsets;
        if (std::find(offsets.begin(), offsets.end(), operation.word_offset) == offsets.end()) {
          continue;
        }
        add_operation(operation, &estimates.layers[static_cast<size_t>(op.op_index)]);
      }
    }
  }
  for (LayerEstimate& layer : estimates.layers) finish_layer(accelerator.macs_per_cycle, &layer);
  return estimates;
}

std::string layers_csv(const LayerEstimates& estimates) {
  CsvWriter csv({"op",
                 "type",
                 "output",
                 "on",
                 "npu_operations",
                 "cycles",
                 "compute_cycles",
                 "sram_cycles",
                 "dram_cycles",
                 "onchipflash_cycles",
                 "offchipflash_cycles",
                 "bound",
                 "sram_read",
                 "sram_written",
                 "dram_read",
                 "dram_written",
                 "onchipflash_read",
                 "offchipflash_read",
                 "axi0_bytes",
                 "axi1_bytes",
                 "macs",
                 "mac_utilisation_percent",
                 "weight_bytes",
                 "encoded_weight_bytes"});
  const auto kind = [](perf::MemoryKind k) { return static_cast<size_t>(k); };
  for (const LayerEstimate& l : estimates.layers) {
    csv.add_row({std::to_string(l.op_index),
                 l.type,
                 l.output,
                 l.on_npu ? "NPU" : "CPU",
                 std::to_string(l.npu_operations),
                 number(l.cycles),
                 number(l.compute_cycles),
                 number(l.access_cycles[kind(perf::MemoryKind::kSram)]),
                 number(l.access_cycles[kind(perf::MemoryKind::kDram)]),
                 number(l.access_cycles[kind(perf::MemoryKind::kOnChipFlash)]),
                 number(l.access_cycles[kind(perf::MemoryKind::kOffChipFlash)]),
                 l.bound,
                 number(l.read_bytes[kind(perf::MemoryKind::kSram)]),
                 number(l.written_bytes[kind(perf::MemoryKind::kSram)]),
                 number(l.read_bytes[kind(perf::MemoryKind::kDram)]),
                 number(l.written_bytes[kind(perf::MemoryKind::kDram)]),
                 number(l.read_bytes[kind(perf::MemoryKind::kOnChipFlash)]),
                 number(l.read_bytes[kind(perf::MemoryKind::kOffChipFlash)]),
                 number(l.port_bytes[0]),
                 number(l.port_bytes[1]),
                 std::to_string(l.macs),
                 number(l.mac_utilisation * 100.0),
                 std::to_string(l.weight_bytes),
                 std::to_string(l.encoded_weight_bytes)});
  }
  return csv.text();
}

std::string layers_json(const LayerEstimates& estimates) {
  Json layers = Json::array();
  for (const LayerEstimate& l : estimates.layers) {
    Json access = Json::object();
    Json read = Json::object();
    Json written = Json::object();
    for (size_t m = 0; m < perf::kMemoryKinds; ++m) {
      const char* memory = perf::memory_kind_name(static_cast<perf::MemoryKind>(m));
      access[memory] = tenths(l.access_cycles[m]);
      read[memory] = tenths(l.read_bytes[m]);
      written[memory] = tenths(l.written_bytes[m]);
    }
    layers.push_back({{"op", l.op_index},
                      {"type", l.type},
                      {"output", l.output},
                      {"on", l.on_npu ? "npu" : "cpu"},
                      {"npu_operations", l.npu_operations},
                      {"cycles", tenths(l.cycles)},
                      {"compute_cycles", tenths(l.compute_cycles)},
                      {"access_cycles", std::move(access)},
                      {"bound", l.bound},
                      {"read_bytes", std::move(read)},
                      {"written_bytes", std::move(written)},
                      {"axi0_bytes", tenths(l.port_bytes[0])},
                      {"axi1_bytes", tenths(l.port_bytes[1])},
                      {"macs", l.macs},
                      {"mac_utilisation_percent", tenths(l.mac_utilisation * 100.0)},
                      {"weight_bytes", l.weight_bytes},
                      {"encoded_weight_bytes", l.encoded_weight_bytes}});
  }
  const Json document = {{"total_cycles", tenths(estimates.total_cycles)},
                         {"core_clock_hz", tenths(estimates.core_clock_hz)},
                         {"layers", std::move(layers)}};
  return json_text(document);
}

}  // namespace vnpu::compiler
