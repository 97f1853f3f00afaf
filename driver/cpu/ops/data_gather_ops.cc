// GATHER, GATHER_ND, EMBEDDING_LOOKUP and DYNAMIC_UPDATE_SLICE: operators
// whose indices are data (inputs read at eval). Prepare checks shapes and
// types and precomputes the sizes; eval runs the kernel and reports an index
// outside the params as an error naming the operator (TFLM fails the Invoke
// there too). DYNAMIC_UPDATE_SLICE clamps its start indices as TFLM does.
#include <algorithm>
#include <string>
#include <vector>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/data_op_support.h"
#include "kernels/gather.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

Status index_status(const kernels::IndexCheck& check, const char* what) {
  if (check.ok) return Status::ok();
  return Status::invalid_input(std::string(what) + " holds index " + std::to_string(check.index) +
                               ", outside the params tensor's [0, " + std::to_string(check.limit) +
                               ")");
}

// GATHER (also the integer EMBEDDING_LOOKUP) and GATHER_ND: a kernel that copies what
// int32 or int64 indices address and reports the first index out of range.
template <typename Params, kernels::IndexCheck (*Kernel)(const Params&, const uint8_t*, const void*,
                                                         size_t, uint8_t*)>
class IndexedCopyOp final : public CpuOp {
 public:
  IndexedCopyOp(const Params& params, int32_t input, int32_t indices, size_t index_bytes,
                int32_t output)
      : params_(params),
        input_(input),
        indices_(indices),
        index_bytes_(index_bytes),
        output_(output) {}
  Status eval(const TensorMemory& memory) const override {
    return index_status(Kernel(params_, memory.bytes(input_), memory.bytes(indices_), index_bytes_,
                               memory.bytes(output_)),
                        "the indices tensor");
  }

 private:
  Params params_;
  int32_t input_, indices_;
  size_t index_bytes_;
  int32_t output_;
};

using GatherOp = IndexedCopyOp<kernels::GatherParams, kernels::gather>;
using GatherNdOp = IndexedCopyOp<kernels::GatherNdParams, kernels::gather_nd>;

class EmbeddingLookupF32Op final : public CpuOp {
 public:
  EmbeddingLookupF32Op(const ir::Operator& op, int64_t ids, int64_t rows, int64_t columns,
                       float scale)
      : ids_(op.inputs[0]),
        value_(op.inputs[1]),
        output_(op.outputs[0]),
        id_count_(ids),
        rows_(rows),
        columns_(columns),
        scale_(scale) {}
  Status eval(const TensorMemory& memory) const override {
    return index_status(
        kernels::s8_embedding_lookup_f32(memory.get<const int32_t>(ids_), id_count_,
                                         memory.get<const int8_t>(value_), rows_, columns_, scale_,
                                         memory.get<float>(output_)),
        "the lookup tensor");
  }

 private:
  int32_t ids_, value_, output_;
  int64_t id_count_, rows_, columns_;
  float scale_;
};

class DynamicUpdateSliceOp final : public CpuOp {
 public:
  DynamicUpdateSliceOp(const ir::Operator& op, const kernels::Dims& operand,
                       const kernels::Dims& update, size_t element_bytes, bool int64_starts)
      : operand_(op.inputs[0]),
        update_(op.inputs[1]),
        starts_(op.inputs[2]),
        output_(op.outputs[0]),
        operand_dims_(operand),
        update_dims_(update),
        element_bytes_(element_bytes),
        int64_starts_(int64_starts) {}

  Status eval(const TensorMemory& memory) const override {
    const kernels::View whole = kernels::contiguous_view(operand_dims_);
    if (memory.bytes(operand_) != memory.bytes(output_)) {
      kernels::copy_view(element_bytes_, whole, memory.bytes(operand_), whole,
                         memory.bytes(output_));
    }
    kernels::View dst = whole;
    for (int d = 0; d < operand_dims_.rank(); ++d) {
      const auto i = static_cast<size_t>(d);
      const int64_t start = int64_starts_ ? memory.get<const int64_t>(starts_)[i]
                                          : memory.get<const int32_t>(starts_)[i];
      // TFLM: clamp into [0, operand - update].
      const int64_t clamped =
          std::min<int64_t>(std::max<int64_t>(start, 0), operand_dims_[d] - update_dims_[d]);
      dst.extent[i] = update_dims_[d];
      dst.offset += clamped * whole.stride[i];
    }
    kernels::copy_view(element_bytes_, kernels::contiguous_view(update_dims_),
                       memory.bytes(update_), dst, memory.bytes(output_));
    return Status::ok();
  }

 private:
  int32_t operand_, update_, starts_, output_;
  kernels::Dims operand_dims_, update_dims_;
  size_t element_bytes_;
  bool int64_starts_;
};

Status check_indices(const ir::Graph& graph, int32_t index, const char* role) {
  return data::check_one_of(graph, index, {ir::DataType::kInt32, ir::DataType::kInt64}, role);
}

int64_t product(const ir::Shape& shape, size_t first, size_t last) {
  int64_t p = 1;
  for (size_t i = first; i < last; ++i) p *= shape[i];
  return p;
}

}  // namespace

PrepareResult prepare_gather(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (Status s = data::check_same_type(graph, op.inputs[0], op.outputs[0], "params", "output");
      !s) {
    return s;
  }
  if (Status s = check_indices(graph, op.inputs[1], "indices"); !s) return s;
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& coords = graph.tensor(op.inputs[1]).shape;
  const auto o = data::options_or_default<ir::GatherOptions>(op);
  auto axis = data::normalized_axis(o.axis, static_cast<int>(in.size()), "axis");
  if (!axis) return axis.status();
  const int64_t batch_dims =
      o.batch_dims < 0 ? o.batch_dims + static_cast<int64_t>(coords.size()) : o.batch_dims;
  if (batch_dims < 0 || batch_dims > *axis || batch_dims > static_cast<int64_t>(coords.size())) {
    return Status::invalid_input("batch_dims " + std::to_string(o.batch_dims) +
                                 " must be in [0, min(axis, indices rank)]");
  }
  const auto bd = static_cast<size_t>(batch_dims);
  for (size_t d = 0; d < bd; ++d) {
    if (in[d] != coords[d]) {
      return Status::invalid_input("indices: batch dimension " + std::to_string(d) +
                                   " differs from the params'");
    }
  }
  const auto a = static_cast<size_t>(*axis);
  ir::Shape expected(in.begin(), in.begin() + *axis);
  expected.insert(expected.end(), coords.begin() + batch_dims, coords.end());
  expected.insert(expected.end(), in.begin() + *axis + 1, in.end());
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  kernels::GatherParams params;
  params.batch = product(in, 0, bd);
  params.outer = product(in, bd, a);
  params.axis_size = in[a];
  params.inner = product(in, a + 1, in.size());
  params.coords = product(coords, bd, coords.size());
  params.element_bytes = ir::element_size(graph.tensor(op.outputs[0]).type);
  return std::unique_ptr<CpuOp>(
      std::make_unique<GatherOp>(params, op.inputs[0], op.inputs[1],
                                 ir::element_size(graph.tensor(op.inputs[1]).type), op.outputs[0]));
}

PrepareResult prepare_gather_nd(const ir::Graph& graph, const ir::Operator& op,
                                const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (Status s = data::check_same_type(graph, op.inputs[0], op.outputs[0], "params", "output");
      !s) {
    return s;
  }
  if (Status s = check_indices(graph, op.inputs[1], "indices"); !s) return s;
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& indices = graph.tensor(op.inputs[1]).shape;
  if (indices.empty() || indices.back() < 1 || static_cast<size_t>(indices.back()) > in.size() ||
      indices.back() > kernels::GatherNdParams::kMaxDepth) {
    return Status::invalid_input("indices " + prepare::describe_tensor(graph, op.inputs[1]) +
                                 ": the last dimension must be in [1, params rank]");
  }
  const auto depth = static_cast<size_t>(indices.back());
  ir::Shape expected(indices.begin(), indices.end() - 1);
  expected.insert(expected.end(), in.begin() + static_cast<std::ptrdiff_t>(depth), in.end());
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  kernels::GatherNdParams params;
  params.count = product(indices, 0, indices.size() - 1);
  params.depth = static_cast<int>(depth);
  params.slice_elements = product(in, depth, in.size());
  for (size_t j = 0; j < depth; ++j) {
    params.dims[j] = in[j];
    params.strides[j] = product(in, j + 1, in.size());
  }
  params.element_bytes = ir::element_size(graph.tensor(op.outputs[0]).type);
  return std::unique_ptr<CpuOp>(std::make_unique<GatherNdOp>(
      params, op.inputs[0], op.inputs[1], ir::element_size(graph.tensor(op.inputs[1]).type),
      op.outputs[0]));
}

PrepareResult prepare_embedding_lookup(const ir::Graph& graph, const ir::Operator& op,
                                       const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  const int32_t ids = op.inputs[0];
  const int32_t value = op.inputs[1];
  const int32_t output = op.outputs[0];
  if (Status s = prepare::check_type(graph, ids, ir::DataType::kInt32, "lookup"); !s) return s;
  if (Status s = prepare::check_rank(graph, ids, 1, "lookup"); !s) return s;
  const ir::Shape& rows = graph.tensor(value).shape;
  if (rows.size() < 2) {
    return Status::invalid_input("value " + prepare::describe_tensor(graph, value) +
                                 ": expected rank 2 or more");
  }
  ir::Shape expected = rows;
  expected[0] = graph.tensor(ids).shape[0];
  if (Status s = data::check_shape(graph, output, expected, "output"); !s) return s;
  const int64_t columns = product(rows, 1, rows.size());
  const ir::Tensor& out = graph.tensor(output);
  const ir::Tensor& val = graph.tensor(value);
  if (val.type == ir::DataType::kInt8 && out.type == ir::DataType::kFloat32) {
    if (Status s = prepare::check_per_tensor_quantized(graph, value, "value"); !s) return s;
    if (val.quantization.zero_point() != 0) {
      return Status::unsupported("value " + prepare::describe_tensor(graph, value) +
                                 ": the zero point must be 0 for a float output");
    }
    return std::unique_ptr<CpuOp>(std::make_unique<EmbeddingLookupF32Op>(
        op, expected[0], rows[0], columns, val.quantization.scale()));
  }
  if (Status s = data::check_same_type(graph, value, output, "value", "output"); !s) return s;
  kernels::GatherParams params;
  params.axis_size = rows[0];
  params.inner = columns;
  params.coords = expected[0];
  params.element_bytes = ir::element_size(out.type);
  return std::unique_ptr<CpuOp>(std::make_unique<GatherOp>(params, value, ids, 4, output));
}

PrepareResult prepare_dynamic_update_slice(const ir::Graph& graph, const ir::Operator& op,
                                           const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 3, 3, 1); !s) return s;
  const int32_t operand = op.inputs[0];
  const int32_t update = op.inputs[1];
  if (Status s = data::check_same_type(graph, operand, op.outputs[0], "operand", "output"); !s) {
    return s;
  }
  if (Status s = data::check_same_type(graph, operand, update, "operand", "update"); !s) return s;
  if (Status s = prepare::check_same_shape(graph, operand, op.outputs[0]); !s) return s;
  if (Status s = check_indices(graph, op.inputs[2], "start_indices"); !s) return s;
  auto operand_dims = data::dims_of(graph, operand, "operand");
  if (!operand_dims) return operand_dims.status();
  auto update_dims = data::dims_of(graph, update, "update");
  if (!update_dims) return update_dims.status();
  const int rank = operand_dims->rank();
  if (update_dims->rank() != rank ||
      graph.tensor(op.inputs[2]).shape != ir::Shape{static_cast<int32_t>(rank)}) {
    return Status::invalid_input("update and start_indices must match the operand's rank " +
                                 std::to_string(rank));
  }
  for (int d = 0; d < rank; ++d) {
    if ((*update_dims)[d] > (*operand_dims)[d]) {
      return Status::invalid_input("update " + prepare::describe_tensor(graph, update) +
                                   ": larger than the operand along axis " + std::to_string(d));
    }
  }
  const bool int64_starts = graph.tensor(op.inputs[2]).type == ir::DataType::kInt64;
  return std::unique_ptr<CpuOp>(std::make_unique<DynamicUpdateSliceOp>(
      op, *operand_dims, *update_dims, ir::element_size(graph.tensor(operand).type), int64_starts));
}

}  // namespace vnpu::driver::cpu
