// The output model, laid out like Vela's so that the same runtime runs both:
// each NPU segment becomes one custom operator "ethos-u" whose inputs are
//   0 <segment>_command_stream  uint8 constant: the COP1 driver payload
//   1 <segment>_flash           uint8 constant: encoded weights and scales (region 0)
//   2 <segment>_scratch         uint8 [arena bytes]: the arena (region 1)
//   3 <segment>_scratch_fast    uint8: region 2 (the weight cache in Dedicated_Sram,
//                               else the arena again, as Vela does)
//   4.. the segment's input feature maps
// and whose outputs are the segment's output feature maps. CPU operators stay
// in place. Every non-constant tensor gets an offset in the
// "OfflineMemoryAllocation" metadata (the compiler's arena plan; the scratch
// tensors at 0), so feature maps are where the command streams address them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/schedule/scheduler.h"
#include "ir/graph.h"

namespace vnpu::compiler {

// Vela's custom options bytes for the ethos-u operator (a flexbuffer holding
// the integer 1); TFLite Micro's ethos-u kernel does not read them.
extern const std::vector<uint8_t> kEthosUCustomOptions;

struct OutputModelInputs {
  const ir::Model* source = nullptr;  // the model after the graph passes
  const Schedule* schedule = nullptr;
  std::vector<std::vector<uint8_t>> payloads;  // one COP1 payload per segment
  std::string description;                     // the model description to write
};

ir::Model build_ethos_u_model(const OutputModelInputs& inputs);

}  // namespace vnpu::compiler
