// RESHAPE and SQUEEZE: the output holds the input's bytes under another
// shape (TFLM reshape.cc copies them when the tensors do not alias). Prepare
// checks equal types and element counts; the optional shape operand of
// RESHAPE and the options only restate the output shape and are not needed.
#include <cstring>
#include <memory>
#include <string>

#include "driver/cpu/ops.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

class ReshapeOp final : public CpuOp {
 public:
  ReshapeOp(int32_t input, int32_t output, size_t size_bytes)
      : input_(input), output_(output), size_bytes_(size_bytes) {}

  Status eval(const TensorMemory& memory) const override {
    const uint8_t* in = memory.bytes(input_);
    uint8_t* out = memory.bytes(output_);
    if (in != out && size_bytes_ > 0) std::memmove(out, in, size_bytes_);
    return Status::ok();
  }

 private:
  int32_t input_, output_;
  size_t size_bytes_;
};

}  // namespace

PrepareResult prepare_reshape(const ir::Graph& graph, const ir::Operator& op,
                              const CpuOptions& /*cpu_options*/) {
  const size_t max_inputs = op.type == ir::OpType::kReshape ? 2 : 1;
  if (Status s = prepare::check_operand_counts(op, 1, max_inputs, 1); !s) return s;
  const ir::Tensor& input = graph.tensor(op.inputs[0]);
  const ir::Tensor& output = graph.tensor(op.outputs[0]);
  if (input.type != output.type) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                                 ": type differs from input " +
                                 prepare::describe_tensor(graph, op.inputs[0]));
  }
  if (input.element_count() != output.element_count()) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                                 ": element count differs from input " +
                                 prepare::describe_tensor(graph, op.inputs[0]));
  }
  return std::unique_ptr<CpuOp>(std::make_unique<ReshapeOp>(
      op.inputs[0], op.outputs[0], static_cast<size_t>(output.size_bytes())));
}

}  // namespace vnpu::driver::cpu
