#include "driver/cpu/ops/s32_arithmetic_op.h"

#include <memory>
#include <string>

#include "driver/cpu/ops/elementwise_op_support.h"

namespace vnpu::driver::cpu {
namespace {

namespace prepare = kernels::prepare;

const char* operation_name(kernels::S32Arithmetic operation) {
  switch (operation) {
    case kernels::S32Arithmetic::kAdd: return "ADD";
    case kernels::S32Arithmetic::kMul: return "MUL";
    case kernels::S32Arithmetic::kDiv: return "DIV";
  }
  return "?";
}

class S32ArithmeticOp final : public CpuOp {
 public:
  S32ArithmeticOp(const ir::Operator& op, kernels::S32Arithmetic operation, BinaryDims dims)
      : in1_(op.inputs[0]), in2_(op.inputs[1]), out_(op.outputs[0]), operation_(operation),
        dims_(dims) {}

  // DIV's divisor is data prepare cannot see: a zero (TFLM traps) fails here.
  Status eval(const TensorMemory& memory) const override {
    const int64_t failed = kernels::s32_arithmetic(
        operation_, dims_.input1, memory.get<const int32_t>(in1_), dims_.input2,
        memory.get<const int32_t>(in2_), dims_.output, memory.get<int32_t>(out_));
    if (failed < 0) return Status::ok();
    return Status::invalid_input("DIV: int32 division by zero or overflow at output element " +
                                 std::to_string(failed));
  }

 private:
  int32_t in1_, in2_, out_;
  kernels::S32Arithmetic operation_;
  BinaryDims dims_;
};

}  // namespace

PrepareResult prepare_s32_arithmetic(const ir::Graph& graph, const ir::Operator& op,
                                     kernels::S32Arithmetic operation) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (Status s = check_type_like(graph, op.inputs[1], "input 2", op.inputs[0]); !s) return s;
  if (Status s = check_type_like(graph, op.outputs[0], "output", op.inputs[0]); !s) return s;
  if (prepare::elementwise_activation(op) != ir::FusedActivation::kNone) {
    return Status::unsupported(std::string(operation_name(operation)) +
                               " on int32: only fused activation NONE is supported");
  }
  const Expected<BinaryDims> dims = binary_dims(graph, op);
  if (!dims) return dims.status();
  return std::unique_ptr<CpuOp>(std::make_unique<S32ArithmeticOp>(op, operation, *dims));
}

}  // namespace vnpu::driver::cpu
