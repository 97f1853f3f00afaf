// The data-movement CpuOps (driver/cpu/ops/data_*_ops.cc) where the conformance
// corpus does not pin the behaviour down: options it has no case for (the
// STRIDED_SLICE offset, int64 SHAPE and BROADCAST_ARGS), values outside the
// ranges its generator drew (CAST saturation, indices out of range), and one
// test per class of prepare rejection, each a one-line message.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "driver/cpu/ops.h"

namespace vnpu::driver::cpu {
namespace {

// A one-operator graph whose tensors each own a buffer (constants hold their data).
struct OpGraph {
  ir::Graph graph;
  ir::Operator op;
  std::vector<std::vector<uint8_t>> buffers;

  int32_t tensor(const std::string& name, ir::DataType type, ir::Shape shape) {
    ir::Tensor t;
    t.name = name;
    t.type = type;
    t.shape = std::move(shape);
    graph.tensors.push_back(t);
    buffers.emplace_back(static_cast<size_t>(graph.tensors.back().size_bytes()), 0);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  }

  template <typename T>
  int32_t constant(const std::string& name, ir::DataType type, const std::vector<T>& values,
                   ir::Shape shape) {
    const int32_t index = tensor(name, type, std::move(shape));
    std::vector<uint8_t> bytes(values.size() * sizeof(T));
    if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
    graph.tensor(index).data = bytes;
    buffers[static_cast<size_t>(index)] = bytes;
    return index;
  }

  int32_t ints(const std::string& name, const std::vector<int32_t>& values) {
    return constant(name, ir::DataType::kInt32, values, {static_cast<int32_t>(values.size())});
  }

  template <typename T>
  void set(int32_t index, const std::vector<T>& values) {
    auto& buffer = buffers[static_cast<size_t>(index)];
    ASSERT_EQ(buffer.size(), values.size() * sizeof(T));
    std::memcpy(buffer.data(), values.data(), buffer.size());
  }

  template <typename T>
  std::vector<T> get(int32_t index) const {
    const auto& buffer = buffers[static_cast<size_t>(index)];
    std::vector<T> values(buffer.size() / sizeof(T));
    std::memcpy(values.data(), buffer.data(), buffer.size());
    return values;
  }

  Status run(CpuOpPrepare prepare) {
    auto prepared = prepare(graph, op, CpuOptions{});
    if (!prepared) return prepared.status();
    TensorMemory memory(graph.tensors.size());
    for (size_t i = 0; i < buffers.size(); ++i) {
      memory.bind(static_cast<int32_t>(i), buffers[i].data());
    }
    return (*prepared)->eval(memory);
  }
};

void expect_rejected(OpGraph& g, CpuOpPrepare prepare, ErrorCode code, const std::string& fragment) {
  const PrepareResult result = prepare(g.graph, g.op, CpuOptions{});
  ASSERT_FALSE(result) << "expected a failure mentioning '" << fragment << "'";
  EXPECT_EQ(result.status().code(), code) << result.status().message();
  EXPECT_NE(result.status().message().find(fragment), std::string::npos)
      << result.status().message();
  EXPECT_EQ(result.status().message().find('\n'), std::string::npos);
}

// STRIDED_SLICE of an int16 [6] with constant begin/end/strides.
OpGraph strided_slice(std::vector<int32_t> begin, std::vector<int32_t> end,
                      std::vector<int32_t> strides, ir::StridedSliceOptions options,
                      ir::Shape output_shape) {
  OpGraph g;
  g.op.type = ir::OpType::kStridedSlice;
  g.op.inputs = {g.tensor("in", ir::DataType::kInt16, {6}), g.ints("begin", begin),
                 g.ints("end", end), g.ints("strides", strides)};
  g.op.outputs = {g.tensor("out", ir::DataType::kInt16, std::move(output_shape))};
  g.op.options = options;
  return g;
}

TEST(DataOps, StridedSliceOffsetMakesEndRelativeToBegin) {
  ir::StridedSliceOptions options;
  options.offset = true;
  OpGraph g = strided_slice({1}, {3}, {1}, options, {3});  // [1, 1 + 3)
  g.set<int16_t>(0, {10, 11, 12, 13, 14, 15});
  ASSERT_TRUE(g.run(prepare_strided_slice));
  EXPECT_EQ(g.get<int16_t>(g.op.outputs[0]), (std::vector<int16_t>{11, 12, 13}));
}

TEST(DataOps, StridedSliceNegativeStrideWithMasks) {
  ir::StridedSliceOptions options;
  options.begin_mask = 1;  // from the last element, backwards, to index 0 exclusive
  OpGraph g = strided_slice({0}, {0}, {-2}, options, {3});
  g.set<int16_t>(0, {10, 11, 12, 13, 14, 15});
  ASSERT_TRUE(g.run(prepare_strided_slice));
  EXPECT_EQ(g.get<int16_t>(g.op.outputs[0]), (std::vector<int16_t>{15, 13, 11}));
}

TEST(DataOps, StridedSliceRejections) {
  {
    ir::StridedSliceOptions options;
    options.ellipsis_mask = 1;
    OpGraph g = strided_slice({0}, {6}, {1}, options, {6});
    expect_rejected(g, prepare_strided_slice, ErrorCode::kUnsupported, "ellipsis_mask");
  }
  {
    OpGraph g = strided_slice({0}, {6}, {0}, {}, {6});
    expect_rejected(g, prepare_strided_slice, ErrorCode::kInvalidInput, "non-zero");
  }
  {
    OpGraph g = strided_slice({0}, {6}, {2}, {}, {4});
    expect_rejected(g, prepare_strided_slice, ErrorCode::kInvalidInput, "expected shape [3]");
  }
  {
    OpGraph g = strided_slice({0}, {6}, {1}, {}, {6});
    g.graph.tensor(g.op.inputs[1]).data.clear();  // begin is now computed at run time
    expect_rejected(g, prepare_strided_slice, ErrorCode::kUnsupported, "must be a constant");
  }
}

TEST(DataOps, TransposeRejectsAPermWithARepeatedAxis) {
  OpGraph g;
  g.op.type = ir::OpType::kTranspose;
  g.op.inputs = {g.tensor("in", ir::DataType::kInt8, {2, 3}), g.ints("perm", {1, 1})};
  g.op.outputs = {g.tensor("out", ir::DataType::kInt8, {3, 3})};
  expect_rejected(g, prepare_transpose, ErrorCode::kInvalidInput, "permutation");
}

TEST(DataOps, GatherIndexOutOfRangeFailsTheInvokeNotTheProcess) {
  OpGraph g;
  g.op.type = ir::OpType::kGather;
  g.op.inputs = {g.tensor("params", ir::DataType::kInt8, {3, 2}),
                 g.tensor("indices", ir::DataType::kInt32, {2})};
  g.op.outputs = {g.tensor("out", ir::DataType::kInt8, {2, 2})};
  g.op.options = ir::GatherOptions{0, 0};
  g.set<int8_t>(0, {1, 2, 3, 4, 5, 6});
  g.set<int32_t>(1, {2, 0});
  ASSERT_TRUE(g.run(prepare_gather));
  EXPECT_EQ(g.get<int8_t>(g.op.outputs[0]), (std::vector<int8_t>{5, 6, 1, 2}));
  g.set<int32_t>(1, {1, 3});
  const Status status = g.run(prepare_gather);
  EXPECT_EQ(status.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(status.message().find("holds index 3, outside the params tensor's [0, 3)"),
            std::string::npos)
      << status.message();
}

TEST(DataOps, HybridEmbeddingLookupNeedsZeroPointZero) {
  OpGraph g;
  g.op.type = ir::OpType::kEmbeddingLookup;
  g.op.inputs = {g.tensor("ids", ir::DataType::kInt32, {2}),
                 g.tensor("value", ir::DataType::kInt8, {4, 3})};
  g.op.outputs = {g.tensor("out", ir::DataType::kFloat32, {2, 3})};
  g.graph.tensor(1).quantization.scales = {0.5f};
  g.graph.tensor(1).quantization.zero_points = {3};
  expect_rejected(g, prepare_embedding_lookup, ErrorCode::kUnsupported, "zero point must be 0");
}

TEST(DataOps, ShapeAndBroadcastArgsWriteInt64) {
  OpGraph shape;
  shape.op.type = ir::OpType::kShape;
  shape.op.inputs = {shape.tensor("in", ir::DataType::kBool, {2, 0, 7})};
  shape.op.outputs = {shape.tensor("out", ir::DataType::kInt64, {3})};
  shape.op.options = ir::ShapeOptions{ir::DataType::kInt64};
  ASSERT_TRUE(shape.run(prepare_shape));
  EXPECT_EQ(shape.get<int64_t>(1), (std::vector<int64_t>{2, 0, 7}));
  shape.op.options = ir::ShapeOptions{ir::DataType::kInt32};
  expect_rejected(shape, prepare_shape, ErrorCode::kInvalidInput, "out_type is int32");

  OpGraph args;
  args.op.type = ir::OpType::kBroadcastArgs;
  args.op.inputs = {args.tensor("a", ir::DataType::kInt64, {2}),
                    args.tensor("b", ir::DataType::kInt64, {3})};
  args.op.outputs = {args.tensor("out", ir::DataType::kInt64, {3})};
  args.set<int64_t>(0, {5, 1});
  args.set<int64_t>(1, {3, 1, 4});
  ASSERT_TRUE(args.run(prepare_broadcast_args));
  EXPECT_EQ(args.get<int64_t>(2), (std::vector<int64_t>{3, 5, 4}));
  args.set<int64_t>(1, {3, 2, 4});
  const Status status = args.run(prepare_broadcast_args);
  EXPECT_EQ(status.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(status.message().find("do not broadcast"), std::string::npos) << status.message();
}

TEST(DataOps, CastSaturatesFloatsWrapsIntegersAndMakesBools) {
  OpGraph g;
  g.op.type = ir::OpType::kCast;
  g.op.inputs = {g.tensor("in", ir::DataType::kFloat32, {6})};
  g.op.outputs = {g.tensor("out", ir::DataType::kInt8, {6})};
  g.set<float>(0, {300.7f, -1e9f, std::numeric_limits<float>::quiet_NaN(), -1.9f, 1.9f, -128.5f});
  ASSERT_TRUE(g.run(prepare_cast));
  EXPECT_EQ(g.get<int8_t>(1), (std::vector<int8_t>{127, -128, 0, -1, 1, -128}));

  OpGraph wrap;
  wrap.op.type = ir::OpType::kCast;
  wrap.op.inputs = {wrap.tensor("in", ir::DataType::kInt32, {3})};
  wrap.op.outputs = {wrap.tensor("out", ir::DataType::kInt8, {3})};
  wrap.set<int32_t>(0, {200, -129, 256});
  ASSERT_TRUE(wrap.run(prepare_cast));
  EXPECT_EQ(wrap.get<int8_t>(1), (std::vector<int8_t>{-56, 127, 0}));

  OpGraph flags;
  flags.op.type = ir::OpType::kCast;
  flags.op.inputs = {flags.tensor("in", ir::DataType::kInt16, {3})};
  flags.op.outputs = {flags.tensor("out", ir::DataType::kBool, {3})};
  flags.set<int16_t>(0, {0, -5, 256});
  ASSERT_TRUE(flags.run(prepare_cast));
  EXPECT_EQ(flags.get<uint8_t>(1), (std::vector<uint8_t>{0, 1, 1}));
}

TEST(DataOps, PackSplitAndPadRejections) {
  {
    OpGraph g;
    g.op.type = ir::OpType::kPack;
    g.op.inputs = {g.tensor("a", ir::DataType::kInt8, {2}), g.tensor("b", ir::DataType::kInt8, {2})};
    g.op.outputs = {g.tensor("out", ir::DataType::kInt8, {3, 2})};
    g.op.options = ir::PackOptions{3, 0};
    expect_rejected(g, prepare_pack, ErrorCode::kInvalidInput, "values_count 3 but 2 inputs");
  }
  {
    OpGraph g;
    g.op.type = ir::OpType::kSplitV;
    g.op.inputs = {g.tensor("in", ir::DataType::kInt8, {4}), g.ints("sizes", {-1, -1}),
                   g.constant<int32_t>("axis", ir::DataType::kInt32, {0}, {})};
    g.op.outputs = {g.tensor("a", ir::DataType::kInt8, {2}), g.tensor("b", ir::DataType::kInt8, {2})};
    expect_rejected(g, prepare_split_v, ErrorCode::kInvalidInput, "negative");
  }
  {
    OpGraph g;
    g.op.type = ir::OpType::kMirrorPad;
    g.op.inputs = {g.tensor("in", ir::DataType::kInt8, {3}),
                   g.constant<int32_t>("paddings", ir::DataType::kInt32, {3, 0}, {1, 2})};
    g.op.outputs = {g.tensor("out", ir::DataType::kInt8, {6})};
    g.op.options = ir::MirrorPadOptions{ir::MirrorPadMode::kReflect};
    expect_rejected(g, prepare_mirror_pad, ErrorCode::kInvalidInput, "more than the mode allows");
    g.op.options = ir::MirrorPadOptions{ir::MirrorPadMode::kSymmetric};
    g.set<int8_t>(0, {1, 2, 3});
    ASSERT_TRUE(g.run(prepare_mirror_pad));
    EXPECT_EQ(g.get<int8_t>(g.op.outputs[0]), (std::vector<int8_t>{3, 2, 1, 1, 2, 3}));
  }
}

TEST(DataOps, ResizeAndFillRejections) {
  {
    OpGraph g;
    g.op.type = ir::OpType::kResizeBilinear;
    g.op.inputs = {g.tensor("in", ir::DataType::kInt8, {1, 2, 2, 1}), g.ints("size", {4, 4})};
    g.op.outputs = {g.tensor("out", ir::DataType::kInt8, {1, 4, 4, 1})};
    g.op.options = ir::ResizeOptions{true, true};
    expect_rejected(g, prepare_resize_bilinear, ErrorCode::kInvalidInput, "cannot both be set");
    g.op.options = ir::ResizeOptions{false, false};
    g.graph.tensor(0).type = g.graph.tensor(2).type = ir::DataType::kInt16;
    expect_rejected(g, prepare_resize_bilinear, ErrorCode::kUnsupported, "expected int8");
  }
  {
    OpGraph g;
    g.op.type = ir::OpType::kFill;
    g.op.inputs = {g.ints("dims", {2, 2}), g.tensor("value", ir::DataType::kInt8, {2})};
    g.op.outputs = {g.tensor("out", ir::DataType::kInt8, {2, 2})};
    expect_rejected(g, prepare_fill, ErrorCode::kInvalidInput, "expected one element");
  }
}

TEST(DataOps, DynamicUpdateSliceClampsStartIndices) {
  OpGraph g;
  g.op.type = ir::OpType::kDynamicUpdateSlice;
  g.op.inputs = {g.tensor("operand", ir::DataType::kInt32, {2, 3}),
                 g.tensor("update", ir::DataType::kInt32, {1, 2}),
                 g.tensor("start", ir::DataType::kInt32, {2})};
  g.op.outputs = {g.tensor("out", ir::DataType::kInt32, {2, 3})};
  g.set<int32_t>(0, {1, 2, 3, 4, 5, 6});
  g.set<int32_t>(1, {-7, -8});
  g.set<int32_t>(2, {-4, 9});  // clamped to (0, 1)
  ASSERT_TRUE(g.run(prepare_dynamic_update_slice));
  EXPECT_EQ(g.get<int32_t>(g.op.outputs[0]), (std::vector<int32_t>{1, -7, -8, 4, 5, 6}));
}

}  // namespace
}  // namespace vnpu::driver::cpu
