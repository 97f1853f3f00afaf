// The verilated convolution datapath (rtl/vnpu_mac_datapath.sv: IFM sequencer,
// SHRAM model, weight buffer, MAC array, accumulator store) against the
// functional model: each random OFM block is also executed by
// sim::execute_convolution / sim::execute_pooling (sim/functional/), called
// here, not re-implemented, with an int32 OFM and a unit scale, so its output
// is the accumulator (CONV, DEPTHWISE: wrapped to ACC_FORMAT, then saturated
// to int32), the max, the average or the sum. The weight buffer is filled from
// the weight stream in isa/weight_layout.h order (isa::reorder_weights and
// isa::weight_stream_order). Every block's cycle count is checked against
// docs/rtl.md §8: cycles = beats + 3 + stalls, beats from the closed form.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "isa/accelerator_config.h"
#include "isa/weight_layout.h"
#include "sim/rtl/mac_datapath_driver.h"
#include "rtl_harness.h"
#include "sim/functional/convolution.h"
#include "sim/functional/output_stage.h"
#include "sim/functional/pooling.h"
#include "tests/sim/functional/npu_test_util.h"

namespace vnpu::rtl_test {
namespace {

constexpr uint32_t kWbufHalf = kWbufWords / 2;  // weight buffer double buffer
constexpr const char* kPreset = "ethos-u55-128";

uint32_t shram_half(const MacBlockConfig& c) { return c.geometry.shram_words / 2; }

int32_t ceil_div(int32_t a, int32_t b) { return (a + b - 1) / b; }

bool per_channel(MacMode mode) { return mode != MacMode::kConv && mode != MacMode::kSumAll; }

// The IFM rows and columns in the buffer: the extent, or half of it (rounded up) upscaled.
int32_t stored_w(const MacBlockConfig& c) { return c.upscale != 0 ? (c.ifm_w + 1) / 2 : c.ifm_w; }
int32_t stored_h(const MacBlockConfig& c) { return c.upscale != 0 ? (c.ifm_h + 1) / 2 : c.ifm_h; }

int32_t words_per_pixel(const MacBlockConfig& c) {
  return c.ifm16 ? ceil_div(c.ifm_depth, 4) : ceil_div(c.ifm_depth, 8);
}

// Beats of one OFM block: the closed form of docs/rtl.md §8.
uint64_t expected_beats(const MacBlockConfig& c) {
  uint64_t per_position = 0;
  const int32_t ub_c = c.geometry.ub_c;
  for (int32_t g = 0; g < ceil_div(c.ofm_c, ub_c); ++g) {
    const int32_t n = std::min(ub_c, c.ofm_c - g * ub_c);
    per_position += static_cast<uint64_t>(
        !per_channel(c.mode) ? words_per_pixel(c) : (c.ifm16 ? ceil_div(n, 4) : 1));
  }
  return static_cast<uint64_t>(ceil_div(c.ofm_w, c.geometry.ub_w)) *
         static_cast<uint64_t>(ceil_div(c.ofm_h, c.geometry.ub_h)) *
         static_cast<uint64_t>(c.kernel_w) * static_cast<uint64_t>(c.kernel_h) * per_position;
}

int32_t micro_blocks(const MacBlockConfig& c) {
  return ceil_div(c.ofm_w, c.geometry.ub_w) * ceil_div(c.ofm_h, c.geometry.ub_h) *
         ceil_div(c.ofm_c, c.geometry.ub_c);
}

int32_t weight_words(const MacBlockConfig& c) {
  const int32_t positions = ceil_div(c.ofm_c, c.geometry.ub_c) * c.kernel_h * c.kernel_w;
  if (c.mode == MacMode::kConv) return positions * ceil_div(c.ifm_depth, 8);
  return c.mode == MacMode::kDepthwise ? positions : 0;
}

std::string describe(const MacBlockConfig& c) {
  const char* modes[] = {"CONV", "DEPTHWISE", "MAX", "AVERAGE", "SUM", "SUM_ALL"};
  std::ostringstream o;
  o << modes[static_cast<int>(c.mode)] << " ifm " << (c.ifm_signed ? "s" : "u")
    << (c.ifm16 ? 16 : 8) << " zp=" << c.zero_point << " acc" << (c.acc40 ? 40 : 32) << " ofm "
    << c.ofm_h << "x" << c.ofm_w << "x" << c.ofm_c << " kernel " << c.kernel_h << "x" << c.kernel_w
    << " stride " << c.stride_y << "x" << c.stride_x << " dilation " << c.dilation_y << "x"
    << c.dilation_x << " pad top " << c.pad_top << " left " << c.pad_left << " ifm " << c.ifm_h
    << "x" << c.ifm_w << "x" << c.ifm_depth << " upscale " << c.upscale;
  return o.str();
}

// ---------------- one random case: configuration, data, reference ----------------

struct Case {
  std::string preset;  // the accelerator configuration (weight layout micro-block)
  MacBlockConfig config;
  std::vector<int64_t> ifm;            // NHWC, ifm_h x ifm_w x ifm_depth
  sim::ConvWeights weights;            // OHWI (CONV, DEPTHWISE)
  isa::WeightOrder order = isa::WeightOrder::kDepthFirst;
  int32_t ofm_block_depth = 8;         // the stream's OFM block depth
  std::vector<int64_t> expected;       // NHWC OFM of the functional model
};

struct Knobs {
  std::function<void(MacBlockConfig&)> config;  // applied before the sizes are checked
  int32_t max_depth = 40;
  double weight_edge_probability = 0.1;
  bool largest_values = false;  // every IFM element at its type maximum, every weight +255
};

int64_t random_element(std::mt19937_64& rng, const MacBlockConfig& c) {
  const int bits = c.ifm16 ? 16 : 8;
  const int64_t lo = c.ifm_signed ? -(int64_t{1} << (bits - 1)) : 0;
  const int64_t hi = c.ifm_signed ? (int64_t{1} << (bits - 1)) - 1 : (int64_t{1} << bits) - 1;
  if (chance(rng, 0.1)) return chance(rng, 0.5) ? lo : hi;
  return uniform(rng, lo, hi);
}

int32_t random_zero_point(std::mt19937_64& rng, const MacBlockConfig& c) {
  const int bits = c.ifm16 ? 16 : 8;
  const int64_t lo = c.ifm_signed ? -(int64_t{1} << (bits - 1)) : 0;
  const int64_t hi = c.ifm_signed ? (int64_t{1} << (bits - 1)) - 1 : (int64_t{1} << bits) - 1;
  switch (uniform(rng, 0, 4)) {
    case 0: return static_cast<int32_t>(chance(rng, 0.5) ? lo : hi);
    case 1: return chance(rng, 0.5) ? -128 : 127;
    case 2: return 0;
    default: return static_cast<int32_t>(uniform(rng, lo, hi));
  }
}

// Draws geometry until the block fits the accumulator bank, the IFM buffer
// half and the weight buffer half.
MacBlockConfig random_config(std::mt19937_64& rng, const Knobs& knobs, const std::string& preset) {
  for (;;) {
    MacBlockConfig c;
    c.geometry = mac_geometry(preset);
    c.mode = static_cast<MacMode>(uniform(rng, 0, 5));
    c.ifm16 = chance(rng, 0.3);
    c.ifm_signed = chance(rng, 0.7);
    c.acc40 = chance(rng, 0.5);
    c.kernel_w = static_cast<int32_t>(uniform(rng, 1, 8));
    c.kernel_h = static_cast<int32_t>(chance(rng, 0.5) ? c.kernel_w : uniform(rng, 1, 8));
    c.stride_x = static_cast<int32_t>(uniform(rng, 1, 3));
    c.stride_y = static_cast<int32_t>(uniform(rng, 1, 3));
    c.dilation_x = static_cast<int32_t>(chance(rng, 0.2) ? 2 : 1);
    c.dilation_y = static_cast<int32_t>(chance(rng, 0.2) ? 2 : 1);
    c.upscale = chance(rng, 0.15) ? static_cast<int32_t>(uniform(rng, 1, 2)) : 0;
    c.ofm_w = static_cast<int32_t>(uniform(rng, 1, 9));
    c.ofm_h = static_cast<int32_t>(uniform(rng, 1, 6));
    const int32_t depths[] = {1, 8, 16, static_cast<int32_t>(uniform(rng, 1, knobs.max_depth))};
    const int32_t depth = depths[uniform(rng, 0, 3)];
    if (per_channel(c.mode)) {
      c.ofm_c = static_cast<int32_t>(uniform(rng, 1, 24));
      if (c.mode == MacMode::kSum && c.ofm_c == 1) c.ofm_c = 2;  // depth 1 means SUM_ALL
      c.ifm_depth = c.ofm_c + static_cast<int32_t>(chance(rng, 0.2) ? uniform(rng, 1, 5) : 0);
    } else {
      c.ofm_c = c.mode == MacMode::kSumAll ? 1 : static_cast<int32_t>(uniform(rng, 1, 20));
      c.ifm_depth = depth;
    }
    if (knobs.config) knobs.config(c);
    c.zero_point = random_zero_point(rng, c);
    if (knobs.config) knobs.config(c);  // again: a knob may fix the zero point
    if (c.mode == MacMode::kSumAll) c.ofm_c = 1;
    if (c.mode == MacMode::kSum && c.ofm_c == 1) c.ofm_c = 2;  // depth 1 means SUM_ALL
    if (per_channel(c.mode)) c.ifm_depth = std::max(c.ifm_depth, c.ofm_c);
    const int32_t extent_x = (c.kernel_w - 1) * c.dilation_x + 1;
    const int32_t extent_y = (c.kernel_h - 1) * c.dilation_y + 1;
    const int32_t pad_right = static_cast<int32_t>(uniform(rng, 0, extent_x - 1));
    const int32_t pad_bottom = static_cast<int32_t>(uniform(rng, 0, extent_y - 1));
    c.pad_left = static_cast<int32_t>(uniform(rng, 0, extent_x - 1));
    c.pad_top = static_cast<int32_t>(uniform(rng, 0, extent_y - 1));
    c.ifm_w = (c.ofm_w - 1) * c.stride_x + extent_x - c.pad_left - pad_right;
    c.ifm_h = (c.ofm_h - 1) * c.stride_y + extent_y - c.pad_top - pad_bottom;
    if (c.ifm_w <= 0 || c.ifm_h <= 0) continue;
    if (micro_blocks(c) > static_cast<int32_t>(kAccEntries)) continue;
    if (stored_w(c) * stored_h(c) * words_per_pixel(c) > static_cast<int32_t>(shram_half(c))) continue;
    if (weight_words(c) > static_cast<int32_t>(kWbufHalf)) continue;
    return c;
  }
}

int16_t random_weight(std::mt19937_64& rng, double edge_probability) {
  if (chance(rng, edge_probability)) return chance(rng, 0.5) ? -255 : 255;
  return static_cast<int16_t>(uniform(rng, -255, 255));
}

// The functional model's OFM for the case (an int32 OFM with a unit scale).
void run_reference(Case* k) {
  const MacBlockConfig& c = k->config;
  testing::TestMemory memory(1 << 16);
  const sim::FmShape ifm_shape{stored_h(c), stored_w(c), c.ifm_depth};
  const sim::FmShape ofm_shape{c.ofm_h, c.ofm_w, c.ofm_c};
  isa::Operation op;
  isa::RegisterState& s = op.state;
  static_cast<isa::FeatureMapState&>(s.ifm) =
      testing::make_fm(1, 0, ifm_shape, c.ifm16 ? 16 : 8, c.ifm_signed, isa::DataFormat::kNhwc);
  s.ifm.zero_point = c.zero_point;
  s.ifm.depth_m1 = static_cast<uint32_t>(c.ifm_depth - 1);
  s.ifm.pad_top = static_cast<uint8_t>(c.pad_top);
  s.ifm.pad_left = static_cast<uint8_t>(c.pad_left);
  s.ifm.upscale = static_cast<isa::UpscaleMode>(c.upscale);
  const int32_t extent_x = (c.kernel_w - 1) * c.dilation_x + 1;
  const int32_t extent_y = (c.kernel_h - 1) * c.dilation_y + 1;
  s.ifm.pad_right = static_cast<uint8_t>((c.ofm_w - 1) * c.stride_x + extent_x - c.pad_left - c.ifm_w);
  s.ifm.pad_bottom = static_cast<uint8_t>((c.ofm_h - 1) * c.stride_y + extent_y - c.pad_top - c.ifm_h);
  static_cast<isa::FeatureMapState&>(s.ofm) =
      testing::make_fm(1, 32768, ofm_shape, 32, true, isa::DataFormat::kNhwc);
  s.ofm.width_m1 = static_cast<uint32_t>(c.ofm_w - 1);
  s.ofm.height_m1 = static_cast<uint32_t>(c.ofm_h - 1);
  s.ofm.depth_m1 = static_cast<uint32_t>(c.ofm_c - 1);
  s.ofm.global_scale = !per_channel(c.mode) || c.mode == MacMode::kDepthwise;
  s.ofm_scale = {1, 0};
  s.kernel.width_m1 = static_cast<uint32_t>(extent_x - 1);
  s.kernel.height_m1 = static_cast<uint32_t>(extent_y - 1);
  s.kernel.stride_x = static_cast<uint8_t>(c.stride_x);
  s.kernel.stride_y = static_cast<uint8_t>(c.stride_y);
  s.kernel.dilation_x = static_cast<uint8_t>(c.dilation_x);
  s.kernel.dilation_y = static_cast<uint8_t>(c.dilation_y);
  s.acc_format = c.acc40 ? isa::AccFormat::kInt40 : isa::AccFormat::kInt32;
  testing::store(s.ifm, ifm_shape, memory, k->ifm);
  sim::ExecResult result;
  switch (c.mode) {
    case MacMode::kConv: op.kind = isa::OperationKind::kConv; break;
    case MacMode::kDepthwise: op.kind = isa::OperationKind::kDepthwise; break;
    default: op.kind = isa::OperationKind::kPool; break;
  }
  if (c.mode == MacMode::kConv || c.mode == MacMode::kDepthwise) {
    result = sim::execute_convolution(op, memory.memory(), k->weights);
  } else {
    const isa::PoolingMode modes[] = {isa::PoolingMode::kMax, isa::PoolingMode::kAverage,
                                      isa::PoolingMode::kReduceSum, isa::PoolingMode::kReduceSum};
    op.param = static_cast<uint16_t>(modes[static_cast<int>(c.mode) - 2]);
    result = sim::execute_pooling(op, memory.memory());
  }
  if (!result.ok()) throw std::runtime_error("functional model: " + result.message);
  k->expected = testing::load(s.ofm, ofm_shape, memory);
}

Case make_case(std::mt19937_64& rng, const Knobs& knobs, const std::string& preset = kPreset) {
  Case k;
  k.preset = preset;
  k.config = random_config(rng, knobs, preset);
  const MacBlockConfig& c = k.config;
  k.ifm.resize(static_cast<size_t>(stored_h(c) * stored_w(c) * c.ifm_depth));
  for (int64_t& v : k.ifm) v = random_element(rng, c);
  if (knobs.largest_values) {
    for (int64_t& v : k.ifm) v = c.ifm_signed ? (c.ifm16 ? 32767 : 127) : (c.ifm16 ? 65535 : 255);
  }
  if (c.mode == MacMode::kConv || c.mode == MacMode::kDepthwise) {
    const bool dw = c.mode == MacMode::kDepthwise;
    k.weights.ofm_depth = c.ofm_c;
    k.weights.kernel_height = c.kernel_h;
    k.weights.kernel_width = c.kernel_w;
    k.weights.ifm_depth = dw ? 1 : c.ifm_depth;
    k.weights.ohwi.resize(static_cast<size_t>(c.ofm_c * c.kernel_h * c.kernel_w * k.weights.ifm_depth));
    for (int16_t& w : k.weights.ohwi) w = random_weight(rng, knobs.weight_edge_probability);
    if (knobs.largest_values) std::fill(k.weights.ohwi.begin(), k.weights.ohwi.end(), int16_t{255});
    k.order = !dw && chance(rng, 0.5) ? isa::WeightOrder::kPartKernelFirst : isa::WeightOrder::kDepthFirst;
    k.ofm_block_depth = static_cast<int32_t>(8 * uniform(rng, 1, 3));
  }
  run_reference(&k);
  return k;
}

// ---------------- the job: SHRAM words and the weight buffer from the stream ----------------

MacBlockJob make_job(const Case& k, int half) {
  MacBlockJob job;
  job.config = k.config;
  MacBlockConfig& c = job.config;
  c.ifm_base = static_cast<uint32_t>(half) * shram_half(c);
  c.wbuf_base = static_cast<uint32_t>(half) * kWbufHalf;
  const int32_t wpp = words_per_pixel(c);
  const int32_t per_word = c.ifm16 ? 4 : 8;
  for (int32_t pixel = 0; pixel < stored_h(c) * stored_w(c); ++pixel) {
    for (int32_t w = 0; w < wpp; ++w) {
      uint64_t bytes = 0;
      for (int32_t i = 0; i < per_word; ++i) {
        const int32_t ch = w * per_word + i;
        if (ch >= c.ifm_depth) continue;
        const uint64_t v = static_cast<uint64_t>(k.ifm[static_cast<size_t>(pixel * c.ifm_depth + ch)]);
        bytes |= (v & (c.ifm16 ? 0xFFFFu : 0xFFu)) << (i * (64 / per_word));
      }
      job.shram_words.emplace_back(c.ifm_base + static_cast<uint32_t>(pixel * wpp + w), bytes);
    }
  }
  if (c.mode != MacMode::kConv && c.mode != MacMode::kDepthwise) return job;
  // The decoder delivers the stream in isa/weight_layout.h order; each weight
  // lands in the buffer word of its (channel group, ky, kx, IFM group).
  const bool dw = c.mode == MacMode::kDepthwise;
  isa::WeightLayoutParams p = isa::weight_layout_for(*isa::find_accelerator_config(k.preset));
  p.ofm_depth = c.ofm_c;
  p.kernel_height = c.kernel_h;
  p.kernel_width = c.kernel_w;
  p.ifm_depth = dw ? 1 : c.ifm_depth;
  p.ofm_block_depth = k.ofm_block_depth;
  p.ifm_bits = c.ifm16 ? 16 : 8;
  p.order = k.order;
  p.depthwise = dw;
  p.dilation_x = c.dilation_x;
  p.dilation_y = c.dilation_y;
  const Expected<std::vector<int16_t>> stream = isa::reorder_weights(p, k.weights.ohwi);
  const Expected<std::vector<int64_t>> order = isa::weight_stream_order(p);
  if (!stream || !order) throw std::runtime_error("weight layout refused the case");
  const int32_t groups_ic = ceil_div(c.ifm_depth, 8);
  const int32_t ub_c = c.geometry.ub_c;
  std::vector<WeightWord> buffer(static_cast<size_t>(weight_words(c)),
                                 WeightWord(static_cast<size_t>(ub_c * 8), 0));
  for (size_t i = 0; i < order->size(); ++i) {
    const int64_t index = (*order)[i];
    if (index == isa::kPaddingSymbol) continue;
    const int64_t ic = index % p.ifm_depth;
    const int64_t kx = index / p.ifm_depth % c.kernel_w;
    const int64_t ky = index / p.ifm_depth / c.kernel_w % c.kernel_h;
    const int64_t oc = index / p.ifm_depth / c.kernel_w / c.kernel_h;
    int64_t word = (oc / ub_c * c.kernel_h + ky) * c.kernel_w + kx;
    if (!dw) word = word * groups_ic + ic / 8;
    // CONV: channel oc's weight for IFM channel ic in lane ic mod 8; DEPTHWISE: in lane oc mod 8.
    const int64_t lane = dw ? oc % ub_c : ic % 8;
    buffer[static_cast<size_t>(word)][static_cast<size_t>(oc % ub_c * 8 + lane)] = (*stream)[i];
  }
  for (size_t w = 0; w < buffer.size(); ++w) {
    job.weight_words.emplace_back(c.wbuf_base + static_cast<uint32_t>(w), buffer[w]);
  }
  return job;
}

// TFLite's average, as sim/functional/pooling.cc divides: half away from zero.
int64_t divide_rounded(int64_t sum, int64_t count) {
  return sum >= 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

// The value the functional model stores for the RTL's accumulator entry.
int64_t rtl_value(const MacBlockConfig& c, int64_t acc, uint32_t count) {
  switch (c.mode) {
    case MacMode::kAverage: return count == 0 ? 0 : divide_rounded(acc, count);
    case MacMode::kMax:
    case MacMode::kSum:
    case MacMode::kSumAll: return acc;
    default:
      return sim::saturate(sim::wrap_accumulator(acc, c.acc40 ? isa::AccFormat::kInt40
                                                              : isa::AccFormat::kInt32),
                           INT32_MIN, INT32_MAX);
  }
}

// Checks every OFM point of one block; returns the number of points compared.
uint64_t check_block(const Case& k, const MacBlockResult& r) {
  const MacBlockConfig& c = k.config;
  EXPECT_EQ(r.entries.size(), static_cast<size_t>(micro_blocks(c))) << describe(c);
  uint64_t points = 0;
  const MacGeometry& geo = c.geometry;
  for (size_t e = 0; e < r.entries.size(); ++e) {
    for (int32_t i = 0; i < geo.points(); ++i) {
      BlockPoint p;
      if (!store_entry_point(geo, c.ofm_w, c.ofm_h, c.ofm_c, e, i, &p)) continue;
      const int32_t ox = p.x, oy = p.y, oc = p.c;
      const int64_t want = k.expected[static_cast<size_t>((oy * c.ofm_w + ox) * c.ofm_c + oc)];
      const int64_t got = rtl_value(c, r.entries[e].acc[static_cast<size_t>(i)],
                                    r.entries[e].count[static_cast<size_t>(i)]);
      if (got != want) {
        ADD_FAILURE() << "OFM (" << oy << ", " << ox << ", " << oc << "): RTL " << got
                      << " (acc " << r.entries[e].acc[static_cast<size_t>(i)] << ", taps "
                      << r.entries[e].count[static_cast<size_t>(i)] << "), functional model "
                      << want << "; " << describe(c);
        return points;
      }
      ++points;
    }
  }
  return points;
}

struct RunTotals {
  uint64_t beats = 0;
  uint64_t points = 0;
  uint64_t blocks = 0;
  uint64_t stall_cycles = 0;
  uint64_t back_to_back = 0;  // blocks whose command waited: start distance checked
};

// Runs random blocks in batches of back-to-back jobs until `beats` MAC beats
// (IFM micro-blocks) have been compared.
RunTotals run_random(const char* name, uint64_t beats, const Knobs& knobs,
                     std::vector<double> drain_ready = {1.0, 0.7, 0.2},
                     const std::string& preset = kPreset) {
  std::mt19937_64 rng(test_seed(name));
  auto bench = make_mac_datapath_driver(preset, mutant_requested() && preset == kPreset);
  RunTotals totals;
  while (totals.beats < beats && !::testing::Test::HasFailure()) {
    std::vector<Case> cases(static_cast<size_t>(uniform(rng, 1, 6)));
    std::vector<MacBlockJob> jobs;
    for (size_t i = 0; i < cases.size(); ++i) {
      cases[i] = make_case(rng, knobs, preset);
      jobs.push_back(make_job(cases[i], static_cast<int>(i % 2)));
    }
    const double ready = drain_ready[static_cast<size_t>(uniform(rng, 0, static_cast<int64_t>(drain_ready.size()) - 1))];
    const std::vector<MacBlockResult> results = bench->run(jobs, rng, ready);
    for (size_t i = 0; i < cases.size(); ++i) {
      const MacBlockConfig& c = cases[i].config;
      const MacBlockResult& r = results[i];
      const uint64_t n = expected_beats(c);
      EXPECT_EQ(r.beats, n) << "beats of " << describe(c);
      EXPECT_EQ(r.cycles, n + kMacBlockOverheadCycles + r.stall_cycles)
          << "cycle formula of docs/rtl.md §8: " << n << " beats, " << r.stall_cycles
          << " stalls; " << describe(c);
      EXPECT_EQ(r.mac_cycles, n + kMacArrayOverheadCycles + r.mac_stall_cycles)
          << "MAC array cycle formula of docs/rtl.md §7; " << describe(c);
      // A command that waited for the sequencer starts one cycle after the
      // previous block's last beat was issued: N + 1 cycles after that block's
      // command when nothing stalled it.
      if (i > 0 && r.command_waited && results[i - 1].stall_cycles == 0) {
        EXPECT_EQ(r.start_cycle - results[i - 1].start_cycle, expected_beats(cases[i - 1].config) + 1)
            << "one cycle per block start; " << describe(c);
        ++totals.back_to_back;
      }
      totals.points += check_block(cases[i], r);
      totals.beats += r.beats;
      totals.stall_cycles += r.stall_cycles;
      ++totals.blocks;
    }
  }
  std::printf("[ vectors  ] %s: %llu beats, %llu OFM points, %llu blocks (%llu back to back), "
              "%llu stall cycles\n", name, static_cast<unsigned long long>(totals.beats),
              static_cast<unsigned long long>(totals.points),
              static_cast<unsigned long long>(totals.blocks),
              static_cast<unsigned long long>(totals.back_to_back),
              static_cast<unsigned long long>(totals.stall_cycles));
  return totals;
}

// The store order by hand: micro-blocks 2 x 2 x 4 over a block of 3 x 2 x 6 points.
TEST(MacStoreEntries, MapToBlockPointsXThenYThenChannelGroup) {
  MacGeometry geo;
  geo.ub_w = 2;
  geo.ub_h = 2;
  geo.ub_c = 4;
  const auto at = [&](size_t entry, int32_t lane) {
    BlockPoint p;
    const bool inside = store_entry_point(geo, 3, 2, 6, entry, lane, &p);
    return std::to_string(inside) + ":" + std::to_string(p.x) + "," + std::to_string(p.y) + "," +
           std::to_string(p.c);
  };
  EXPECT_EQ(at(0, 0), "1:0,0,0");
  EXPECT_EQ(at(0, 5), "1:1,0,1");   // pixel 1 of micro-block (0, 0)
  EXPECT_EQ(at(1, 0), "1:2,0,0");   // micro-block (1, 0)
  EXPECT_EQ(at(1, 4), "0:3,0,0");   // past the block's width
  EXPECT_EQ(at(2, 9), "1:0,1,5");   // channel group 1, pixel 2
  EXPECT_EQ(at(2, 10), "0:0,1,6");  // past the block's depth
}

TEST(MacDatapath, RandomMatchesFunctionalModel) {
  const RunTotals t = run_random("MacDatapath.RandomMatchesFunctionalModel", vector_count(1000000), {});
  EXPECT_GT(t.stall_cycles, 0u);  // the back-pressure reached the MAC array
}

// The other micro-block shapes: 2x2x8 (two pixel rows per micro-block) and
// 1x1x4 (half a channel group: depthwise and pooling lanes rotated by 4 bytes).
TEST(MacDatapath, RandomOtherPresets) {
  const RunTotals t256 = run_random("MacDatapath.RandomOtherPresets/ethos-u55-256", vector_count(1000000) / 5,
                                    {}, {1.0, 0.7, 0.2}, "ethos-u55-256");
  const RunTotals t32 = run_random("MacDatapath.RandomOtherPresets/ethos-u55-32", vector_count(1000000) / 5,
                                   {}, {1.0, 0.7, 0.2}, "ethos-u55-32");
  EXPECT_GT(t256.points, 0u);
  EXPECT_GT(t32.points, 0u);
}

TEST(MacDatapath, RandomEveryModeInt8ZeroPointsAtLimits) {
  for (int mode = 0; mode <= 5; ++mode) {
    run_random("MacDatapath.RandomEveryModeInt8ZeroPointsAtLimits", 1500,
               {[mode](MacBlockConfig& c) {
                  c.mode = static_cast<MacMode>(mode);
                  c.ifm16 = false;
                  c.ifm_signed = true;
                  c.zero_point = c.zero_point >= 0 ? 127 : -128;
                }});
  }
}

TEST(MacDatapath, RandomIfmUpscaleNearestAndZeros) {
  run_random("MacDatapath.RandomIfmUpscaleNearestAndZeros", 8000,
             {[](MacBlockConfig& c) { c.upscale = 1 + (c.ofm_w & 1); }});
}

TEST(MacDatapath, RandomInt16Ifm) {
  run_random("MacDatapath.RandomInt16Ifm", 8000, {[](MacBlockConfig& c) { c.ifm16 = true; }});
}

TEST(MacDatapath, RandomDepthOneAndOddDepths) {
  run_random("MacDatapath.RandomDepthOneAndOddDepths", 6000,
             {[](MacBlockConfig& c) {
                const int32_t depths[] = {1, 3, 7, 9, 13};
                if (!per_channel(c.mode)) c.ifm_depth = depths[c.ofm_w % 5];
              }});
}

TEST(MacDatapath, RandomLargeKernelsStrideAndDilation) {
  run_random("MacDatapath.RandomLargeKernelsStrideAndDilation", 8000,
             {[](MacBlockConfig& c) {
                c.kernel_w = 8;
                c.kernel_h = 8 - (c.ofm_h & 1);
                c.dilation_x = 2;
                c.stride_y = 3;
                c.ofm_h = std::min(c.ofm_h, 3);
                c.ofm_c = std::min(c.ofm_c, 8);
                c.ifm_depth = per_channel(c.mode) ? c.ofm_c : std::min(c.ifm_depth, 8);
              }});
}

// int32 accumulators wrap: uint16 elements at 65535 times weights of +255 over
// deep kernels pass 2^31, so the int32 accumulator (and the model's) wraps.
TEST(MacDatapath, RandomAccumulatorWrapInt32) {
  Knobs knobs{[](MacBlockConfig& c) {
                c.mode = MacMode::kConv;
                c.ifm16 = true;
                c.ifm_signed = false;
                c.acc40 = false;
                c.zero_point = 0;
                c.ofm_c = std::min(c.ofm_c, 8);
                c.ifm_depth = 32 + c.ofm_w;
                c.kernel_w = std::max(c.kernel_w, 4);
                c.kernel_h = std::max(c.kernel_h, 4);
              },
              40, 1.0, true};
  std::mt19937_64 rng(test_seed("MacDatapath.RandomAccumulatorWrapInt32"));
  auto bench = make_mac_datapath_driver(kPreset, mutant_requested());
  int wrapped = 0;
  for (int block = 0; block < 20; ++block) {
    const Case k = make_case(rng, knobs);
    const std::vector<MacBlockResult> r = bench->run({make_job(k, 0)}, rng, 1.0);
    check_block(k, r[0]);
    // Every product is positive: a negative accumulator has wrapped.
    for (int64_t v : k.expected) wrapped += v < 0;
  }
  EXPECT_GT(wrapped, 0);
}

TEST(MacDatapath, RandomHeavyBackPressure) {
  const RunTotals t = run_random("MacDatapath.RandomHeavyBackPressure", 30000, {}, {0.02});
  EXPECT_GT(t.stall_cycles, 0u);
}

// Without back-pressure a block takes its beats + 3 cycles, and a stream of
// blocks keeps the MAC array busy but for one bubble per block.
TEST(MacDatapath, CycleCountWithoutBackPressure) {
  std::mt19937_64 rng(test_seed("MacDatapath.CycleCountWithoutBackPressure"));
  auto bench = make_mac_datapath_driver(kPreset, mutant_requested());
  for (int kernel = 1; kernel <= 8; ++kernel) {
    Case k = make_case(rng, {[kernel](MacBlockConfig& c) {
                               c.mode = MacMode::kConv;
                               c.kernel_w = kernel;
                               c.kernel_h = kernel;
                             }});
    const std::vector<MacBlockResult> r = bench->run({make_job(k, 0)}, rng, 1.0);
    EXPECT_EQ(r[0].stall_cycles, 0u);
    EXPECT_EQ(r[0].cycles, expected_beats(k.config) + kMacBlockOverheadCycles) << describe(k.config);
    check_block(k, r[0]);
  }
}

}  // namespace
}  // namespace vnpu::rtl_test
