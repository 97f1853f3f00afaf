// SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND and MIRROR_PAD: prepare reads the
// constant block shape, paddings or crops and checks the output shape; eval runs
// the byte kernels of kernels/space_batch.h.
#include <string>
#include <vector>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/data_op_support.h"
#include "kernels/prepare/op_support.h"
#include "kernels/space_batch.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

enum class SpaceBatch { kToBatch, kToSpace };

class SpaceBatchOp final : public CpuOp {
 public:
  SpaceBatchOp(SpaceBatch kind, const kernels::SpaceBatchParams& params, const ir::Operator& op,
               const kernels::Dims& in, const kernels::Dims& out)
      : kind_(kind), params_(params), input_(op.inputs[0]), output_(op.outputs[0]), in_(in),
        out_(out) {}
  Status eval(const TensorMemory& memory) const override {
    if (kind_ == SpaceBatch::kToBatch) {
      kernels::space_to_batch_nd(params_, in_, memory.bytes(input_), out_, memory.bytes(output_));
    } else {
      kernels::batch_to_space_nd(params_, in_, memory.bytes(input_), out_, memory.bytes(output_));
    }
    return Status::ok();
  }

 private:
  SpaceBatch kind_;
  kernels::SpaceBatchParams params_;
  int32_t input_, output_;
  kernels::Dims in_, out_;
};

class MirrorPadOp final : public CpuOp {
 public:
  MirrorPadOp(const kernels::MirrorPadParams& params, const ir::Operator& op, const kernels::Dims& in,
              const kernels::Dims& out)
      : params_(params), input_(op.inputs[0]), output_(op.outputs[0]), in_(in), out_(out) {}
  Status eval(const TensorMemory& memory) const override {
    kernels::mirror_pad(params_, in_, memory.bytes(input_), out_, memory.bytes(output_));
    return Status::ok();
  }

 private:
  kernels::MirrorPadParams params_;
  int32_t input_, output_;
  kernels::Dims in_, out_;
};

// A 3-d [N, H, C] shape as the 4-d [N, H, 1, C] the kernels take.
kernels::Dims as_nhwc(const ir::Shape& shape) {
  if (shape.size() == 3) return kernels::Dims{shape[0], shape[1], 1, shape[2]};
  return kernels::Dims::from(shape);
}

PrepareResult prepare_space_batch(const ir::Graph& graph, const ir::Operator& op, SpaceBatch kind) {
  if (Status s = prepare::check_operand_counts(op, 3, 3, 1); !s) return s;
  if (Status s = data::check_same_type(graph, op.inputs[0], op.outputs[0], "input", "output"); !s) {
    return s;
  }
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  if (in.size() != 3 && in.size() != 4) {
    return Status::unsupported("input " + prepare::describe_tensor(graph, op.inputs[0]) +
                               ": expected rank 3 or 4");
  }
  const size_t spatial = in.size() - 2;
  auto block = data::constant_values(graph, op.inputs[1], "block_shape");
  if (!block) return block.status();
  auto pads = data::constant_values(graph, op.inputs[2], kind == SpaceBatch::kToBatch ? "paddings" : "crops");
  if (!pads) return pads.status();
  if (block->size() != spatial || pads->size() != 2 * spatial) {
    return Status::invalid_input("block_shape and paddings/crops must have " +
                                 std::to_string(spatial) + " and " + std::to_string(2 * spatial) +
                                 " values");
  }
  ir::Shape expected = in;
  int64_t block_product = 1;
  for (size_t d = 0; d < spatial; ++d) {
    const int64_t b = (*block)[d];
    const int64_t before = (*pads)[2 * d];
    const int64_t after = (*pads)[2 * d + 1];
    if (b < 1 || before < 0 || after < 0) {
      return Status::invalid_input("block_shape must be >= 1 and paddings/crops >= 0 (axis " +
                                   std::to_string(d + 1) + ")");
    }
    block_product *= b;
    const int64_t size = in[d + 1];
    if (kind == SpaceBatch::kToBatch) {
      if ((size + before + after) % b != 0) {
        return Status::invalid_input("padded axis " + std::to_string(d + 1) +
                                     " is not a multiple of its block size");
      }
      expected[d + 1] = static_cast<int32_t>((size + before + after) / b);
    } else {
      if (size * b < before + after) {
        return Status::invalid_input("crops of axis " + std::to_string(d + 1) + " exceed its size");
      }
      expected[d + 1] = static_cast<int32_t>(size * b - before - after);
    }
  }
  if (kind == SpaceBatch::kToBatch) {
    expected[0] = static_cast<int32_t>(in[0] * block_product);
  } else if (in[0] % block_product != 0) {
    return Status::invalid_input("input batch is not a multiple of the block size product");
  } else {
    expected[0] = static_cast<int32_t>(in[0] / block_product);
  }
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  kernels::SpaceBatchParams params;
  params.block_h = static_cast<int32_t>((*block)[0]);
  params.block_w = spatial == 2 ? static_cast<int32_t>((*block)[1]) : 1;
  params.before_h = static_cast<int32_t>((*pads)[0]);
  params.before_w = spatial == 2 ? static_cast<int32_t>((*pads)[2]) : 0;
  params.element_bytes = ir::element_size(graph.tensor(op.outputs[0]).type);
  // TFLM pads with its SpaceToBatchParams::output_offset, which its prepare leaves 0.
  params.pad_byte = 0;
  return std::unique_ptr<CpuOp>(
      std::make_unique<SpaceBatchOp>(kind, params, op, as_nhwc(in), as_nhwc(expected)));
}

}  // namespace

PrepareResult prepare_space_to_batch_nd(const ir::Graph& graph, const ir::Operator& op,
                                        const CpuOptions& /*cpu_options*/) {
  return prepare_space_batch(graph, op, SpaceBatch::kToBatch);
}

PrepareResult prepare_batch_to_space_nd(const ir::Graph& graph, const ir::Operator& op,
                                        const CpuOptions& /*cpu_options*/) {
  return prepare_space_batch(graph, op, SpaceBatch::kToSpace);
}

PrepareResult prepare_mirror_pad(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (Status s = data::check_same_type(graph, op.inputs[0], op.outputs[0], "input", "output"); !s) {
    return s;
  }
  auto in = data::dims_of(graph, op.inputs[0], "input");
  if (!in) return in.status();
  auto pads = data::constant_values(graph, op.inputs[1], "paddings");
  if (!pads) return pads.status();
  const int rank = in->rank();
  if (graph.tensor(op.inputs[1]).shape != ir::Shape{rank, 2}) {
    return Status::invalid_input("paddings " + prepare::describe_tensor(graph, op.inputs[1]) +
                                 ": expected shape [" + std::to_string(rank) + ",2]");
  }
  kernels::MirrorPadParams params;
  params.reflect = data::options_or_default<ir::MirrorPadOptions>(op).mode == ir::MirrorPadMode::kReflect;
  params.element_bytes = ir::element_size(graph.tensor(op.outputs[0]).type);
  const int64_t edge = params.reflect ? 1 : 0;  // REFLECT cannot mirror the edge element
  ir::Shape expected;
  for (int d = 0; d < rank; ++d) {
    const auto i = static_cast<size_t>(d);
    const int64_t before = (*pads)[2 * i];
    const int64_t after = (*pads)[2 * i + 1];
    if (before < 0 || after < 0 || before > (*in)[d] - edge || after > (*in)[d] - edge) {
      return Status::invalid_input("paddings: axis " + std::to_string(d) + " pads " +
                                   std::to_string(before) + "," + std::to_string(after) +
                                   ", more than the mode allows for size " + std::to_string((*in)[d]));
    }
    params.left[i] = static_cast<int32_t>(before);
    expected.push_back(static_cast<int32_t>((*in)[d] + before + after));
  }
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  return std::unique_ptr<CpuOp>(
      std::make_unique<MirrorPadOp>(params, op, *in, kernels::Dims::from(expected)));
}

}  // namespace vnpu::driver::cpu
