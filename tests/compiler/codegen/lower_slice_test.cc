// Randomized check of compiler/codegen/lower_slice.cc and the EXPAND_DIMS
// memory alias: single-operator models (SLICE, STRIDED_SLICE with random
// begin/end/size, negative indices, begin/end/shrink masks; EXPAND_DIMS at a
// random axis; RESHAPE and SQUEEZE, memory aliases; SPLIT, SPLIT_V and UNPACK, which become one
// slice per output; CONCATENATION of 1-4 inputs, one copy per input into its box of the output;
// PACK, the same at a new axis; RESIZE_NEAREST_NEIGHBOR, a copy through the
// IFM's nearest 2x upscale; TRANSPOSE of Vela's U55 permutations)
// over random shapes of rank 1-4 and int8, uint8 and int16
// tensors, 200 per operator, are compiled for a random accelerator, must land on the NPU, and run
// on the functional NPU byte-identical to the CPU runtime (compile_and_compare).
// Boxes outside the support rules stay on the CPU with the rule's reason.
// VNPU_SLICE_CASES sets the number of random cases per operator (default 200).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <vector>

#include "compiler/compile_model.h"
#include "core/deterministic_rng.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

const ir::DataType kTypes[] = {ir::DataType::kInt8, ir::DataType::kInt16, ir::DataType::kUInt8};

struct SliceCase {
  ir::Model model;
  std::string label;
};

std::string shape_text(const ir::Shape& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "]";
}

ir::Shape random_shape(DeterministicRng& rng) {
  ir::Shape shape(static_cast<size_t>(rng.uniform(1, 4)));
  for (int32_t& d : shape) d = rng.uniform(1, rng.uniform(0, 3) == 0 ? 24 : 7);
  return shape;
}

// A model of one operator from `in` (of `type`) to `out`; other operands constant.
SliceCase one_op(uint64_t seed, ir::DataType type, const ir::Shape& in_shape,
                 const ir::Shape& out_shape, ir::OpType op_type,
                 const std::vector<std::vector<int32_t>>& constants, ir::OpOptions options) {
  models::GraphBuilder b("data_movement_case", seed);
  const int32_t in = b.add_activation("in", in_shape, {0.05f, 3});
  const int32_t out = b.add_activation("out", out_shape, {0.05f, 3});
  b.graph().tensors[static_cast<size_t>(in)].type = type;
  b.graph().tensors[static_cast<size_t>(out)].type = type;
  std::vector<int32_t> inputs = {in};
  for (size_t i = 0; i < constants.size(); ++i) {
    inputs.push_back(b.add_int32_constant("operand" + std::to_string(i + 1), constants[i]));
  }
  b.add_op(op_type, inputs, {out}, std::move(options));
  b.set_io({in}, {out});
  return {b.finish("t"), std::string(ir::op_type_name(op_type)) + " " + ir::data_type_name(type) +
                             " in " + shape_text(in_shape) + " out " + shape_text(out_shape)};
}

// Whether the box must take the whole last axis: a box of four partial axes
// needs four NPU axes (slice_npu_axes keeps it on the CPU), so a rank-4 input
// of batch above 1 is sliced whole along its depth.
bool whole_depth(const ir::Shape& in, size_t axis) {
  return in.size() == 4 && in[0] > 1 && axis == 3;
}

SliceCase random_slice(DeterministicRng& rng, uint64_t seed, ir::DataType type) {
  const ir::Shape in = random_shape(rng);
  std::vector<int32_t> begin, size;
  ir::Shape out;
  for (size_t axis = 0; axis < in.size(); ++axis) {
    const int32_t d = in[axis];
    const int32_t first = whole_depth(in, axis) ? 0 : rng.uniform(0, d - 1);
    const int32_t count = whole_depth(in, axis) ? d : rng.uniform(1, d - first);
    const bool to_end = count == d - first && rng.uniform(0, 1) == 0;
    begin.push_back(first);
    size.push_back(to_end ? -1 : count);
    out.push_back(count);
  }
  SliceCase c = one_op(seed, type, in, out, ir::OpType::kSlice, {begin, size}, std::monostate{});
  c.label += " begin " + shape_text(begin) + " size " + shape_text(size);
  return c;
}

SliceCase random_strided_slice(DeterministicRng& rng, uint64_t seed, ir::DataType type) {
  const ir::Shape in = random_shape(rng);
  const auto rank = static_cast<int32_t>(in.size());
  ir::StridedSliceOptions o;
  std::vector<int32_t> begin, end, strides(in.size(), 1);
  ir::Shape out;
  for (int32_t axis = 0; axis < rank; ++axis) {
    const int32_t d = in[static_cast<size_t>(axis)];
    const bool whole = whole_depth(in, static_cast<size_t>(axis));
    int32_t start = whole ? 0 : rng.uniform(0, d - 1);
    int32_t stop = whole ? d : rng.uniform(start + 1, d);
    // Each index written plainly or from the end (negative); masks override them.
    begin.push_back(rng.uniform(0, 1) ? start : start - d);
    end.push_back(stop < d && rng.uniform(0, 1) ? stop - d : stop);
    if (rng.uniform(0, 4) == 0) {
      o.begin_mask |= 1 << axis;
      start = 0;
      begin.back() = rng.uniform(-9, 9);
    }
    if (rng.uniform(0, 4) == 0) {
      o.end_mask |= 1 << axis;
      stop = d;
      end.back() = rng.uniform(-9, 9);
    }
    // A shrunk axis leaves the output (never the last one kept).
    if (!whole && rng.uniform(0, 5) == 0 && !(axis + 1 == rank && out.empty())) {
      o.shrink_axis_mask |= 1 << axis;
      continue;
    }
    out.push_back(stop - start);
  }
  SliceCase c = one_op(seed, type, in, out, ir::OpType::kStridedSlice, {begin, end, strides}, o);
  c.label += " begin " + shape_text(begin) + " end " + shape_text(end) + " masks " +
             std::to_string(o.begin_mask) + "/" + std::to_string(o.end_mask) + "/" +
             std::to_string(o.shrink_axis_mask);
  return c;
}

SliceCase random_expand_dims(DeterministicRng& rng, uint64_t seed, ir::DataType type) {
  const ir::Shape in = random_shape(rng);
  const int32_t axis = rng.uniform(0, static_cast<int32_t>(in.size()));
  ir::Shape out = in;
  out.insert(out.begin() + axis, 1);
  const int32_t written = rng.uniform(0, 1) ? axis : axis - static_cast<int32_t>(out.size());
  return one_op(seed, type, in, out, ir::OpType::kExpandDims, {{written}}, std::monostate{});
}

// RESHAPE to a random shape of the same element count (its factors regrouped
// into 1-4 axes), with the new shape as a constant operand and in the options.
SliceCase random_reshape(DeterministicRng& rng, uint64_t seed, ir::DataType type) {
  const ir::Shape in = random_shape(rng);
  std::vector<int32_t> factors;
  for (int32_t d : in) {
    for (int32_t f = 2; d > 1; f = d % f == 0 ? f : f + 1) {
      if (d % f == 0) {
        factors.push_back(f);
        d /= f;
      }
    }
  }
  ir::Shape out(static_cast<size_t>(rng.uniform(1, 4)), 1);
  for (int32_t f : factors)
    out[static_cast<size_t>(rng.uniform(0, static_cast<int32_t>(out.size()) - 1))] *= f;
  return one_op(seed, type, in, out, ir::OpType::kReshape, {out}, ir::ReshapeOptions{out});
}

// SQUEEZE of 1-3 size-1 axes inserted into a random shape, named or all.
SliceCase random_squeeze(DeterministicRng& rng, uint64_t seed, ir::DataType type) {
  ir::Shape out = random_shape(rng);
  while (out.size() > 3) out.pop_back();
  ir::Shape in = out;
  for (int32_t k = rng.uniform(1, 4 - static_cast<int32_t>(out.size())); k > 0; --k) {
    in.insert(in.begin() + rng.uniform(0, static_cast<int32_t>(in.size())), 1);
  }
  // Squeeze every size-1 axis (named, or all with no axes named); when that
  // would leave a scalar, name all but the last.
  std::vector<int32_t> ones;
  for (size_t axis = 0; axis < in.size(); ++axis) {
    if (in[axis] == 1) ones.push_back(static_cast<int32_t>(axis));
  }
  out.clear();
  for (int32_t d : in) {
    if (d != 1) out.push_back(d);
  }
  std::vector<int32_t> dims;
  if (out.empty()) {
    out = {1};
    dims.assign(ones.begin(), ones.end() - 1);
  } else if (rng.uniform(0, 1) == 1) {
    dims = ones;
  }
  return one_op(seed, type, in, out, ir::OpType::kSqueeze, {}, ir::SqueezeOptions{dims});
}

// SPLIT, SPLIT_V or UNPACK along a random axis: convert_splits_to_slices
// turns it into one slice per output.
// `kind`: 0 SPLIT, 1 SPLIT_V, 2 UNPACK (of an input of rank 2 or more).
SliceCase random_split(DeterministicRng& rng, uint64_t seed, ir::DataType type, int32_t kind) {
  ir::Shape in = random_shape(rng);
  while (kind == 2 && in.size() < 2) in = random_shape(rng);
  const auto rank = static_cast<int32_t>(in.size());
  const int32_t axis = rng.uniform(0, rank - 1);
  int32_t& extent = in[static_cast<size_t>(axis)];
  std::vector<int32_t> sizes;
  if (kind == 0) {  // SPLIT into n equal parts
    const int32_t n = rng.uniform(1, 4);
    extent = n * rng.uniform(1, 4);
    sizes.assign(static_cast<size_t>(n), extent / n);
  } else if (kind == 1) {  // SPLIT_V, one size possibly -1
    for (int32_t left = extent; left > 0;) {
      sizes.push_back(rng.uniform(1, left));
      left -= sizes.back();
    }
  } else {  // UNPACK
    extent = std::min(extent, 6);
    sizes.assign(static_cast<size_t>(extent), 1);
  }
  models::GraphBuilder b("split_case", seed);
  const int32_t input = b.add_activation("in", in, {0.05f, 3});
  b.graph().tensors[static_cast<size_t>(input)].type = type;
  std::vector<int32_t> outputs;
  for (size_t k = 0; k < sizes.size(); ++k) {
    ir::Shape out = in;
    out[static_cast<size_t>(axis)] = sizes[k];
    if (kind == 2) out.erase(out.begin() + axis);
    outputs.push_back(b.add_activation("out" + std::to_string(k), out, {0.05f, 3}));
    b.graph().tensors[static_cast<size_t>(outputs.back())].type = type;
  }
  const auto n = static_cast<int32_t>(sizes.size());
  std::string label;
  if (kind == 0) {
    const int32_t axis_tensor =
        b.add_int32_constant("axis", {axis - (rng.uniform(0, 1) ? rank : 0)});
    b.add_op(ir::OpType::kSplit, {axis_tensor, input}, outputs, ir::SplitOptions{n});
    label = "SPLIT";
  } else if (kind == 1) {
    std::vector<int32_t> written = sizes;
    if (rng.uniform(0, 1)) written[static_cast<size_t>(rng.uniform(0, n - 1))] = -1;
    const int32_t sizes_tensor = b.add_int32_constant("size_splits", written);
    const int32_t axis_tensor = b.add_int32_constant("axis", {axis});
    b.add_op(ir::OpType::kSplitV, {input, sizes_tensor, axis_tensor}, outputs, ir::SplitOptions{n});
    label = "SPLIT_V sizes " + shape_text(written);
  } else {
    b.add_op(ir::OpType::kUnpack, {input}, outputs, ir::PackOptions{n, axis});
    label = "UNPACK";
  }
  b.set_io({input}, outputs);
  return {b.finish("t"), label + " " + ir::data_type_name(type) + " in " + shape_text(in) +
                             " axis " + std::to_string(axis)};
}

// CONCATENATION of 1-4 graph inputs along a random axis.
SliceCase random_concatenation(DeterministicRng& rng, uint64_t seed, ir::DataType type) {
  if (type == ir::DataType::kUInt8) type = ir::DataType::kInt8;  // TFLM: int8 and int16 only
  ir::Shape out = random_shape(rng);
  const auto rank = static_cast<int32_t>(out.size());
  const int32_t axis = rng.uniform(0, rank - 1);
  models::GraphBuilder b("concatenation_case", seed);
  std::vector<int32_t> inputs;
  int32_t extent = 0;
  std::string label = "CONCATENATION " + std::string(ir::data_type_name(type)) + " axis " +
                      std::to_string(axis) + " inputs";
  for (int32_t k = rng.uniform(1, 4); k > 0; --k) {
    ir::Shape in = out;
    in[static_cast<size_t>(axis)] = rng.uniform(1, 6);
    extent += in[static_cast<size_t>(axis)];
    inputs.push_back(b.add_activation("in" + std::to_string(k), in, {0.05f, 3}));
    b.graph().tensors[static_cast<size_t>(inputs.back())].type = type;
    label += " " + shape_text(in);
  }
  out[static_cast<size_t>(axis)] = extent;
  const int32_t output = b.add_activation("out", out, {0.05f, 3});
  b.graph().tensors[static_cast<size_t>(output)].type = type;
  const int32_t written = rng.uniform(0, 1) ? axis : axis - rank;
  b.add_op(ir::OpType::kConcatenation, inputs, {output},
           ir::ConcatenationOptions{written, ir::FusedActivation::kNone});
  b.set_io(inputs, {output});
  return {b.finish("t"), label};
}

// PACK of 1-4 graph inputs of one shape at a random new axis.
SliceCase random_pack(DeterministicRng& rng, uint64_t seed, ir::DataType type) {
  if (type == ir::DataType::kUInt8) type = ir::DataType::kInt8;
  const ir::Shape in = random_shape(rng);
  const int32_t count = rng.uniform(1, 4);
  const int32_t axis = rng.uniform(0, static_cast<int32_t>(in.size()));
  ir::Shape out = in;
  out.insert(out.begin() + axis, count);
  models::GraphBuilder b("pack_case", seed);
  std::vector<int32_t> inputs;
  for (int32_t k = 0; k < count; ++k) {
    inputs.push_back(b.add_activation("in" + std::to_string(k), in, {0.05f, 3}));
    b.graph().tensors[static_cast<size_t>(inputs.back())].type = type;
  }
  const int32_t output = b.add_activation("out", out, {0.05f, 3});
  b.graph().tensors[static_cast<size_t>(output)].type = type;
  b.add_op(ir::OpType::kPack, inputs, {output}, ir::PackOptions{count, axis});
  b.set_io(inputs, {output});
  return {b.finish("t"), "PACK " + std::string(ir::data_type_name(type)) + " " +
                             std::to_string(count) + " x " + shape_text(in) + " axis " +
                             std::to_string(axis)};
}

// RESIZE_NEAREST_NEIGHBOR of [1,h,w,c] to the same size, to 2h x 2w, or to
// (2h-1) x (2w-1) without half-pixel centers (TFLite then reads row y / 2 too).
SliceCase random_resize_nearest(DeterministicRng& rng, uint64_t seed, ir::DataType type) {
  const ir::Shape in = {1, rng.uniform(1, 9), rng.uniform(1, 9), rng.uniform(1, 40)};
  ir::ResizeOptions options;
  options.half_pixel_centers = rng.uniform(0, 1) == 1;
  // align_corners rounds y * (n - 1) / (2n - 1), which is y / 2 for every y.
  options.align_corners = !options.half_pixel_centers && rng.uniform(0, 2) == 0;
  ir::Shape out = in;
  const int32_t kind = rng.uniform(0, 2);
  if (kind > 0) {
    const int32_t less = kind == 2 && !options.half_pixel_centers && !options.align_corners ? 1 : 0;
    out[1] = std::max(1, 2 * in[1] - less);
    out[2] = std::max(1, 2 * in[2] - less);
  }
  SliceCase c =
      one_op(seed, type, in, out, ir::OpType::kResizeNearestNeighbor, {{out[1], out[2]}}, options);
  c.label += options.half_pixel_centers ? " half-pixel" : "";
  return c;
}

// TRANSPOSE with one of Vela 3.10's U55 permutations over random sizes (the
// axes the permutation needs to be 1 set to 1): each is one block swap.
SliceCase random_transpose(DeterministicRng& rng, uint64_t seed, ir::DataType type) {
  struct Form {
    std::vector<int32_t> perm;
    std::vector<size_t> unit_axes;
  };
  const Form forms[] = {{{1, 0}, {}},          {{1, 0, 2}, {}},     {{0, 2, 1}, {0}},
                        {{2, 1, 0}, {1}},      {{0, 2, 1, 3}, {0}}, {{0, 1, 3, 2}, {0, 1}},
                        {{0, 3, 2, 1}, {0, 2}}};
  const Form& form = forms[rng.uniform(0, 6)];
  ir::Shape in(form.perm.size());
  for (int32_t& d : in) d = rng.uniform(1, rng.uniform(0, 3) == 0 ? 30 : 9);
  for (size_t axis : form.unit_axes) in[axis] = 1;
  ir::Shape out;
  for (int32_t p : form.perm) out.push_back(in[static_cast<size_t>(p)]);
  SliceCase c = one_op(seed, type, in, out, ir::OpType::kTranspose, {form.perm}, std::monostate{});
  c.label += " perm " + shape_text(form.perm);
  return c;
}

CompilerOptions options_for(DeterministicRng& rng) {
  CompilerOptions options;
  options.accelerator_config = testing::random_accelerator(rng);
  return options;
}

int case_count() {
  const char* env = std::getenv("VNPU_SLICE_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 200;
}

// One data-movement operator's random cases: its generator, given the rng, the seed and the type.
struct MovementKind {
  const char* name;
  SliceCase (*generate)(DeterministicRng& rng, uint64_t seed, ir::DataType type);
};

const MovementKind kMovementKinds[] = {
    {"SLICE", random_slice},
    {"STRIDED_SLICE", random_strided_slice},
    {"EXPAND_DIMS", random_expand_dims},
    {"RESHAPE", random_reshape},
    {"SQUEEZE", random_squeeze},
    {"SPLIT",
     [](DeterministicRng& r, uint64_t s, ir::DataType t) { return random_split(r, s, t, 0); }},
    {"SPLIT_V",
     [](DeterministicRng& r, uint64_t s, ir::DataType t) { return random_split(r, s, t, 1); }},
    {"UNPACK",
     [](DeterministicRng& r, uint64_t s, ir::DataType t) { return random_split(r, s, t, 2); }},
    {"CONCATENATION", random_concatenation},
    {"PACK", random_pack},
    {"RESIZE_NEAREST_NEIGHBOR", random_resize_nearest},
    {"TRANSPOSE", random_transpose},
};

class CodegenDataMovementKind : public ::testing::TestWithParam<MovementKind> {};

// case_count() random cases of the operator over int8, int16 and uint8 and
// every U55 configuration: each lands on the NPU and matches the CPU runtime.
TEST_P(CodegenDataMovementKind, RandomCasesRunOnTheNpuByteForByte) {
  const MovementKind& kind = GetParam();
  const auto first_seed = static_cast<uint64_t>(7000 + 1000 * (&kind - std::begin(kMovementKinds)));
  int failures = 0;
  for (int i = 0; i < case_count() && failures < 20; ++i) {
    const uint64_t seed = first_seed + static_cast<uint64_t>(i);
    DeterministicRng rng(seed);
    const ir::DataType type = kTypes[rng.uniform(0, 2)];
    const SliceCase c = kind.generate(rng, seed, type);
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

std::string kind_name(const ::testing::TestParamInfo<MovementKind>& param) {
  return param.param.name;
}

INSTANTIATE_TEST_SUITE_P(Operators, CodegenDataMovementKind, ::testing::ValuesIn(kMovementKinds),
                         kind_name);

// `c` must stay on the CPU with `reason_part` in its reason, still exact.
void expect_on_cpu(const SliceCase& c, const std::string& reason_part) {
  testing::expect_stays_on_cpu(c.model, c.label, reason_part);
}

TEST(CodegenDataMovement, AStridedSliceWithANegativeStrideStaysOnTheCpu) {
  ir::StridedSliceOptions reverse_rows;
  reverse_rows.end_mask = 1 << 1;
  expect_on_cpu(
      one_op(1, ir::DataType::kInt8, {1, 6, 6, 4}, {1, 6, 6, 4}, ir::OpType::kStridedSlice,
             {{0, 5, 0, 0}, {1, 0, 6, 4}, {1, -1, 1, 1}}, reverse_rows),
      "axis 1 has stride -1");
}

// STRIDED_SLICE with positive strides 1..3 on every axis (no masks): a copy
// whose byte strides are the input's times the slice's.
SliceCase random_stepped_slice(DeterministicRng& rng, uint64_t seed, ir::DataType type) {
  const ir::Shape in = random_shape(rng);
  std::vector<int32_t> begin, end, strides;
  ir::Shape out;
  for (int32_t d : in) {
    const int32_t step = rng.uniform(1, 3);
    const int32_t start = rng.uniform(0, d - 1);
    const int32_t count = rng.uniform(1, (d - start + step - 1) / step);
    begin.push_back(start);
    end.push_back(std::min(d, start + (count - 1) * step + rng.uniform(1, step)));
    strides.push_back(step);
    out.push_back(count);
  }
  SliceCase c = one_op(seed, type, in, out, ir::OpType::kStridedSlice, {begin, end, strides},
                       ir::StridedSliceOptions{});
  c.label +=
      " begin " + shape_text(begin) + " end " + shape_text(end) + " strides " + shape_text(strides);
  return c;
}

TEST(CodegenDataMovement, StridedSlicesWithPositiveStridesRunOnTheNpuByteForByte) {
  int on_npu = 0;
  constexpr int kCases = 240;
  for (int i = 0; i < kCases; ++i) {
    const auto seed = static_cast<uint64_t>(27000 + i);
    DeterministicRng rng(seed);
    const ir::DataType type = kTypes[rng.uniform(0, 2)];
    const SliceCase c = random_stepped_slice(rng, seed, type);
    const CompilerOptions options = options_for(rng);
    const std::string reason = testing::npu_refusal(c.model, options);
    // A box that needs four NPU axes is the only refusal.
    if (!reason.empty()) {
      EXPECT_NE(reason.find("non-contiguous axes"), std::string::npos) << c.label << ": " << reason;
    }
    on_npu += reason.empty() ? 1 : 0;
    EXPECT_EQ(testing::compile_and_compare(c.model, options,
                                           testing::random_inputs(c.model.main_graph(), seed)),
              "")
        << c.label << " on " << options.accelerator_config;
  }
  std::printf("%d of %d stepped STRIDED_SLICEs on the NPU\n", on_npu, kCases);
  EXPECT_GE(on_npu, 200);
}

TEST(CodegenDataMovement, ANearestResizeByThreeStaysOnTheCpu) {
  expect_on_cpu(one_op(5, ir::DataType::kInt8, {1, 3, 4, 8}, {1, 9, 12, 8},
                       ir::OpType::kResizeNearestNeighbor, {{9, 12}}, ir::ResizeOptions{}),
                "nor a nearest 2x upscale");
}

TEST(CodegenDataMovement, AHalfPixelResizeToTwiceMinusOneStaysOnTheCpu) {
  // Half-pixel centers: output row 5 of 7 reads input row floor(5.5 * 4 / 7) = 3, not 5 / 2.
  expect_on_cpu(
      one_op(6, ir::DataType::kInt8, {1, 4, 4, 8}, {1, 7, 7, 8}, ir::OpType::kResizeNearestNeighbor,
             {{7, 7}}, ir::ResizeOptions{false, true}),
      "nor a nearest 2x upscale");
}

TEST(CodegenDataMovement, AnNhwcToNchwTransposeRunsOnTheNpuAsOneSwap) {
  // [1,4,5,6] -> [1,6,4,5] is [20, 6] -> [6, 20]: one copy with swapped strides.
  const SliceCase c = one_op(7, ir::DataType::kInt8, {1, 4, 5, 6}, {1, 6, 4, 5},
                             ir::OpType::kTranspose, {{0, 3, 1, 2}}, std::monostate{});
  CompilerOptions options;
  EXPECT_EQ(testing::npu_refusal(c.model, options), "");
  EXPECT_EQ(testing::compile_and_compare(c.model, options,
                                         testing::random_inputs(c.model.main_graph(), 7)),
            "");
}

TEST(CodegenDataMovement, ATransposeOfThreeMovedBlocksStaysOnTheCpu) {
  expect_on_cpu(one_op(7, ir::DataType::kInt8, {1, 4, 5, 6}, {1, 6, 5, 4}, ir::OpType::kTranspose,
                       {{0, 3, 2, 1}}, std::monostate{}),
                "moves 3 blocks of axes");
}

// Any permutation of rank 1-4 over random sizes (a quarter of them 1); half
// the cases NHWC <-> NCHW.
SliceCase any_transpose(DeterministicRng& rng, uint64_t seed, ir::DataType type, bool* nhwc_nchw) {
  std::vector<int32_t> perm;
  ir::Shape in;
  *nhwc_nchw = rng.uniform(0, 1) == 0;
  if (*nhwc_nchw) {
    perm = rng.uniform(0, 1) == 0 ? std::vector<int32_t>{0, 3, 1, 2}
                                  : std::vector<int32_t>{0, 2, 3, 1};
    in = {1, rng.uniform(1, 24), rng.uniform(1, 24), rng.uniform(1, 40)};
  } else {
    perm.resize(static_cast<size_t>(rng.uniform(1, 4)));
    for (size_t i = 0; i < perm.size(); ++i) perm[i] = static_cast<int32_t>(i);
    for (size_t i = perm.size(); i > 1; --i) {
      std::swap(perm[i - 1],
                perm[static_cast<size_t>(rng.uniform(0, static_cast<int32_t>(i) - 1))]);
    }
    in.resize(perm.size());
    for (int32_t& d : in) d = rng.uniform(0, 3) == 0 ? 1 : rng.uniform(2, 9);
  }
  ir::Shape out;
  for (int32_t p : perm) out.push_back(in[static_cast<size_t>(p)]);
  SliceCase c = one_op(seed, type, in, out, ir::OpType::kTranspose, {perm}, std::monostate{});
  c.label += " perm " + shape_text(perm);
  return c;
}

TEST(CodegenDataMovement, AnyTransposeMatchesTheCpuAndNhwcNchwRunsOnTheNpu) {
  int on_npu = 0;
  constexpr int kCases = 300;
  for (int i = 0; i < kCases; ++i) {
    const auto seed = static_cast<uint64_t>(15000 + i);
    DeterministicRng rng(seed);
    const ir::DataType type = kTypes[rng.uniform(0, 2)];
    bool nhwc_nchw = false;
    const SliceCase c = any_transpose(rng, seed, type, &nhwc_nchw);
    const CompilerOptions options = options_for(rng);
    const std::string reason = testing::npu_refusal(c.model, options);
    // NHWC <-> NCHW swaps two blocks ([H*W, C] <-> [C, H*W]).
    if (nhwc_nchw) {
      EXPECT_EQ(reason, "") << c.label;
    }
    if (!reason.empty()) {
      EXPECT_NE(reason.find("blocks of axes"), std::string::npos) << c.label << ": " << reason;
    }
    on_npu += reason.empty() ? 1 : 0;
    EXPECT_EQ(testing::compile_and_compare(c.model, options,
                                           testing::random_inputs(c.model.main_graph(), seed)),
              "")
        << c.label << " on " << options.accelerator_config;
  }
  std::printf("%d of %d TRANSPOSEs on the NPU\n", on_npu, kCases);
  EXPECT_GE(on_npu, 200);
}

TEST(CodegenDataMovement, ABoxOfFourNonContiguousAxesStaysOnTheCpu) {
  expect_on_cpu(one_op(2, ir::DataType::kInt8, {3, 4, 5, 6}, {2, 3, 4, 5}, ir::OpType::kSlice,
                       {{1, 1, 1, 1}, {2, 3, 4, 5}}, std::monostate{}),
                "three");
}

TEST(CodegenDataMovement, AFourAxisBoxWithAWholeInnerAxisMergesAndRunsOnTheNpu) {
  const SliceCase c = one_op(3, ir::DataType::kInt16, {3, 4, 5, 6}, {2, 3, 5, 6},
                             ir::OpType::kSlice, {{1, 1, 0, 0}, {2, 3, -1, 6}}, std::monostate{});
  CompilerOptions options;
  options.accelerator_config = "ethos-u55-64";
  auto compiled = compile_model(c.model, options);
  ASSERT_TRUE(compiled) << compiled.status().message();
  EXPECT_TRUE(compiled->front.partition.ops.at(0).on_npu)
      << compiled->front.partition.ops.at(0).reason;
  EXPECT_EQ(testing::compile_and_compare(c.model, options,
                                         testing::random_inputs(c.model.main_graph(), 4)),
            "");
}

}  // namespace
}  // namespace vnpu::compiler
