// CONV and DEPTHWISE through the whole NPU: a command stream built with the
// ISA encoder, weights compressed by the ISA weight encoder for each
// accelerator preset, OFM block depth and traversal (depth-first,
// part-kernel-first), decoded by the NPU's weight decoder, compared with the
// CPU reference kernels.
#include <gtest/gtest.h>

#include <random>

#include "isa/command_encoder.h"
#include "isa/scale_stream.h"
#include "isa/weight_encoder.h"
#include "isa/weight_layout.h"
#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "sim/functional/functional_npu.h"
#include "tests/sim/functional/npu_test_util.h"

namespace vnpu::testing {
namespace {

using isa::DataFormat;

struct StreamCase {
  std::string config;
  bool depthwise;
  isa::WeightOrder order;
  int32_t block_depth;
};

void run_case(const StreamCase& c, std::mt19937& rng, int index) {
  auto u = [&](int32_t lo, int32_t hi) { return std::uniform_int_distribution<int32_t>(lo, hi)(rng); };
  const isa::AcceleratorConfig config = *isa::find_accelerator_config(c.config);
  const int32_t h = u(1, 7), w = u(1, 7), cin = u(1, c.depthwise ? 40 : 45);
  const int32_t cout = c.depthwise ? cin : u(1, 40);
  const int32_t kh = u(1, 4), kw = u(1, 4), sy = u(1, 2), sx = u(1, 2);
  // TFLite SAME padding.
  const int32_t oh = (h + sy - 1) / sy, ow = (w + sx - 1) / sx;
  const int32_t total_h = std::max((oh - 1) * sy + kh - h, 0);
  const int32_t total_w = std::max((ow - 1) * sx + kw - w, 0);
  const int32_t pt = total_h / 2, pl = total_w / 2;
  const int32_t pb = total_h - pt, pr = total_w - pl;
  const int32_t wic = c.depthwise ? 1 : cin;
  const int32_t in_zp = u(-128, 127), out_zp = u(-128, 127);

  std::vector<int8_t> input(static_cast<size_t>(h * w * cin));
  for (int8_t& v : input) v = static_cast<int8_t>(u(-128, 127));
  std::vector<int16_t> ohwi(static_cast<size_t>(cout * kh * kw * wic));
  for (int16_t& v : ohwi) v = static_cast<int16_t>(u(0, 3) == 0 ? 0 : u(-127, 127));
  std::vector<int32_t> bias(static_cast<size_t>(cout));
  std::vector<kernels::QuantizedMultiplier> multipliers(static_cast<size_t>(cout));
  std::vector<isa::ScaleBiasEntry> entries(static_cast<size_t>(cout));
  for (size_t o = 0; o < bias.size(); ++o) {
    bias[o] = u(-3000, 3000);
    multipliers[o] = kernels::quantize_multiplier(0.0004 + 0.0001 * u(0, 40));
    entries[o] = {bias[o], static_cast<uint32_t>(multipliers[o].multiplier),
                  static_cast<uint32_t>(31 - multipliers[o].shift)};
  }

  isa::WeightLayoutParams layout = isa::weight_layout_for(config);
  layout.ofm_depth = cout;
  layout.kernel_height = kh;
  layout.kernel_width = kw;
  layout.ifm_depth = wic;
  layout.ofm_block_depth = c.block_depth;
  layout.order = c.order;
  layout.depthwise = c.depthwise;
  Expected<std::vector<uint8_t>> weights = isa::encode_weights(layout, ohwi);
  ASSERT_TRUE(weights.has_value()) << weights.status().message();
  Expected<std::vector<uint8_t>> scales = isa::encode_scale_stream(entries);
  ASSERT_TRUE(scales.has_value());

  // Flash: scale stream at 0, weights at 4096. Arena: IFM at 0, OFM at 32768.
  std::vector<uint8_t> flash(4096 + weights->size());
  std::copy(scales->begin(), scales->end(), flash.begin());
  std::copy(weights->begin(), weights->end(), flash.begin() + 4096);
  TestMemory arena_memory(1 << 16);
  isa::RegisterState s;
  static_cast<isa::FeatureMapState&>(s.ifm) = make_fm(1, 0, {h, w, cin}, 8, true, DataFormat::kNhcwb16);
  s.ifm.zero_point = in_zp;
  s.ifm.depth_m1 = static_cast<uint32_t>(cin - 1);
  s.ifm.pad_top = static_cast<uint8_t>(pt); s.ifm.pad_bottom = static_cast<uint8_t>(pb);
  s.ifm.pad_left = static_cast<uint8_t>(pl); s.ifm.pad_right = static_cast<uint8_t>(pr);
  static_cast<isa::FeatureMapState&>(s.ofm) = make_fm(1, 32768, {oh, ow, cout}, 8, true, DataFormat::kNhwc);
  s.ofm.zero_point = out_zp;
  s.ofm.height_m1 = static_cast<uint32_t>(oh - 1);
  s.ofm.width_m1 = static_cast<uint32_t>(ow - 1);
  s.ofm.depth_m1 = static_cast<uint32_t>(cout - 1);
  s.ofm.block_depth_m1 = static_cast<uint32_t>(c.block_depth - 1);
  s.kernel.height_m1 = static_cast<uint32_t>(kh - 1);
  s.kernel.width_m1 = static_cast<uint32_t>(kw - 1);
  s.kernel.stride_y = static_cast<uint8_t>(sy);
  s.kernel.stride_x = static_cast<uint8_t>(sx);
  s.kernel.weight_order = c.order;
  s.weights = {0, 4096, weights->size()};
  s.scales = {0, 0, scales->size()};
  s.activation.min = -128;
  s.activation.max = 127;
  store(s.ifm, {h, w, cin}, arena_memory, std::vector<int64_t>(input.begin(), input.end()));
  isa::CommandBuilder b;
  b.set_state(s);
  b.operation(c.depthwise ? isa::Cmd0::kOpDepthwise : isa::Cmd0::kOpConv);
  b.operation(isa::Cmd0::kOpStop, 0xFFFF);
  sim::FunctionalNpu npu(config);
  npu.set_base_pointer(0, {flash.data(), flash.size()});
  npu.set_base_pointer(1, arena_memory.regions[1]);
  const sim::NpuRunResult result = npu.run(b.words().data(), b.words().size());
  ASSERT_TRUE(result.ok()) << result.message;

  std::vector<int8_t> expected(static_cast<size_t>(oh * ow * cout));
  std::vector<int8_t> filter(ohwi.begin(), ohwi.end());
  if (c.depthwise) {
    kernels::DepthwiseConvParams p;
    p.input_offset = -in_zp; p.output_offset = out_zp; p.stride_h = sy; p.stride_w = sx;
    p.pad_top = pt; p.pad_left = pl;
    std::vector<int8_t> filter_1hwc(filter.size());
    for (int32_t o = 0; o < cout; ++o)
      for (int32_t k = 0; k < kh * kw; ++k)
        filter_1hwc[static_cast<size_t>(k * cout + o)] = filter[static_cast<size_t>(o * kh * kw + k)];
    kernels::s8_depthwise_conv2d(p, multipliers.data(), {1, h, w, cin}, input.data(),
                                 {1, kh, kw, cout}, filter_1hwc.data(), bias.data(),
                                 {1, oh, ow, cout}, expected.data());
  } else {
    kernels::ConvParams p;
    p.input_offset = -in_zp; p.output_offset = out_zp; p.stride_h = sy; p.stride_w = sx;
    p.pad_top = pt; p.pad_left = pl;
    kernels::s8_conv2d(p, multipliers.data(), {1, h, w, cin}, input.data(), {cout, kh, kw, cin},
                       filter.data(), bias.data(), {1, oh, ow, cout}, expected.data());
  }
  const std::vector<int64_t> got = load(s.ofm, {oh, ow, cout}, arena_memory);
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(got[i], expected[i]) << c.config << " case " << index << " element " << i;
  }
}

TEST(ConvStreamTest, EncodedWeightsRunThroughTheWholeNpu) {
  std::mt19937 rng(51);
  int index = 0;
  for (const char* config : {"ethos-u55-32", "ethos-u55-64", "ethos-u55-128", "ethos-u55-256"}) {
    for (int32_t block_depth : {8, 16, 32, 64}) {
      for (int i = 0; i < 3; ++i) {
        run_case({config, false, isa::WeightOrder::kDepthFirst, block_depth}, rng, index++);
        run_case({config, false, isa::WeightOrder::kPartKernelFirst, block_depth}, rng, index++);
        run_case({config, true, isa::WeightOrder::kDepthFirst, block_depth}, rng, index++);
      }
    }
  }
}

}  // namespace
}  // namespace vnpu::testing
