// The functional NPU: untimed, bit-accurate execution of an Ethos-U55
// command stream against memory, as the hardware would compute it.
//
// Contract: the caller maps base pointers BASEP0..7 to host memory regions
// (region 0 = weights/flash, 1 = arena, 2 = fast scratch, ... as the payload
// says), then run() fetches and decodes the stream, executes every kick-off
// in order and stops at NPU_OP_STOP. A malformed stream or an access outside
// a mapped region never touches host memory out of bounds: it stops the NPU
// with the STATUS fault bit the hardware would raise (cmd_parse_error,
// bus_status, wd_fault) and a message naming the command and its word offset.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "isa/accelerator_config.h"
#include "isa/register_state.h"
#include "sim/functional/weight_cache.h"

namespace vnpu::sim {

struct ExecResult;

struct MemoryRegion {
  uint8_t* data = nullptr;
  uint64_t size = 0;
};

enum class NpuFault : uint8_t {
  kNone,
  kCommandParse,  // STATUS.cmd_parse_error: unknown opcode, reserved bits, field out of range, stream past its end
  kBus,           // STATUS.bus_status: an access outside the region its base pointer maps
  kWeightDecode,  // STATUS.wd_fault: corrupt weight stream
};

struct NpuRunResult {
  NpuFault fault = NpuFault::kNone;
  uint32_t fault_word_offset = 0;  // the command that faulted, in 32-bit words from the stream start
  std::string message;             // one line: what and where; empty when no fault
  uint64_t operations = 0;         // kick-off commands executed (NPU_OP_CONV, ..., DMA)
  bool stopped = false;            // NPU_OP_STOP reached (STATUS.cmd_end_reached)

  bool ok() const { return fault == NpuFault::kNone && stopped; }
};

class FunctionalNpu {
 public:
  explicit FunctionalNpu(const isa::AcceleratorConfig& config);

  // Maps BASEP[index] (0..7) to a host region; unmapped regions have size 0.
  void set_base_pointer(int index, MemoryRegion region);

  // Called after every kick-off that completed without a fault (tracing, per-layer debugging).
  using Observer = std::function<void(const isa::Operation&)>;
  void set_observer(Observer observer) { observer_ = std::move(observer); }

  // The most element steps (multiply-accumulates, pooled or elementwise elements) one
  // operation may take before the model stops it with a command-parse fault; the hardware
  // has no such limit, the simulator needs one so that absurd sizes cannot hang it.
  static constexpr uint64_t kDefaultWorkLimit = uint64_t{1} << 32;
  void set_work_limit(uint64_t steps) { work_limit_ = steps; }

  // Executes the command stream (the words after the COP1 header).
  NpuRunResult run(const uint32_t* words, size_t word_count);

 private:
  // Executes one kick-off against the mapped memory.
  ExecResult execute(const isa::Operation& op);

  isa::AcceleratorConfig config_;
  std::array<MemoryRegion, 8> regions_{};
  std::vector<uint8_t> shram_;  // internal buffer; the activation LUT is DMA'd here
  WeightCache weight_cache_;  // decoded weight streams, reused across runs
  Observer observer_;
  uint64_t work_limit_ = kDefaultWorkLimit;
};

}  // namespace vnpu::sim
