// RtlDatapath (sim/rtl/rtl_datapath.h) against sim::execute_operation on
// random CONV and DEPTHWISE operations: int8/uint8/int16 IFMs, NHWC and
// NHCWB16, kernels 1..5 (and 5x5 over 160..260 channels, which the datapath
// splits in IFM depth slices), strides 1..3, dilation 2, padding on every side,
// 2x upscaling (nearest, zero insertion), int32/int40 accumulators, 8/16/32-bit
// OFMs, per-channel and global scales, clamps, an 8-bit lookup table, both
// weight orders and OFM block depths 8/16/32, on ethos-u55-128 and -256. The
// whole memory after the RTL run must equal the functional model's, byte for
// byte, and the statistics must say that the RTL computed every OFM element.
// Random POOLs (MAX, AVERAGE, SUM, reduce-sum) likewise, their max, sum and
// taps from the MAC datapath.
#include "sim/rtl/rtl_datapath.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "isa/scale_stream.h"
#include "isa/weight_encoder.h"
#include "isa/weight_layout.h"
#include "sim/functional/execute_operation.h"
#include "tests/sim/functional/npu_test_util.h"

namespace vnpu {
namespace {

using testing::TestMemory;

constexpr uint64_t kWeightsBase = 8192;
constexpr uint64_t kOfmBase = 1 << 19;
constexpr size_t kRegionBytes = 1 << 20;

struct OpCase {
  std::string preset;
  isa::Operation op;
  TestMemory memory{kRegionBytes};
  std::vector<uint8_t> flash;
  std::string text;  // for failure messages
};

// A copy whose regions point at its own buffers.
TestMemory copy_of(const TestMemory& from) {
  TestMemory to = from;
  for (size_t i = 0; i < to.buffers.size(); ++i) {
    to.regions[i] = {to.buffers[i].empty() ? nullptr : to.buffers[i].data(), to.buffers[i].size()};
  }
  return to;
}

class Random {
 public:
  explicit Random(uint64_t seed) : rng_(seed) {}
  int32_t in(int32_t lo, int32_t hi) {
    return std::uniform_int_distribution<int32_t>(lo, hi)(rng_);
  }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

 private:
  std::mt19937_64 rng_;
};

// Sets the kernel, OFM and IFM geometry; returns the stored IFM shape.
sim::FmShape random_geometry(Random& r, bool depthwise, bool deep, isa::RegisterState& s,
                             bool dilation = true) {
  const int32_t kh = deep ? 5 : r.in(1, 5), kw = deep ? 5 : r.in(1, 5);
  const int32_t sy = r.in(1, 3), sx = r.in(1, 3);
  const int32_t dy = dilation && r.chance(0.2) ? 2 : 1, dx = dilation && r.chance(0.2) ? 2 : 1;
  const int32_t ey = (kh - 1) * dy + 1, ex = (kw - 1) * dx + 1;
  const int32_t oh = r.in(1, deep ? 4 : 12), ow = r.in(1, deep ? 4 : 12);
  const int32_t pt = r.in(0, ey - 1), pb = r.in(0, ey - 1), pl = r.in(0, ex - 1),
                pr = r.in(0, ex - 1);
  const int32_t up_h = std::max(1, (oh - 1) * sy + ey - pt - pb);
  const int32_t up_w = std::max(1, (ow - 1) * sx + ex - pl - pr);
  s.ifm.upscale =
      r.chance(0.1) ? static_cast<isa::UpscaleMode>(r.in(1, 2)) : isa::UpscaleMode::kNone;
  const bool up = s.ifm.upscale != isa::UpscaleMode::kNone;
  s.ifm.pad_top = static_cast<uint8_t>(pt);
  s.ifm.pad_left = static_cast<uint8_t>(pl);
  s.ifm.pad_bottom = static_cast<uint8_t>((oh - 1) * sy + ey - pt - up_h);
  s.ifm.pad_right = static_cast<uint8_t>((ow - 1) * sx + ex - pl - up_w);
  s.kernel.height_m1 = static_cast<uint32_t>(ey - 1);
  s.kernel.width_m1 = static_cast<uint32_t>(ex - 1);
  s.kernel.stride_y = static_cast<uint8_t>(sy);
  s.kernel.stride_x = static_cast<uint8_t>(sx);
  s.kernel.dilation_y = static_cast<uint8_t>(dy);
  s.kernel.dilation_x = static_cast<uint8_t>(dx);
  const int32_t cin = deep ? r.in(160, 260) : r.in(1, 48);
  const int32_t cout = depthwise ? r.in(std::max(1, cin - 3), cin) : r.in(1, deep ? 20 : 40);
  s.ofm.height_m1 = static_cast<uint32_t>(oh - 1);
  s.ofm.width_m1 = static_cast<uint32_t>(ow - 1);
  s.ofm.depth_m1 = static_cast<uint32_t>(cout - 1);
  s.ifm.depth_m1 = static_cast<uint32_t>(cin - 1);
  return {up ? (up_h + 1) / 2 : up_h, up ? (up_w + 1) / 2 : up_w, cin};
}

// The output stage: OFM type, round mode, scales, clamp or lookup table.
void random_output(Random& r, isa::RegisterState& s, std::vector<isa::ScaleBiasEntry>* entries,
                   TestMemory& memory) {
  const int bits = r.chance(0.7) ? 8 : (r.chance(0.66) ? 16 : 32);
  const bool is_signed = bits == 32 || r.chance(0.7);
  s.ofm.type = {is_signed, static_cast<uint8_t>(bits)};
  s.ofm.round_mode = static_cast<isa::RoundMode>(r.in(0, 2));
  s.ofm.zero_point =
      bits == 32 ? 0 : static_cast<int32_t>(sim::element_min(is_signed, bits) + r.in(0, 255));
  const int64_t lo = sim::element_min(is_signed, bits == 32 ? 16 : bits);
  const int64_t hi = sim::element_max(is_signed, bits == 32 ? 16 : bits);
  s.activation.min = static_cast<int32_t>(r.chance(0.5) ? lo : lo + r.in(0, 20));
  s.activation.max = static_cast<int32_t>(r.chance(0.5) ? hi : hi - r.in(0, 20));
  s.acc_format = r.chance(0.5) ? isa::AccFormat::kInt40 : isa::AccFormat::kInt32;
  if (bits == 8 && r.chance(0.15)) {  // lookup table 2 over the OFM type's range
    s.activation.function = 18;
    s.activation.min = static_cast<int32_t>(lo);
    s.activation.max = static_cast<int32_t>(hi);
    for (size_t i = 0; i < 256; ++i) {
      memory.shram[memory.shram.size() - 2048 + 512 + i] = static_cast<uint8_t>(r.in(0, 255));
    }
  }
  s.ofm.global_scale = r.chance(0.3);
  const int32_t channels = static_cast<int32_t>(s.ofm.depth_m1) + 1;
  for (int32_t c = 0; c < channels; ++c) {
    entries->push_back({static_cast<int64_t>(r.in(-40000, 40000)) * (r.chance(0.1) ? 1000 : 1),
                        static_cast<uint32_t>(r.in(1 << 30, INT32_MAX)),
                        static_cast<uint32_t>(r.in(bits == 8 ? 30 : 20, 45))});
  }
  s.ofm_scale = {entries->front().multiplier, static_cast<uint8_t>(entries->front().shift)};
}

OpCase random_case(Random& r, int index) {
  OpCase k;
  k.preset = index % 2 == 0 ? "ethos-u55-128" : "ethos-u55-256";
  const bool depthwise = r.chance(0.3);
  const bool deep = !depthwise && r.chance(0.1);
  k.op.kind = depthwise ? isa::OperationKind::kDepthwise : isa::OperationKind::kConv;
  isa::RegisterState& s = k.op.state;
  const sim::FmShape ifm_shape = random_geometry(r, depthwise, deep, s);
  const int ifm_bits = r.chance(0.2) ? 16 : 8;
  const bool ifm_signed = ifm_bits == 16 || r.chance(0.7);
  const auto format = [&r] {
    return r.chance(0.5) ? isa::DataFormat::kNhwc : isa::DataFormat::kNhcwb16;
  };
  const sim::FmShape ofm_shape{static_cast<int32_t>(s.ofm.height_m1) + 1,
                               static_cast<int32_t>(s.ofm.width_m1) + 1,
                               static_cast<int32_t>(s.ofm.depth_m1) + 1};
  static_cast<isa::FeatureMapState&>(s.ifm) =
      testing::make_fm(1, 0, ifm_shape, ifm_bits, ifm_signed, format());
  s.ifm.zero_point = ifm_bits == 16
                         ? r.in(-300, 300)
                         : static_cast<int32_t>(sim::element_min(ifm_signed, 8) + r.in(0, 255));
  std::vector<isa::ScaleBiasEntry> entries;
  random_output(r, s, &entries, k.memory);
  const isa::ElementType ofm_type = s.ofm.type;
  static_cast<isa::FeatureMapState&>(s.ofm) =
      testing::make_fm(1, kOfmBase, ofm_shape, ofm_type.bits, ofm_type.is_signed, format());
  s.ofm.zero_point = ofm_type.bits == 32 ? 0 : s.ofm.zero_point;
  s.ofm.block_depth_m1 = static_cast<uint32_t>(8 * (1 << r.in(0, 2)) - 1);
  s.kernel.weight_order = !depthwise && r.chance(0.5) ? isa::WeightOrder::kPartKernelFirst
                                                      : isa::WeightOrder::kDepthFirst;

  const int32_t kh = static_cast<int32_t>(s.kernel.height_m1) / s.kernel.dilation_y + 1;
  const int32_t kw = static_cast<int32_t>(s.kernel.width_m1) / s.kernel.dilation_x + 1;
  isa::WeightLayoutParams layout = isa::weight_layout_for(*isa::find_accelerator_config(k.preset));
  layout.ofm_depth = ofm_shape.depth;
  layout.kernel_height = kh;
  layout.kernel_width = kw;
  layout.ifm_depth = depthwise ? 1 : ifm_shape.depth;
  layout.ofm_block_depth = static_cast<int32_t>(s.ofm.block_depth_m1) + 1;
  layout.ifm_bits = ifm_bits;
  layout.order = s.kernel.weight_order;
  layout.depthwise = depthwise;
  layout.dilation_x = s.kernel.dilation_x;
  layout.dilation_y = s.kernel.dilation_y;
  std::vector<int16_t> ohwi(static_cast<size_t>(layout.ofm_depth * kh * kw * layout.ifm_depth));
  for (int16_t& w : ohwi) w = static_cast<int16_t>(r.chance(0.3) ? 0 : r.in(-255, 255));
  const Expected<std::vector<uint8_t>> weights = isa::encode_weights(layout, ohwi);
  const Expected<std::vector<uint8_t>> scales = isa::encode_scale_stream(entries);
  if (!weights || !scales) {
    k.text = "encode failed: " + (weights ? scales.status().message() : weights.status().message());
    return k;
  }
  k.memory.resize(0, kWeightsBase + weights->size());
  std::copy(scales->begin(), scales->end(), k.memory.buffers[0].begin());
  std::copy(weights->begin(), weights->end(), k.memory.buffers[0].begin() + kWeightsBase);
  s.scales = {0, 0, scales->size()};
  s.weights = {0, kWeightsBase, weights->size()};
  std::vector<int64_t> ifm(
      static_cast<size_t>(ifm_shape.height * ifm_shape.width * ifm_shape.depth));
  for (int64_t& v : ifm) {
    v = r.in(static_cast<int32_t>(sim::element_min(ifm_signed, ifm_bits)),
             static_cast<int32_t>(sim::element_max(ifm_signed, ifm_bits)));
  }
  testing::store(s.ifm, ifm_shape, k.memory, ifm);
  k.text = std::string(depthwise ? "DEPTHWISE" : "CONV") + " " + k.preset + " ifm " +
           std::to_string(ifm_shape.height) + "x" + std::to_string(ifm_shape.width) + "x" +
           std::to_string(ifm_shape.depth) + " int" + std::to_string(ifm_bits) + " ofm " +
           std::to_string(ofm_shape.height) + "x" + std::to_string(ofm_shape.width) + "x" +
           std::to_string(ofm_shape.depth) + " int" + std::to_string(ofm_type.bits) + " kernel " +
           std::to_string(kh) + "x" + std::to_string(kw) + " stride " +
           std::to_string(s.kernel.stride_y) + "x" + std::to_string(s.kernel.stride_x) +
           " upscale " + std::to_string(static_cast<int>(s.ifm.upscale)) + " case " +
           std::to_string(index);
  return k;
}

TEST(RtlDatapath, RandomConvolutionsMatchTheFunctionalModelByteForByte) {
  Random r(20261207);
  uint64_t rtl_elements = 0;
  uint64_t deep_or_sliced = 0;
  for (int i = 0; i < 300; ++i) {
    OpCase k = random_case(r, i);
    ASSERT_EQ(k.text.rfind("encode failed", 0), std::string::npos) << k.text;
    const isa::AcceleratorConfig config = *isa::find_accelerator_config(k.preset);
    k.memory = copy_of(k.memory);
    TestMemory functional = copy_of(k.memory);
    const sim::ExecResult want = sim::execute_operation(k.op, functional.memory(), config);
    ASSERT_TRUE(want.ok()) << want.message << "; " << k.text;
    auto datapath = sim::rtl::RtlDatapath::create(config);
    ASSERT_TRUE(datapath) << datapath.status().message();
    const sim::ExecResult got = (*datapath)->execute(k.op, k.memory.memory(), config);
    ASSERT_TRUE(got.ok()) << got.message << "; " << k.text;
    for (size_t region = 0; region < 3; ++region) {
      ASSERT_EQ(k.memory.buffers[region], functional.buffers[region])
          << "region " << region << "; " << k.text;
    }
    const sim::rtl::RtlStatistics& stats = (*datapath)->statistics();
    ASSERT_EQ(stats.operations.size(), 1u);
    const sim::rtl::RtlOperationRecord& record = stats.operations[0];
    const uint64_t ofm_elements = (k.op.state.ofm.height_m1 + 1ull) *
                                  (k.op.state.ofm.width_m1 + 1ull) *
                                  (k.op.state.ofm.depth_m1 + 1ull);
    EXPECT_TRUE(record.on_rtl) << record.fallback << "; " << k.text;
    EXPECT_EQ(record.fallback, "") << k.text;
    EXPECT_EQ(stats.rtl_elements, ofm_elements) << k.text;
    EXPECT_GT(record.output_unit_cycles, ofm_elements / 4) << k.text;
    EXPECT_GT(record.weight_decoder_cycles, 0u) << k.text;
    rtl_elements += stats.rtl_elements;
    if (k.op.state.ifm.depth_m1 >= 159) ++deep_or_sliced;
  }
  EXPECT_GT(deep_or_sliced, 3u) << "the IFM depth slices were hardly exercised";
  EXPECT_GT(rtl_elements, 50000u);
}

// A random POOL: MAX, AVERAGE, SUM or the reduce-sum over channels, with or
// without a global OFM_SCALE.
OpCase random_pool(Random& r, int index) {
  OpCase k;
  k.preset = index % 2 == 0 ? "ethos-u55-128" : "ethos-u55-256";
  k.op.kind = isa::OperationKind::kPool;
  const isa::PoolingMode modes[] = {isa::PoolingMode::kMax, isa::PoolingMode::kAverage,
                                    isa::PoolingMode::kReduceSum};
  const isa::PoolingMode mode = modes[r.in(0, 2)];
  k.op.param = static_cast<uint16_t>(mode);
  isa::RegisterState& s = k.op.state;
  sim::FmShape ifm_shape = random_geometry(r, true, false, s, false);
  if (s.ifm.upscale == isa::UpscaleMode::kZeros) s.ifm.upscale = isa::UpscaleMode::kNearest;
  const bool reduce_all = mode == isa::PoolingMode::kReduceSum && r.chance(0.3);
  if (mode == isa::PoolingMode::kReduceSum && !reduce_all && s.ofm.depth_m1 == 0) {
    s.ofm.depth_m1 = 1;
    ifm_shape.depth = std::max(ifm_shape.depth, 2);
  }
  if (reduce_all) s.ofm.depth_m1 = 0;
  s.ifm.depth_m1 = static_cast<uint32_t>(ifm_shape.depth - 1);
  const int ifm_bits = r.chance(0.2) ? 16 : 8;
  const bool ifm_signed = ifm_bits == 16 || r.chance(0.7);
  const sim::FmShape ofm_shape{static_cast<int32_t>(s.ofm.height_m1) + 1,
                               static_cast<int32_t>(s.ofm.width_m1) + 1,
                               static_cast<int32_t>(s.ofm.depth_m1) + 1};
  const auto format = [&r] {
    return r.chance(0.5) ? isa::DataFormat::kNhwc : isa::DataFormat::kNhcwb16;
  };
  static_cast<isa::FeatureMapState&>(s.ifm) =
      testing::make_fm(1, 0, ifm_shape, ifm_bits, ifm_signed, format());
  s.ifm.zero_point = static_cast<int32_t>(sim::element_min(ifm_signed, ifm_bits) + r.in(0, 255));
  std::vector<isa::ScaleBiasEntry> entries;
  random_output(r, s, &entries, k.memory);
  s.acc_format = isa::AccFormat::kInt32;
  const isa::ElementType ofm_type = s.ofm.type;
  const int32_t ofm_zero_point = s.ofm.zero_point;
  static_cast<isa::FeatureMapState&>(s.ofm) =
      testing::make_fm(1, kOfmBase, ofm_shape, ofm_type.bits, ofm_type.is_signed, format());
  s.ofm.zero_point = ofm_zero_point;
  if (!s.ofm.global_scale) s.ofm_scale = {1, 0};
  std::vector<int64_t> ifm(
      static_cast<size_t>(ifm_shape.height * ifm_shape.width * ifm_shape.depth));
  for (int64_t& v : ifm) {
    v = r.in(static_cast<int32_t>(sim::element_min(ifm_signed, ifm_bits)),
             static_cast<int32_t>(sim::element_max(ifm_signed, ifm_bits)));
  }
  testing::store(s.ifm, ifm_shape, k.memory, ifm);
  k.text = "POOL mode " + std::to_string(static_cast<int>(mode)) + " " + k.preset + " ifm " +
           std::to_string(ifm_shape.height) + "x" + std::to_string(ifm_shape.width) + "x" +
           std::to_string(ifm_shape.depth) + " int" + std::to_string(ifm_bits) + " ofm depth " +
           std::to_string(ofm_shape.depth) + " global " + std::to_string(s.ofm.global_scale) +
           " case " + std::to_string(index);
  return k;
}

TEST(RtlDatapath, RandomPoolsMatchTheFunctionalModelByteForByte) {
  Random r(77);
  uint64_t rtl_elements = 0;
  for (int i = 0; i < 200; ++i) {
    OpCase k = random_pool(r, i);
    k.memory = copy_of(k.memory);
    const isa::AcceleratorConfig config = *isa::find_accelerator_config(k.preset);
    TestMemory functional = copy_of(k.memory);
    const sim::ExecResult want = sim::execute_operation(k.op, functional.memory(), config);
    ASSERT_TRUE(want.ok()) << want.message << "; " << k.text;
    auto datapath = sim::rtl::RtlDatapath::create(config);
    ASSERT_TRUE(datapath) << datapath.status().message();
    const sim::ExecResult got = (*datapath)->execute(k.op, k.memory.memory(), config);
    ASSERT_TRUE(got.ok()) << got.message << "; " << k.text;
    ASSERT_EQ(k.memory.buffers[1], functional.buffers[1]) << k.text;
    const sim::rtl::RtlStatistics& stats = (*datapath)->statistics();
    ASSERT_EQ(stats.operations.size(), 1u);
    EXPECT_TRUE(stats.operations[0].on_rtl) << stats.operations[0].fallback << "; " << k.text;
    EXPECT_GT(stats.operations[0].mac_blocks + (stats.rtl_elements == 0 ? 1u : 0u), 0u);
    rtl_elements += stats.rtl_elements;
  }
  EXPECT_GT(rtl_elements, 20000u);
}

TEST(RtlDatapath, RefusesPresetsWithoutAVerilatedMacDatapath) {
  for (const char* preset : {"ethos-u55-32", "ethos-u55-64"}) {
    auto datapath = sim::rtl::RtlDatapath::create(*isa::find_accelerator_config(preset));
    ASSERT_FALSE(datapath) << preset;
    EXPECT_NE(datapath.status().message().find("--accelerator-config"), std::string::npos);
  }
  EXPECT_TRUE(sim::rtl::RtlDatapath::supports("ethos-u55-256"));
}

}  // namespace
}  // namespace vnpu
