// Test helpers: the decoded command streams of a Vela-compiled shared model and
// Vela's per-layer CSV beside it.
#pragma once

#include <string>
#include <vector>

#include "isa/register_state.h"

namespace vnpu::perf::testing {

std::string shared_model_dir(const std::string& model, const std::string& config);

// The operations of every ethos-u operator's command stream, concatenated;
// empty (with a gtest failure) when the model cannot be read.
std::vector<isa::Operation> load_vela_operations(const std::string& path);

struct VelaRow {
  std::string nng_operator;  // "Conv2DBias", "FullyConnected", ...
  double op_cycles = 0;
  double npu_cycles = 0;
  double sram_access_cycles = 0;
  double off_flash_access_cycles = 0;
  double macs = 0;
};

std::vector<VelaRow> read_vela_per_layer_csv(const std::string& path);

// Vela's total_cycles from summary.json (0 when missing).
double read_vela_total_cycles(const std::string& summary_json_path);

}  // namespace vnpu::perf::testing
