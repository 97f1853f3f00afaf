// The output stage shared by every block operation: requantization with the
// OFM round mode, then zero point, activation function (none/clamp, tanh,
// sigmoid, or a lookup table in SHRAM) and the clamp, giving the value stored.
//
// Rules (docs/npu_semantics.md §3, §4):
//  - requantization is isa::scale_value (isa/output_scaling.h).
//  - 8/16-bit OFM: + OFM zero point, then the activation, then the clamp to
//    [ACTIVATION_MIN, ACTIVATION_MAX] within the type (or the forced clip range).
//  - 32-bit OFM: no zero point and no ACTIVATION_MIN/MAX clamp (16-bit fields
//    cannot describe an int32 range); the value saturates to int32. With a
//    lookup table the index is formed as for an 8-bit OFM in the clip range.
//  - Lookup table k (ACTIVATION 16+k) starts 256*k bytes into the 2 KB LUT
//    area at the top of SHRAM. An 8-bit index reads 256 entries of the OFM
//    element width (1, 2 or 4 bytes); a 16-bit OFM reads 512 int32 entries
//    (base in bits 15:0, slope in bits 31:16) and interpolates.
#pragma once

#include <cstdint>

#include "isa/output_scaling.h"
#include "isa/register_state.h"
#include "sim/functional/exec_result.h"

namespace vnpu::sim {

// The accumulator as ACC_FORMAT holds it: `acc` wrapped to 32 or 40 bits
// (two's complement), sign-extended.
int64_t wrap_accumulator(int64_t acc, isa::AccFormat format);

using isa::scale_value;
using isa::shift_right_rounded;

int64_t saturate(int64_t value, int64_t low, int64_t high);

class OutputStage {
 public:
  // Validates the activation registers and the OFM type against `op`; a LUT
  // function needs its table inside SHRAM.
  static ExecResult create(const isa::Operation& op, const NpuMemory& memory, OutputStage* out);

  // The value to store for a requantized result `value` (before the zero point).
  int64_t finish(int64_t value) const;

 private:
  enum class Function : uint8_t { kClamp, kTanh, kSigmoid, kLut };
  int64_t lookup(int64_t value) const;
  int64_t lookup16(int64_t value) const;

  Function function_ = Function::kClamp;
  int ofm_bits_ = 8;
  bool ofm_signed_ = true;
  int64_t zero_point_ = 0;
  int64_t low_ = 0;   // clamp applied to the value (LUT: to the index)
  int64_t high_ = 0;
  int64_t index_low_ = 0;   // first LUT index value
  int64_t index_high_ = 0;  // last LUT index value
  const uint8_t* table_ = nullptr;
  int entry_bytes_ = 1;
  bool lut16_ = false;
};

}  // namespace vnpu::sim
