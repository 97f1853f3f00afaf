// `vnpu compile` end to end: the front half (graph passes, support check:
// pipeline.h), then scheduling (schedule/scheduler.h), one command stream per
// NPU segment (emit/stream_writer.h) wrapped in a COP1 payload, and the
// output model laid out like Vela's (output/ethos_u_model.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/emit/stream_writer.h"
#include "compiler/options/compiler_options.h"
#include "compiler/pipeline.h"
#include "compiler/schedule/scheduler.h"
#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::compiler {

// One operator of the graph after the passes, as compiled.
struct CompiledOperator {
  int32_t op_index = 0;
  ir::OpType type = ir::OpType::kAdd;
  std::string output_name;   // its first output tensor
  int32_t segment = -1;      // the ethos-u operator (0-based) it runs in; -1: on the CPU
  bool alias = false;        // memory alias on the NPU (no command)
  std::vector<uint32_t> word_offsets;  // DMA starts and kick-offs in the segment's stream
  size_t kick_offs = 0;
  bool weights_buffered = false;
  std::string note;  // why weights are read in place although buffering was asked for
  int64_t source_weight_bytes = 0;
  int64_t encoded_weight_bytes = 0;
};

struct CompiledModel {
  CompileResult front;  // passes and partition (lowering refusals moved to the CPU)
  Schedule schedule;
  std::vector<SegmentStream> streams;  // one per segment
  std::vector<CompiledOperator> operators;
  ir::Model output;
};

// Fails with the front half's errors, kInvalidInput when the feature maps do
// not fit the arena-cache budget (naming the tensor, its bytes and the budget).
Expected<CompiledModel> compile_model(ir::Model model, const CompilerOptions& options);

}  // namespace vnpu::compiler
