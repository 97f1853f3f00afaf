// Differential test of the CONV/DEPTHWISE fast path (convolution_fast.h)
// against the per-element loop (execute_convolution_reference): random
// operations (layouts, multi-tile feature maps, strides, dilations, paddings,
// upscaling, 8/16-bit IFMs with zero points, 8/16/32-bit OFMs, full-range int16
// weights so ACC_FORMAT I32 accumulators wrap, I40, per-channel and global
// scales, every round mode, clamp/tanh/sigmoid/lookup-table activations) must
// leave byte-identical memory and the same result.
#include "sim/functional/convolution_fast.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "isa/scale_stream.h"
#include "tests/sim/functional/npu_test_util.h"

namespace vnpu::testing {
namespace {

using isa::DataFormat;
using sim::FmShape;

constexpr size_t kRegionBytes = 1 << 17;

class RandomConvolution {
 public:
  explicit RandomConvolution(uint32_t seed) : rng_(seed) {}

  // Builds a random operation into `op`, `weights` and `memory`.
  void build(isa::Operation* op, sim::ConvWeights* weights, TestMemory* memory);

 private:
  int32_t u(int32_t lo, int32_t hi) { return std::uniform_int_distribution<int32_t>(lo, hi)(rng_); }
  isa::FeatureMapState feature_map(uint8_t region, uint64_t base, FmShape shape, int bits,
                                   bool is_signed);
  void fill_scales(isa::RegisterState& s, int32_t channels, TestMemory* memory);

  std::mt19937 rng_;
};

// A feature map split into up to four tiles, each at its own base.
isa::FeatureMapState RandomConvolution::feature_map(uint8_t region, uint64_t base, FmShape shape,
                                                    int bits, bool is_signed) {
  const DataFormat format = u(0, 1) ? DataFormat::kNhcwb16 : DataFormat::kNhwc;
  isa::FeatureMapState fm = make_fm(region, base, shape, bits, is_signed, format);
  if (u(0, 2) == 0) {
    const uint64_t tile_bytes = fm_bytes(shape, bits, format) + 32;
    fm.width0_m1 = static_cast<uint32_t>(u(1, shape.width) - 1);
    fm.height0_m1 = static_cast<uint32_t>(u(1, shape.height) - 1);
    fm.height1_m1 = static_cast<uint32_t>(u(1, shape.height) - 1);
    fm.tile_base = {base, base + tile_bytes, base + 2 * tile_bytes, base + 3 * tile_bytes};
  }
  return fm;
}

void RandomConvolution::fill_scales(isa::RegisterState& s, int32_t channels, TestMemory* memory) {
  s.ofm.round_mode = static_cast<isa::RoundMode>(u(0, 2));
  s.ofm.global_scale = u(0, 3) == 0;
  s.ofm_scale = {static_cast<uint32_t>(u(1, INT32_MAX)), static_cast<uint8_t>(u(0, 50))};
  std::vector<isa::ScaleBiasEntry> entries(static_cast<size_t>(channels));
  for (isa::ScaleBiasEntry& e : entries) {
    e.bias = static_cast<int64_t>(u(-(1 << 30), 1 << 30)) * u(1, 200);
    e.multiplier = static_cast<uint32_t>(u(1, INT32_MAX));
    e.shift = static_cast<uint32_t>(u(0, 50));
  }
  const Expected<std::vector<uint8_t>> stream = isa::encode_scale_stream(entries);
  ASSERT_TRUE(static_cast<bool>(stream)) << stream.status().message();
  std::copy(stream->begin(), stream->end(), memory->buffers[0].begin() + 64);
  s.scales = {0, 64, stream->size()};
}

void RandomConvolution::build(isa::Operation* op, sim::ConvWeights* weights, TestMemory* memory) {
  uint32_t noise = static_cast<uint32_t>(u(0, INT32_MAX));
  auto next_byte = [&noise]() {
    noise = noise * 1664525u + 1013904223u;
    return static_cast<uint8_t>(noise >> 24);
  };
  for (int r = 0; r < 3; ++r) {
    for (uint8_t& b : memory->buffers[static_cast<size_t>(r)]) b = next_byte();
  }
  for (uint8_t& b : memory->shram) b = next_byte();
  const bool depthwise = u(0, 1) == 1;
  op->kind = depthwise ? isa::OperationKind::kDepthwise : isa::OperationKind::kConv;
  isa::RegisterState& s = op->state;
  const int32_t kh = u(1, 4), kw = u(1, 4), dy = u(1, 2), dx = u(1, 2);
  s.kernel.height_m1 = static_cast<uint32_t>(dy * (kh - 1));
  s.kernel.width_m1 = static_cast<uint32_t>(dx * (kw - 1));
  s.kernel.stride_y = static_cast<uint8_t>(u(1, 3));
  s.kernel.stride_x = static_cast<uint8_t>(u(1, 3));
  s.kernel.dilation_y = static_cast<uint8_t>(dy);
  s.kernel.dilation_x = static_cast<uint8_t>(dx);
  const FmShape ofm = {u(1, 6), u(1, 6), u(1, 20)};
  s.ofm.height_m1 = static_cast<uint32_t>(ofm.height - 1);
  s.ofm.width_m1 = static_cast<uint32_t>(ofm.width - 1);
  s.ofm.depth_m1 = static_cast<uint32_t>(ofm.depth - 1);
  // Paddings that leave at least one IFM row and column.
  const int32_t rows = (ofm.height - 1) * s.kernel.stride_y + dy * (kh - 1) + 1;
  const int32_t columns = (ofm.width - 1) * s.kernel.stride_x + dx * (kw - 1) + 1;
  const int32_t pad_top = u(0, std::min(dy * (kh - 1), rows - 1));
  const int32_t pad_left = u(0, std::min(dx * (kw - 1), columns - 1));
  s.ifm.pad_top = static_cast<uint8_t>(pad_top);
  s.ifm.pad_bottom = static_cast<uint8_t>(u(0, std::min(dy * (kh - 1), rows - 1 - pad_top)));
  s.ifm.pad_left = static_cast<uint8_t>(pad_left);
  s.ifm.pad_right = static_cast<uint8_t>(u(0, std::min(dx * (kw - 1), columns - 1 - pad_left)));
  s.ifm.upscale = u(0, 3) == 0 ? static_cast<isa::UpscaleMode>(u(1, 2)) : isa::UpscaleMode::kNone;
  sim::KernelGeometry g;
  ASSERT_TRUE(sim::make_kernel_geometry(*op, &g).ok());
  const int32_t ifm_depth = depthwise ? ofm.depth + u(0, 3) : u(1, 24);
  const FmShape ifm = {g.ifm.height, g.ifm.width, ifm_depth};
  const int ifm_bits = u(0, 1) ? 16 : 8;
  static_cast<isa::FeatureMapState&>(s.ifm) = feature_map(1, 16, ifm, ifm_bits, u(0, 3) != 0);
  s.ifm.depth_m1 = static_cast<uint32_t>(ifm_depth - 1);
  s.ifm.zero_point = ifm_bits == 16 && u(0, 1) ? u(-32768, 32767) : u(-128, 127);
  const int ofm_bits = 8 << u(0, 2);
  const bool in_place = u(0, 7) == 0;  // the fast path must decline
  static_cast<isa::FeatureMapState&>(s.ofm) =
      feature_map(in_place ? 1 : 2, in_place ? u(0, 64) : 8, ofm, ofm_bits, u(0, 3) != 0);
  s.ofm.zero_point = u(-100, 100);
  s.acc_format = u(0, 1) ? isa::AccFormat::kInt40 : isa::AccFormat::kInt32;
  const int function_choice = u(0, 5);
  s.activation.function = static_cast<uint8_t>(
      function_choice < 3 ? 0 : (function_choice == 3 ? 3 : (function_choice == 4 ? 4 : 16 + u(0, 7))));
  s.activation.clip_range = ofm_bits == 32 && s.activation.function >= 16 ? 3 : 0;
  s.activation.min = u(-32768, 0);
  s.activation.max = u(0, 32767);
  fill_scales(s, ofm.depth, memory);

  weights->ofm_depth = ofm.depth;
  weights->kernel_height = kh;
  weights->kernel_width = kw;
  weights->ifm_depth = depthwise ? 1 : ifm_depth;
  const int32_t limit = u(0, 1) ? 32767 : 127;
  weights->ohwi.resize(static_cast<size_t>(ofm.depth * kh * kw * weights->ifm_depth));
  for (int16_t& w : weights->ohwi) w = static_cast<int16_t>(u(-limit - 1, limit));
}

TEST(ConvolutionFastTest, RandomOperationsMatchThePerElementLoopByteForByte) {
  int fast = 0;
  int wide_int32 = 0;
  for (uint32_t i = 0; i < 800; ++i) {
    RandomConvolution random(i);
    isa::Operation op;
    sim::ConvWeights weights;
    TestMemory reference_memory(kRegionBytes);
    random.build(&op, &weights, &reference_memory);
    if (::testing::Test::HasFatalFailure()) return;
    TestMemory fast_memory = reference_memory;
    for (size_t r = 0; r < 8; ++r) {
      fast_memory.regions[r] = {fast_memory.buffers[r].data(), fast_memory.buffers[r].size()};
    }
    const sim::ExecResult expected =
        sim::execute_convolution_reference(op, reference_memory.memory(), weights);
    const sim::ExecResult got = sim::execute_convolution(op, fast_memory.memory(), weights);
    ASSERT_EQ(got.fault, expected.fault) << "case " << i << ": " << got.message;
    ASSERT_EQ(got.message, expected.message) << "case " << i;
    for (size_t r = 0; r < 3; ++r) {
      ASSERT_EQ(fast_memory.buffers[r], reference_memory.buffers[r]) << "case " << i << " region " << r;
    }
    // The fast path itself must have taken every regular operation.
    TestMemory again = fast_memory;
    for (size_t r = 0; r < 8; ++r) again.regions[r] = {again.buffers[r].data(), again.buffers[r].size()};
    sim::ConvolutionSetup setup;
    if (!sim::prepare_convolution(op, again.memory(), weights, &setup).ok()) continue;
    const bool took = sim::run_fast_convolution(&setup, weights);
    EXPECT_EQ(took, !setup.ofm.overlaps(setup.ifm)) << "case " << i;
    fast += took ? 1 : 0;
    wide_int32 += took && op.state.ifm.type.bits == 16 &&
                  op.state.acc_format == isa::AccFormat::kInt32;
  }
  EXPECT_GT(fast, 500) << wide_int32;
  EXPECT_GT(wide_int32, 80) << fast;
}

// 1x1 CONV over 8 channels of 32767 * 32767: the sum 8 * 1073676289 passes
// int32, and ACC_FORMAT I32 keeps it modulo 2^32 (-524280), as a 32-bit OFM shows.
TEST(ConvolutionFastTest, Int32AccumulatorWrapsLikeThePerElementLoop) {
  TestMemory memory(1 << 12);
  isa::Operation op;
  op.kind = isa::OperationKind::kConv;
  isa::RegisterState& s = op.state;
  static_cast<isa::FeatureMapState&>(s.ifm) = make_fm(1, 0, {2, 2, 8}, 16, true, DataFormat::kNhwc);
  s.ifm.depth_m1 = 7;
  static_cast<isa::FeatureMapState&>(s.ofm) = make_fm(2, 0, {2, 2, 1}, 32, true, DataFormat::kNhwc);
  s.ofm.height_m1 = 1;
  s.ofm.width_m1 = 1;
  s.ofm.global_scale = true;
  s.ofm_scale = {1, 0};
  s.acc_format = isa::AccFormat::kInt32;
  store(s.ifm, {2, 2, 8}, memory, std::vector<int64_t>(32, 32767));
  sim::ConvWeights weights;
  weights.ofm_depth = 1;
  weights.kernel_height = 1;
  weights.kernel_width = 1;
  weights.ifm_depth = 8;
  weights.ohwi.assign(8, 32767);
  sim::ConvolutionSetup setup;
  const sim::ExecResult prepared = sim::prepare_convolution(op, memory.memory(), weights, &setup);
  ASSERT_TRUE(prepared.ok()) << prepared.message;
  ASSERT_TRUE(sim::run_fast_convolution(&setup, weights));
  EXPECT_EQ(load(s.ofm, {2, 2, 1}, memory), std::vector<int64_t>(4, -524280));
  ASSERT_TRUE(sim::execute_convolution_reference(op, memory.memory(), weights).ok());
  EXPECT_EQ(load(s.ofm, {2, 2, 1}, memory), std::vector<int64_t>(4, -524280));
}

}  // namespace
}  // namespace vnpu::testing
