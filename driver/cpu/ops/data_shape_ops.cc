// SHAPE, FILL, ZEROS_LIKE, BROADCAST_ARGS and CAST: operators that write shapes,
// constants or converted elements rather than rearranging their input.
//  - SHAPE writes the input's static shape (int32 or int64), computed in prepare.
//  - FILL repeats its scalar value input over the output (the dims operand must
//    be constant and equal the output shape).
//  - ZEROS_LIKE writes raw zero bytes (TFLM writes 0, not the zero point).
//  - BROADCAST_ARGS broadcasts two shape vectors at eval (they may be inputs);
//    incompatible shapes are reported as an error, as TFLM does.
//  - CAST converts element by element (kernels/cast.h).
#include <optional>
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/data_op_support.h"
#include "kernels/cast.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

// Writes fixed bytes to the output (SHAPE).
class ConstantOutputOp final : public CpuOp {
 public:
  ConstantOutputOp(int32_t output, std::vector<uint8_t> bytes)
      : output_(output), bytes_(std::move(bytes)) {}
  Status eval(const TensorMemory& memory) const override {
    if (!bytes_.empty()) std::memcpy(memory.bytes(output_), bytes_.data(), bytes_.size());
    return Status::ok();
  }

 private:
  int32_t output_;
  std::vector<uint8_t> bytes_;
};

class FillOp final : public CpuOp {
 public:
  FillOp(int32_t value, int32_t output, size_t element_bytes, int64_t count)
      : value_(value), output_(output), element_bytes_(element_bytes), count_(count) {}
  Status eval(const TensorMemory& memory) const override {
    kernels::fill_elements(element_bytes_, memory.bytes(value_), count_, memory.bytes(output_));
    return Status::ok();
  }

 private:
  int32_t value_, output_;
  size_t element_bytes_;
  int64_t count_;
};

class ZerosOp final : public CpuOp {
 public:
  ZerosOp(int32_t output, size_t bytes) : output_(output), bytes_(bytes) {}
  Status eval(const TensorMemory& memory) const override {
    if (bytes_ > 0) std::memset(memory.bytes(output_), 0, bytes_);
    return Status::ok();
  }

 private:
  int32_t output_;
  size_t bytes_;
};

// BROADCAST_ARGS on int32 or int64 shape vectors.
class BroadcastArgsOp final : public CpuOp {
 public:
  BroadcastArgsOp(const ir::Operator& op, bool is_int64, size_t size1, size_t size2)
      : in1_(op.inputs[0]), in2_(op.inputs[1]), out_(op.outputs[0]), is_int64_(is_int64),
        size1_(size1), size2_(size2) {}

  Status eval(const TensorMemory& memory) const override {
    const size_t rank = std::max(size1_, size2_);
    for (size_t i = 0; i < rank; ++i) {
      // Right-aligned: a missing leading dimension is 1.
      const int64_t a = i + size1_ >= rank ? read(in1_, i + size1_ - rank, memory) : 1;
      const int64_t b = i + size2_ >= rank ? read(in2_, i + size2_ - rank, memory) : 1;
      if (a != b && a != 1 && b != 1) {
        return Status::invalid_input("shapes do not broadcast: dimension " + std::to_string(i) +
                                     " is " + std::to_string(a) + " and " + std::to_string(b));
      }
      write(a == 1 ? b : a, i, memory);
    }
    return Status::ok();
  }

 private:
  int64_t read(int32_t tensor, size_t i, const TensorMemory& memory) const {
    if (is_int64_) return memory.get<const int64_t>(tensor)[i];
    return memory.get<const int32_t>(tensor)[i];
  }
  void write(int64_t value, size_t i, const TensorMemory& memory) const {
    if (is_int64_) {
      memory.get<int64_t>(out_)[i] = value;
    } else {
      memory.get<int32_t>(out_)[i] = static_cast<int32_t>(value);
    }
  }
  int32_t in1_, in2_, out_;
  bool is_int64_;
  size_t size1_, size2_;
};

class CastOp final : public CpuOp {
 public:
  CastOp(const ir::Operator& op, kernels::CastType from, kernels::CastType to, int64_t count)
      : input_(op.inputs[0]), output_(op.outputs[0]), from_(from), to_(to), count_(count) {}
  Status eval(const TensorMemory& memory) const override {
    kernels::cast_elements(from_, memory.bytes(input_), to_, memory.bytes(output_), count_);
    return Status::ok();
  }

 private:
  int32_t input_, output_;
  kernels::CastType from_, to_;
  int64_t count_;
};

// The kernel's element type of a tensor type; nullopt for a type CAST cannot convert (a resource).
std::optional<kernels::CastType> cast_type(ir::DataType type) {
  switch (type) {
    case ir::DataType::kInt8: return kernels::CastType::kInt8;
    case ir::DataType::kUInt8: return kernels::CastType::kUInt8;
    case ir::DataType::kInt16: return kernels::CastType::kInt16;
    case ir::DataType::kInt32: return kernels::CastType::kInt32;
    case ir::DataType::kInt64: return kernels::CastType::kInt64;
    case ir::DataType::kUInt32: return kernels::CastType::kUInt32;
    case ir::DataType::kUInt64: return kernels::CastType::kUInt64;
    case ir::DataType::kFloat32: return kernels::CastType::kFloat32;
    case ir::DataType::kBool: return kernels::CastType::kBool;
    case ir::DataType::kResource: return std::nullopt;
  }
  return std::nullopt;
}

Status check_shape_vector(const ir::Graph& graph, int32_t index, const char* role) {
  if (Status s = data::check_one_of(graph, index, {ir::DataType::kInt32, ir::DataType::kInt64}, role);
      !s) {
    return s;
  }
  return prepare::check_rank(graph, index, 1, role);
}

}  // namespace

PrepareResult prepare_shape(const ir::Graph& graph, const ir::Operator& op,
                            const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const int32_t output = op.outputs[0];
  if (Status s = data::check_one_of(graph, output, {ir::DataType::kInt32, ir::DataType::kInt64},
                                    "output");
      !s) {
    return s;
  }
  if (Status s = data::check_shape(graph, output, {static_cast<int32_t>(in.size())}, "output"); !s) {
    return s;
  }
  const bool is_int64 = graph.tensor(output).type == ir::DataType::kInt64;
  if (const auto* o = std::get_if<ir::ShapeOptions>(&op.options);
      o != nullptr && o->out_type != graph.tensor(output).type) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, output) +
                                 ": out_type is " + ir::data_type_name(o->out_type));
  }
  std::vector<uint8_t> bytes;
  for (int32_t dim : in) {
    const int64_t wide = dim;
    const auto* p = reinterpret_cast<const uint8_t*>(&wide);
    const auto* narrow = reinterpret_cast<const uint8_t*>(&dim);
    if (is_int64) {
      bytes.insert(bytes.end(), p, p + 8);
    } else {
      bytes.insert(bytes.end(), narrow, narrow + 4);
    }
  }
  return std::unique_ptr<CpuOp>(std::make_unique<ConstantOutputOp>(output, std::move(bytes)));
}

PrepareResult prepare_fill(const ir::Graph& graph, const ir::Operator& op,
                           const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  const int32_t value = op.inputs[1];
  const int32_t output = op.outputs[0];
  if (Status s = data::check_same_type(graph, value, output, "value", "output"); !s) return s;
  if (graph.tensor(value).element_count() != 1) {
    return Status::invalid_input("value " + prepare::describe_tensor(graph, value) +
                                 ": expected one element");
  }
  auto dims = data::constant_values(graph, op.inputs[0], "dims");
  if (!dims) return dims.status();
  ir::Shape expected;
  for (int64_t d : *dims) {
    if (d < 0 || d > INT32_MAX) return Status::invalid_input("dims: size " + std::to_string(d));
    expected.push_back(static_cast<int32_t>(d));
  }
  if (Status s = data::check_shape(graph, output, expected, "output"); !s) return s;
  return std::unique_ptr<CpuOp>(std::make_unique<FillOp>(
      value, output, ir::element_size(graph.tensor(output).type), graph.tensor(output).element_count()));
}

PrepareResult prepare_zeros_like(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  if (Status s = data::check_same_type(graph, op.inputs[0], op.outputs[0], "input", "output"); !s) {
    return s;
  }
  if (Status s = prepare::check_same_shape(graph, op.inputs[0], op.outputs[0]); !s) return s;
  return std::unique_ptr<CpuOp>(std::make_unique<ZerosOp>(
      op.outputs[0], static_cast<size_t>(graph.tensor(op.outputs[0]).size_bytes())));
}

PrepareResult prepare_broadcast_args(const ir::Graph& graph, const ir::Operator& op,
                                     const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (Status s = check_shape_vector(graph, op.inputs[0], "shape 1"); !s) return s;
  if (Status s = data::check_same_type(graph, op.inputs[0], op.inputs[1], "shape 1", "shape 2"); !s) {
    return s;
  }
  if (Status s = data::check_same_type(graph, op.inputs[0], op.outputs[0], "shape 1", "output"); !s) {
    return s;
  }
  if (Status s = check_shape_vector(graph, op.inputs[1], "shape 2"); !s) return s;
  const auto size1 = static_cast<size_t>(graph.tensor(op.inputs[0]).element_count());
  const auto size2 = static_cast<size_t>(graph.tensor(op.inputs[1]).element_count());
  const auto rank = static_cast<int32_t>(std::max(size1, size2));
  if (Status s = data::check_shape(graph, op.outputs[0], {rank}, "output"); !s) return s;
  const bool is_int64 = graph.tensor(op.outputs[0]).type == ir::DataType::kInt64;
  return std::unique_ptr<CpuOp>(std::make_unique<BroadcastArgsOp>(op, is_int64, size1, size2));
}

PrepareResult prepare_cast(const ir::Graph& graph, const ir::Operator& op,
                           const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  if (Status s = prepare::check_same_shape(graph, op.inputs[0], op.outputs[0]); !s) return s;
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  const std::optional<kernels::CastType> from = cast_type(in.type);
  const std::optional<kernels::CastType> to = cast_type(out.type);
  if (!from || !to) {
    return Status::unsupported(std::string("operator CAST: cannot cast ") +
                               ir::data_type_name(in.type) + " to " +
                               ir::data_type_name(out.type));
  }
  return std::unique_ptr<CpuOp>(std::make_unique<CastOp>(op, *from, *to, out.element_count()));
}

}  // namespace vnpu::driver::cpu
