// A CpuOp whose eval runs one computation that prepare has bound: the kernel,
// its parameters, the tensor indices and the shapes, captured by value. Used by
// the element-wise, comparison, selection and reduction operators, whose
// kernels have many signatures (typed inputs, bool outputs, N inputs).
#pragma once

#include <functional>
#include <memory>
#include <utility>

#include "driver/cpu/cpu_op.h"

namespace vnpu::driver::cpu {

class ComputeOp final : public CpuOp {
 public:
  using Compute = std::function<void(const TensorMemory& memory)>;

  explicit ComputeOp(Compute compute) : compute_(std::move(compute)) {}

  Status eval(const TensorMemory& memory) const override {
    compute_(memory);
    return Status::ok();
  }

 private:
  Compute compute_;
};

inline PrepareResult make_compute_op(ComputeOp::Compute compute) {
  return std::unique_ptr<CpuOp>(std::make_unique<ComputeOp>(std::move(compute)));
}

}  // namespace vnpu::driver::cpu
