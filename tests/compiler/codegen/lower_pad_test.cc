// Randomized check of lower_pad (compiler/codegen/lower_slice.cc, boxes from
// compiler/codegen/pad_boxes.cc): single PAD or PADV2 models over random shapes
// of rank 1-4 (a rank-4 input of batch 1), paddings on any axes, int8 (pad
// value the output zero point or PADV2's constant) and int16 (0 or any
// constant; one of two different bytes is filled as 16-bit elements) are
// compiled for a random accelerator, must land on the NPU, and run on the
// functional NPU byte-identical to the CPU runtime (compile_and_compare); 200
// more int16 PADV2s with constants of two different bytes. PADs outside the
// pad_boxes rule stay on the CPU with its reason. VNPU_PAD_CASES sets the
// number of random cases (default 360). MIRROR_PAD: 240 random REFLECT and
// SYMMETRIC pads of rank 1-4, int8 and int16.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "compiler/compile_model.h"
#include "core/deterministic_rng.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

struct PadCase {
  ir::Model model;
  std::string label;
};

std::string list_text(const std::vector<int32_t>& values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i) text += (i ? "," : "") + std::to_string(values[i]);
  return text + "]";
}

// A PAD (no `constant`) or PADV2 of `in_shape` by `paddings` ([rank * 2]);
// int8 tensors share the zero point `zero_point`, int16 ones have 0.
PadCase pad_model(uint64_t seed, ir::DataType type, const ir::Shape& in_shape,
                  const std::vector<int32_t>& paddings, int32_t zero_point,
                  const std::vector<uint8_t>& constant) {
  models::GraphBuilder b("pad_case", seed);
  ir::Shape out_shape = in_shape;
  for (size_t d = 0; d < in_shape.size(); ++d) out_shape[d] += paddings[d * 2] + paddings[d * 2 + 1];
  const int32_t zp = type == ir::DataType::kInt16 ? 0 : zero_point;
  const int32_t in = b.add_activation("in", in_shape, {0.05f, zp});
  const int32_t out = b.add_activation("out", out_shape, {0.05f, zp});
  b.graph().tensors[static_cast<size_t>(in)].type = type;
  b.graph().tensors[static_cast<size_t>(out)].type = type;
  const int32_t p = b.add_int32_constant("paddings", paddings);
  b.graph().tensors[static_cast<size_t>(p)].shape = {static_cast<int32_t>(in_shape.size()), 2};
  std::vector<int32_t> inputs = {in, p};
  if (!constant.empty()) {
    ir::Tensor value;
    value.name = "constant";
    value.type = type;
    value.shape = {};
    value.data = constant;
    value.quantization = b.graph().tensors[static_cast<size_t>(out)].quantization;
    b.graph().tensors.push_back(std::move(value));
    inputs.push_back(static_cast<int32_t>(b.graph().tensors.size() - 1));
  }
  b.add_op(constant.empty() ? ir::OpType::kPad : ir::OpType::kPadV2, inputs, {out});
  b.set_io({in}, {out});
  std::vector<int32_t> shape(in_shape.begin(), in_shape.end());
  return {b.finish("t"), std::string(constant.empty() ? "PAD " : "PADV2 ") +
                             ir::data_type_name(type) + " in " + list_text(shape) + " paddings " +
                             list_text(paddings) + " zero point " + std::to_string(zp)};
}

PadCase random_pad(DeterministicRng& rng, uint64_t seed, bool int16_value = false) {
  ir::DataType type = rng.uniform(0, 3) == 0 ? ir::DataType::kInt16 : ir::DataType::kInt8;
  if (int16_value) type = ir::DataType::kInt16;
  ir::Shape in(static_cast<size_t>(rng.uniform(1, 4)));
  for (int32_t& d : in) d = rng.uniform(1, rng.uniform(0, 3) == 0 ? 20 : 6);
  if (in.size() == 4) in[0] = 1;  // four partial axes would need four NPU axes
  std::vector<int32_t> paddings;
  for (size_t d = 0; d < in.size(); ++d) {
    const bool padded = rng.uniform(0, 1) == 0;
    const int32_t most = rng.uniform(0, 4) == 0 ? 9 : 3;
    paddings.push_back(padded ? rng.uniform(0, most) : 0);
    paddings.push_back(padded ? rng.uniform(0, most) : 0);
  }
  const int32_t zero_point = rng.uniform(-128, 127);
  std::vector<uint8_t> constant;
  if (rng.uniform(0, 1) == 0 || int16_value) {
    const auto byte = static_cast<uint8_t>(rng.uniform(0, 255));
    constant.assign(type == ir::DataType::kInt16 ? 2 : 1, byte);  // int16: one byte repeated
  }
  if (int16_value) {
    const auto high = static_cast<uint8_t>(rng.uniform(0, 254));
    constant[1] = high >= constant[0] ? static_cast<uint8_t>(high + 1) : high;  // another byte
  }
  return pad_model(seed, type, in, paddings, zero_point, constant);
}

CompilerOptions options_for(DeterministicRng& rng) {
  CompilerOptions options;
  options.accelerator_config = testing::random_accelerator(rng);
  return options;
}

int case_count() {
  const char* env = std::getenv("VNPU_PAD_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 360;
}

// `cases` random pads from `first_seed` (int16 values of two different bytes
// with `int16_value`): each on the NPU and byte-identical to the CPU.
void expect_random_pads_on_npu(uint64_t first_seed, int cases, bool int16_value) {
  int failures = 0;
  for (int i = 0; i < cases && failures < 20; ++i) {
    const auto seed = first_seed + static_cast<uint64_t>(i);
    DeterministicRng rng(seed);
    const PadCase c = random_pad(rng, seed, int16_value);
    const CompilerOptions options = options_for(rng);
    const std::string cpu_reason = testing::npu_refusal(c.model, options);
    const std::string diff = testing::compile_and_compare(
        c.model, options, testing::random_inputs(c.model.main_graph(), seed));
    if (!cpu_reason.empty() || !diff.empty()) {
      ++failures;
      ADD_FAILURE() << "seed " << seed << " " << c.label << " on " << options.accelerator_config
                    << ": " << cpu_reason << diff;
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(CodegenPad, RandomPadsRunOnTheNpuByteForByte) {
  expect_random_pads_on_npu(9000, case_count(), false);
}

// `c` must stay on the CPU with `reason_part` in its reason, still exact.
void expect_on_cpu(const PadCase& c, const std::string& reason_part) {
  testing::expect_stays_on_cpu(c.model, c.label, reason_part);
}

TEST(CodegenPad, Int16PadValuesOfTwoDifferentBytesRunOnTheNpuByteForByte) {
  expect_random_pads_on_npu(23000, 200, true);
}

// MIRROR_PAD (REFLECT or SYMMETRIC) of rank 1-4 (a rank-4 input of batch
// 1), paddings up to what the mode mirrors, int8 or int16.
PadCase mirror_pad_model(DeterministicRng& rng, uint64_t seed) {
  models::GraphBuilder b("mirror_pad_case", seed);
  const ir::DataType type = rng.uniform(0, 2) == 0 ? ir::DataType::kInt16 : ir::DataType::kInt8;
  const bool symmetric = rng.uniform(0, 1) == 0;
  ir::Shape in(static_cast<size_t>(rng.uniform(1, 4)));
  for (int32_t& d : in) d = rng.uniform(1, 7);
  if (in.size() == 4) in[0] = 1;
  std::vector<int32_t> paddings;
  ir::Shape out = in;
  for (size_t d = 0; d < in.size(); ++d) {
    const int32_t most = in[d] - (symmetric ? 0 : 1);
    for (int side = 0; side < 2; ++side) {
      const int32_t pad = rng.uniform(0, 1) == 0 ? 0 : rng.uniform(0, most);
      paddings.push_back(pad);
      out[d] += pad;
    }
  }
  const int32_t zp = type == ir::DataType::kInt16 ? 0 : rng.uniform(-128, 127);
  const int32_t input = b.add_activation("in", in, {0.05f, zp});
  const int32_t output = b.add_activation("out", out, {0.05f, zp});
  b.graph().tensors[static_cast<size_t>(input)].type = type;
  b.graph().tensors[static_cast<size_t>(output)].type = type;
  const int32_t p = b.add_int32_constant("paddings", paddings);
  b.graph().tensors[static_cast<size_t>(p)].shape = {static_cast<int32_t>(in.size()), 2};
  b.add_op(ir::OpType::kMirrorPad, {input, p}, {output},
           ir::MirrorPadOptions{symmetric ? ir::MirrorPadMode::kSymmetric
                                          : ir::MirrorPadMode::kReflect});
  b.set_io({input}, {output});
  std::string text;
  for (int32_t v : paddings) text += std::to_string(v) + " ";
  return {b.finish("t"), std::string(symmetric ? "SYMMETRIC" : "REFLECT") + " MIRROR_PAD " +
                             ir::data_type_name(type) + " rank " + std::to_string(in.size()) +
                             " paddings " + text};
}

TEST(CodegenPad, MirrorPadsRunOnTheNpuByteForByte) {
  int on_npu = 0;
  constexpr int kCases = 240;
  for (int i = 0; i < kCases; ++i) {
    const auto seed = static_cast<uint64_t>(29000 + i);
    DeterministicRng rng(seed);
    const PadCase c = mirror_pad_model(rng, seed);
    const CompilerOptions options = options_for(rng);
    const std::string reason = testing::npu_refusal(c.model, options);
    // A slab of four partial axes is the only refusal.
    if (!reason.empty()) {
      EXPECT_NE(reason.find("non-contiguous axes"), std::string::npos) << c.label << ": " << reason;
    }
    on_npu += reason.empty() ? 1 : 0;
    EXPECT_EQ(testing::compile_and_compare(c.model, options,
                                           testing::random_inputs(c.model.main_graph(), seed)),
              "")
        << c.label << " on " << options.accelerator_config;
  }
  std::printf("%d of %d MIRROR_PADs on the NPU\n", on_npu, kCases);
  EXPECT_GE(on_npu, 200);
}

TEST(CodegenPad, AnInputBoxOfFourPartialAxesStaysOnTheCpu) {
  expect_on_cpu(pad_model(2, ir::DataType::kInt8, {2, 3, 4, 5}, {1, 0, 0, 1, 1, 1, 0, 2}, 4, {}),
                "the input's box: the slice spans 4 non-contiguous axes");
}

// retinaface's PADs (from PyTorch, NCHW): axes 2 and 3 of [1, C, H, W], the
// NHWC width and channels, which the folding into a convolution cannot take.
TEST(CodegenPad, AnNchwPadOfWidthAndChannelsRunsOnTheNpu) {
  const PadCase c = pad_model(3, ir::DataType::kInt8, {1, 16, 10, 12}, {0, 0, 0, 0, 1, 1, 1, 1},
                              -7, {});
  CompilerOptions options;
  options.accelerator_config = "ethos-u55-64";
  auto compiled = compile_model(c.model, options);
  ASSERT_TRUE(compiled) << compiled.status().message();
  EXPECT_TRUE(compiled->front.partition.ops.at(0).on_npu)
      << compiled->front.partition.ops.at(0).reason;
  EXPECT_TRUE(compiled->schedule.refusals.empty());
  EXPECT_EQ(testing::compile_and_compare(c.model, options,
                                         testing::random_inputs(c.model.main_graph(), 4)),
            "");
}

}  // namespace
}  // namespace vnpu::compiler
