// DEPTH_TO_SPACE, SPACE_TO_DEPTH, REVERSE_V2, BROADCAST_TO and ZEROS_LIKE
// (lower_slice.cc, rearrange_boxes.cc: copies of channel groups or slabs, a
// clearing pass), compiled whole and run on the functional NPU against the
// CPU runtime (compile_and_compare): 210 random cases of each (int8, uint8,
// int16; batches of 1-3, block sizes 1-4; any contiguous block of reversed
// axes of rank 1-4; broadcasts of rank 1-5), and of SPACE_TO_BATCH_ND and
// BATCH_TO_SPACE_ND (3-d and 4-d, paddings and crops), every U55
// configuration, each on the NPU; and a REVERSE_V2 of more slabs than one copy
// each allows stays on the CPU with the reason.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/deterministic_rng.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

struct Case {
  ir::Model model;
  std::string label;
};

const ir::DataType kTypes[] = {ir::DataType::kInt8, ir::DataType::kUInt8, ir::DataType::kInt16};

Case make(uint64_t seed, ir::DataType type, const ir::Shape& in, const ir::Shape& out,
          ir::OpType op_type, const std::vector<int32_t>& axes, ir::OpOptions options) {
  models::GraphBuilder b("rearrangement", seed);
  const int32_t input = b.add_activation("in", in, {0.05f, 3});
  const int32_t output = b.add_activation("out", out, {0.05f, 3});
  b.graph().tensors[static_cast<size_t>(input)].type = type;
  b.graph().tensors[static_cast<size_t>(output)].type = type;
  std::vector<int32_t> inputs = {input};
  if (!axes.empty()) inputs.push_back(b.add_int32_constant("axes", axes));
  b.add_op(op_type, inputs, {output}, std::move(options));
  b.set_io({input}, {output});
  return {b.finish("t"), std::string(ir::op_type_name(op_type)) + " " + ir::data_type_name(type) +
                             " in " + ir::shape_to_string(in)};
}

Case random_depth_space(DeterministicRng& rng, uint64_t seed, ir::OpType type) {
  const int32_t block = rng.uniform(1, 4);
  const ir::Shape depth = {rng.uniform(1, 3), rng.uniform(1, 5), rng.uniform(1, 5),
                           block * block * rng.uniform(1, 6)};
  const ir::Shape space = {depth[0], depth[1] * block, depth[2] * block,
                           depth[3] / (block * block)};
  const bool to_depth = type == ir::OpType::kSpaceToDepth;
  Case c = make(seed, kTypes[rng.uniform(0, 2)], to_depth ? space : depth, to_depth ? depth : space,
                type, {}, ir::BlockSizeOptions{block});
  c.label += " block " + std::to_string(block);
  return c;
}

Case random_reverse(DeterministicRng& rng, uint64_t seed) {
  ir::Shape in(static_cast<size_t>(rng.uniform(1, 4)));
  for (int32_t& d : in) d = rng.uniform(1, 7);
  const auto rank = static_cast<int32_t>(in.size());
  const int32_t first = rng.uniform(0, rank - 1);
  const int32_t last = rng.uniform(first, std::min(rank - 1, first + 1));
  std::vector<int32_t> axes;
  for (int32_t a = first; a <= last; ++a) axes.push_back(rng.uniform(0, 1) == 0 ? a : a - rank);
  Case c =
      make(seed, kTypes[rng.uniform(0, 2)], in, in, ir::OpType::kReverseV2, axes, std::monostate{});
  c.label += " axes " + std::to_string(first) + ".." + std::to_string(last);
  return c;
}

void expect_on_npu_and_exact(const Case& c, DeterministicRng& rng, uint64_t seed) {
  CompilerOptions options;
  options.accelerator_config = testing::random_accelerator(rng);
  EXPECT_EQ(testing::npu_refusal(c.model, options), "") << c.label;
  EXPECT_EQ(testing::compile_and_compare(c.model, options,
                                         testing::random_inputs(c.model.main_graph(), seed)),
            "")
      << c.label << " on " << options.accelerator_config;
}

TEST(CodegenRearrangement, DepthToSpaceRunsOnTheNpuByteForByte) {
  for (int i = 0; i < 210; ++i) {
    const auto seed = static_cast<uint64_t>(35000 + i);
    DeterministicRng rng(seed);
    expect_on_npu_and_exact(random_depth_space(rng, seed, ir::OpType::kDepthToSpace), rng, seed);
  }
}

TEST(CodegenRearrangement, SpaceToDepthRunsOnTheNpuByteForByte) {
  for (int i = 0; i < 210; ++i) {
    const auto seed = static_cast<uint64_t>(36000 + i);
    DeterministicRng rng(seed);
    expect_on_npu_and_exact(random_depth_space(rng, seed, ir::OpType::kSpaceToDepth), rng, seed);
  }
}

TEST(CodegenRearrangement, ReverseV2RunsOnTheNpuByteForByte) {
  for (int i = 0; i < 210; ++i) {
    const auto seed = static_cast<uint64_t>(37000 + i);
    DeterministicRng rng(seed);
    expect_on_npu_and_exact(random_reverse(rng, seed), rng, seed);
  }
}

// BROADCAST_TO of rank 1-5 outputs (at most 256 copies), the input's rank at
// most the output's, size-1 axes expanded at random.
Case random_broadcast(DeterministicRng& rng, uint64_t seed) {
  ir::Shape out(static_cast<size_t>(rng.uniform(1, 5)));
  for (int32_t& d : out) d = rng.uniform(1, 5);
  ir::Shape in = out;
  int64_t copies = 1;
  for (size_t d = 0; d < in.size(); ++d) {
    if (rng.uniform(0, 1) == 0 && copies * out[d] <= 256) {
      in[d] = 1;
      copies *= out[d];
    }
  }
  const auto dropped = static_cast<size_t>(rng.uniform(0, static_cast<int32_t>(in.size()) - 1));
  bool leading_ones = true;
  for (size_t d = 0; d < dropped; ++d) leading_ones = leading_ones && in[d] == 1;
  if (leading_ones) in.erase(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(dropped));
  std::vector<int32_t> shape(out.begin(), out.end());
  return make(seed, kTypes[rng.uniform(0, 2)], in, out, ir::OpType::kBroadcastTo, shape,
              std::monostate{});
}

TEST(CodegenRearrangement, BroadcastToRunsOnTheNpuByteForByte) {
  for (int i = 0; i < 210; ++i) {
    const auto seed = static_cast<uint64_t>(38000 + i);
    DeterministicRng rng(seed);
    expect_on_npu_and_exact(random_broadcast(rng, seed), rng, seed);
  }
}

TEST(CodegenRearrangement, ZerosLikeRunsOnTheNpuByteForByte) {
  for (int i = 0; i < 210; ++i) {
    const auto seed = static_cast<uint64_t>(39000 + i);
    DeterministicRng rng(seed);
    ir::Shape shape(static_cast<size_t>(rng.uniform(1, 4)));
    for (int32_t& d : shape) d = rng.uniform(1, 9);
    if (shape.size() == 4) shape[0] = 1;  // four partial axes need four NPU axes
    expect_on_npu_and_exact(make(seed, kTypes[rng.uniform(0, 2)], shape, shape,
                                 ir::OpType::kZerosLike, {}, std::monostate{}),
                            rng, seed);
  }
}

// SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND over 3-d or 4-d tensors: random
// block sizes 1-3, paddings (crops) 0-2 per side, batches 1-2.
Case random_space_batch(DeterministicRng& rng, uint64_t seed, bool to_batch) {
  const bool four = rng.uniform(0, 2) != 0;
  const int32_t spatial = four ? 2 : 1;
  std::vector<int32_t> block, pads;
  ir::Shape space = {rng.uniform(1, 2)};
  ir::Shape batch = {0};
  int32_t product = 1;
  for (int32_t d = 0; d < spatial; ++d) {
    const int32_t b = rng.uniform(1, 3);
    const int32_t grid = rng.uniform(1, 4);  // batch-side extent
    const int32_t before = rng.uniform(0, std::min(2, b * grid - 1));
    const int32_t after = rng.uniform(0, std::min(2, b * grid - 1 - before));
    block.push_back(b);
    pads.insert(pads.end(), {before, after});
    space.push_back(b * grid - before - after);
    batch.push_back(grid);
    product *= b;
  }
  const int32_t depth = rng.uniform(1, 6);
  space.push_back(depth);
  batch.push_back(depth);
  batch[0] = space[0] * product;
  models::GraphBuilder b("space_batch", seed);
  const ir::DataType type = kTypes[rng.uniform(0, 2)];
  const ir::Shape& in = to_batch ? space : batch;
  const ir::Shape& out = to_batch ? batch : space;
  const int32_t input = b.add_activation("in", in, {0.05f, 3});
  const int32_t output = b.add_activation("out", out, {0.05f, 3});
  b.graph().tensors[static_cast<size_t>(input)].type = type;
  b.graph().tensors[static_cast<size_t>(output)].type = type;
  const int32_t block_tensor = b.add_int32_constant("block", block);
  const int32_t pads_tensor = b.add_int32_constant("pads", pads);
  b.graph().tensors[static_cast<size_t>(pads_tensor)].shape = {spatial, 2};
  const ir::OpType op = to_batch ? ir::OpType::kSpaceToBatchNd : ir::OpType::kBatchToSpaceNd;
  b.add_op(op, {input, block_tensor, pads_tensor}, {output}, std::monostate{});
  b.set_io({input}, {output});
  return {b.finish("t"), std::string(ir::op_type_name(op)) + " " + ir::data_type_name(type) +
                             " in " + ir::shape_to_string(in) + " out " + ir::shape_to_string(out)};
}

TEST(CodegenRearrangement, SpaceToBatchRunsOnTheNpuByteForByte) {
  for (int i = 0; i < 210; ++i) {
    const auto seed = static_cast<uint64_t>(40000 + i);
    DeterministicRng rng(seed);
    expect_on_npu_and_exact(random_space_batch(rng, seed, true), rng, seed);
  }
}

TEST(CodegenRearrangement, BatchToSpaceRunsOnTheNpuByteForByte) {
  for (int i = 0; i < 210; ++i) {
    const auto seed = static_cast<uint64_t>(41000 + i);
    DeterministicRng rng(seed);
    expect_on_npu_and_exact(random_space_batch(rng, seed, false), rng, seed);
  }
}

TEST(CodegenRearrangement, AReverseOfMoreSlabsThanCopiesStaysOnTheCpu) {
  const Case c = make(1, ir::DataType::kInt8, {2, 300, 3}, {2, 300, 3}, ir::OpType::kReverseV2, {1},
                      std::monostate{});
  testing::expect_stays_on_cpu(c.model, c.label, "reverses 300 slabs, one copy each (at most 256)");
}

}  // namespace
}  // namespace vnpu::compiler
