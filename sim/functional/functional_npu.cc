#include "sim/functional/functional_npu.h"

#include <string>

#include "isa/command_decoder.h"
#include "sim/functional/exec_result.h"
#include "sim/functional/execute_operation.h"

namespace vnpu::sim {
namespace {

// "NPU_OP_CONV": the kick-off command's name.
const char* operation_name(isa::OperationKind kind) {
  return isa::cmd0_name(static_cast<uint16_t>(isa::operation_opcode(kind)));
}

NpuRunResult fault(NpuFault kind, uint32_t word_offset, const std::string& message) {
  NpuRunResult result;
  result.fault = kind;
  result.fault_word_offset = word_offset;
  result.message = message;
  return result;
}

}  // namespace

FunctionalNpu::FunctionalNpu(const isa::AcceleratorConfig& config)
    : config_(config), shram_(static_cast<size_t>(config.shram_kb) * 1024, 0) {}

void FunctionalNpu::set_base_pointer(int index, MemoryRegion region) {
  if (index < 0 || index >= static_cast<int>(regions_.size())) return;
  regions_[static_cast<size_t>(index)] = region;
}

ExecResult FunctionalNpu::execute(const isa::Operation& op) {
  NpuMemory memory;
  memory.regions = &regions_;
  memory.shram = &shram_;
  memory.weight_cache = &weight_cache_;
  memory.work_limit = work_limit_;
  return execute_operation(op, memory, config_);
}

NpuRunResult FunctionalNpu::run(const uint32_t* words, size_t word_count) {
  const isa::DecodedStream decoded = isa::decode_stream(words, word_count);
  NpuRunResult result;
  for (const isa::Operation& op : decoded.operations) {
    if (op.kind == isa::OperationKind::kStop) {
      result.stopped = true;
      break;
    }
    const ExecResult executed = execute(op);
    if (!executed.ok()) {
      NpuRunResult failed = fault(executed.fault, op.word_offset,
                                  "word " + std::to_string(op.word_offset) + ": " +
                                      operation_name(op.kind) + ": " + executed.message);
      failed.operations = result.operations;
      return failed;
    }
    if (observer_) observer_(op);
    if (op.kind != isa::OperationKind::kDmaWait && op.kind != isa::OperationKind::kKernelWait &&
        op.kind != isa::OperationKind::kPmuMask && op.kind != isa::OperationKind::kIrq) {
      ++result.operations;
    }
  }
  if (!decoded.status) {
    NpuRunResult failed = fault(NpuFault::kCommandParse, static_cast<uint32_t>(decoded.words_read),
                                decoded.status.message());
    failed.operations = result.operations;
    return failed;
  }
  if (!result.stopped) {
    NpuRunResult failed = fault(
        NpuFault::kCommandParse, static_cast<uint32_t>(decoded.words_read),
        "word " + std::to_string(decoded.words_read) + ": command stream ends without NPU_OP_STOP");
    failed.operations = result.operations;
    return failed;
  }
  return result;
}

}  // namespace vnpu::sim
