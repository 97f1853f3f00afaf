// The elementwise arithmetic of one element (docs/npu_semantics.md): the
// operands A and B (zero points subtracted, in operand order) give the
// requantized result before the output stage. Used by execute_elementwise
// and, as the reference, by the RTL elementwise unit's testbench.
#pragma once

#include <cstdint>

#include "isa/register_state.h"

namespace vnpu::sim {

struct Operands {
  int64_t a = 0;
  int64_t b = 0;
};

class ElementwiseUnit {
 public:
  explicit ElementwiseUnit(const isa::Operation& op) : op_(op), s_(op.state) {}

  // The requantized result for operands (A, B), before the output stage.
  int64_t compute(Operands in) const;

 private:
  int64_t add_sub(Operands in) const;

  const isa::Operation& op_;
  const isa::RegisterState& s_;
};

}  // namespace vnpu::sim
