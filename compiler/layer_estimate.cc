#include "compiler/layer_estimate.h"

#include <algorithm>
#include <cstdio>

#include "compiler/report.h"
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

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f", value);
  return buffer;
}

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
  std::string out =
      "op,type,output,on,npu_operations,cycles,compute_cycles,sram_cycles,dram_cycles,"
      "onchipflash_cycles,offchipflash_cycles,bound,sram_read,sram_written,dram_read,dram_written,"
      "onchipflash_read,offchipflash_read,axi0_bytes,axi1_bytes,macs,mac_utilisation_percent,weight_bytes,"
      "encoded_weight_bytes\n";
  for (const LayerEstimate& l : estimates.layers) {
    const auto kind = [](perf::MemoryKind k) { return static_cast<size_t>(k); };
    std::string output = l.output;
    std::replace(output.begin(), output.end(), ',', ';');
    out += std::to_string(l.op_index) + "," + l.type + "," + output + "," +
           (l.on_npu ? "NPU" : "CPU") + "," + std::to_string(l.npu_operations) + "," +
           number(l.cycles) + "," + number(l.compute_cycles) + "," +
           number(l.access_cycles[kind(perf::MemoryKind::kSram)]) + "," +
           number(l.access_cycles[kind(perf::MemoryKind::kDram)]) + "," +
           number(l.access_cycles[kind(perf::MemoryKind::kOnChipFlash)]) + "," +
           number(l.access_cycles[kind(perf::MemoryKind::kOffChipFlash)]) + "," + l.bound + "," +
           number(l.read_bytes[kind(perf::MemoryKind::kSram)]) + "," +
           number(l.written_bytes[kind(perf::MemoryKind::kSram)]) + "," +
           number(l.read_bytes[kind(perf::MemoryKind::kDram)]) + "," +
           number(l.written_bytes[kind(perf::MemoryKind::kDram)]) + "," +
           number(l.read_bytes[kind(perf::MemoryKind::kOnChipFlash)]) + "," +
           number(l.read_bytes[kind(perf::MemoryKind::kOffChipFlash)]) + "," +
           number(l.port_bytes[0]) + "," + number(l.port_bytes[1]) + "," +
           std::to_string(l.macs) + "," + number(l.mac_utilisation * 100.0) + "," +
           std::to_string(l.weight_bytes) + "," + std::to_string(l.encoded_weight_bytes) + "\n";
  }
  return out;
}

std::string layers_json(const LayerEstimates& estimates) {
  std::string out = "{\n  \"total_cycles\": " + number(estimates.total_cycles) +
                    ",\n  \"core_clock_hz\": " + number(estimates.core_clock_hz) +
                    ",\n  \"layers\": [\n";
  for (size_t i = 0; i < estimates.layers.size(); ++i) {
    const LayerEstimate& l = estimates.layers[i];
    out += "    {\"op\": " + std::to_string(l.op_index) + ", \"type\": \"" + l.type +
           "\", \"output\": \"" + json_escape(l.output) + "\", \"on\": \"" +
           (l.on_npu ? "npu" : "cpu") + "\", \"npu_operations\": " +
           std::to_string(l.npu_operations) + ", \"cycles\": " + number(l.cycles) +
           ", \"compute_cycles\": " + number(l.compute_cycles) + ", \"access_cycles\": {";
    for (size_t m = 0; m < perf::kMemoryKinds; ++m) {
      out += std::string(m ? ", " : "") + "\"" +
             perf::memory_kind_name(static_cast<perf::MemoryKind>(m)) + "\": " +
             number(l.access_cycles[m]);
    }
    out += "}, \"bound\": \"" + l.bound + "\", \"read_bytes\": {";
    for (size_t m = 0; m < perf::kMemoryKinds; ++m) {
      out += std::string(m ? ", " : "") + "\"" +
             perf::memory_kind_name(static_cast<perf::MemoryKind>(m)) + "\": " +
             number(l.read_bytes[m]);
    }
    out += "}, \"written_bytes\": {";
    for (size_t m = 0; m < perf::kMemoryKinds; ++m) {
      out += std::string(m ? ", " : "") + "\"" +
             perf::memory_kind_name(static_cast<perf::MemoryKind>(m)) + "\": " +
             number(l.written_bytes[m]);
    }
    out += "}, \"axi0_bytes\": " + number(l.port_bytes[0]) +
           ", \"axi1_bytes\": " + number(l.port_bytes[1]) + ", \"macs\": " +
           std::to_string(l.macs) + ", \"mac_utilisation_percent\": " + number(l.mac_utilisation * 100.0) +
           ", \"weight_bytes\": " + std::to_string(l.weight_bytes) +
           ", \"encoded_weight_bytes\": " + std::to_string(l.encoded_weight_bytes) + "}";
    out += i + 1 < estimates.layers.size() ? ",\n" : "\n";
  }
  return out + "  ]\n}\n";
}

}  // namespace vnpu::compiler
