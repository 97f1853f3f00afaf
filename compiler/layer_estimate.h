// The analytic estimate (perf/estimator.h) of a compiled model per source
// layer: every NPU operation of a segment's stream (kick-offs and DMAs, found
// through the word offsets the stream writer recorded) is added to the graph
// operator it came from. What `vnpu compile` writes as OUT_layers.csv/.json.
//
// Per layer: cycles (the sum of its operations' max(compute, each memory)),
// compute cycles and access cycles per memory with the binding one marked
// (the largest of those sums), bytes read and written per memory and per AXI
// port, MACs, MAC utilisation (MACs / (cycles * MACs per cycle)), and weight
// bytes as stored and as encoded. CPU layers carry no NPU figures.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/compile_model.h"
#include "perf/estimator.h"
#include "perf/system_config.h"

namespace vnpu::compiler {

struct LayerEstimate {
  int32_t op_index = 0;
  std::string type;         // "CONV_2D"
  std::string output;       // first output tensor
  bool on_npu = false;
  size_t npu_operations = 0;  // kick-offs and DMAs
  double cycles = 0;
  double compute_cycles = 0;  // the NPU column: MAC/output/command cycles and DMA waits
  std::array<double, perf::kMemoryKinds> access_cycles{};
  std::string bound;  // "compute", "Sram", "OffChipFlash", ...
  std::array<double, perf::kMemoryKinds> read_bytes{};
  std::array<double, perf::kMemoryKinds> written_bytes{};
  std::array<double, 2> port_bytes{};
  int64_t macs = 0;
  double mac_utilisation = 0;
  int64_t weight_bytes = 0;
  int64_t encoded_weight_bytes = 0;
};

struct LayerEstimates {
  std::vector<LayerEstimate> layers;
  double total_cycles = 0;  // sum over segments of each segment's end (DMA and kernels overlap)
  double core_clock_hz = 0;
};

LayerEstimates estimate_layers(const CompiledModel& compiled,
                               const isa::AcceleratorConfig& accelerator,
                               const perf::SystemConfig& system, const perf::MemoryMode& mode,
                               const perf::EstimateOptions& options = {});

std::string layers_csv(const LayerEstimates& estimates);
std::string layers_json(const LayerEstimates& estimates);

}  // namespace vnpu::compiler
