// The verilated output unit (rtl/vnpu_output_unit.sv) against the functional
// model's output stage: wrap_accumulator, scale_value and OutputStage::finish
// (sim/functional/output_stage.h), called here, not re-implemented.
// Constrained-random configurations and accumulators, named edge cases, and
// the cycle count of every run against docs/rtl.md: cycles = N + 4 + stalls.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <sstream>
#include <string>

#include "sim/rtl/output_unit_driver.h"
#include "rtl_harness.h"
#include "sim/functional/exec_result.h"
#include "sim/functional/output_stage.h"

namespace vnpu::rtl_test {
namespace {

constexpr size_t kLutBytes = 2048;
constexpr int64_t kInt40Min = -(int64_t{1} << 39);
constexpr int64_t kInt40Max = (int64_t{1} << 39) - 1;

// The functional model's output stage for one configuration.
struct Reference {
  isa::Operation op;
  std::vector<uint8_t> shram;
  sim::OutputStage stage;
  bool valid = false;  // OutputStage::create accepted the configuration
};

void make_reference(const OutputUnitConfig& c, const std::vector<uint8_t>& lut, Reference* r) {
  isa::RegisterState& s = r->op.state;
  s.ofm.type = isa::ElementType{c.ofm_signed, c.ofm_bits};
  s.ofm.zero_point = c.zero_point;
  s.ofm.round_mode = static_cast<isa::RoundMode>(c.round_mode);
  s.activation.function = c.function;
  s.activation.clip_range = c.clip_range;
  s.activation.min = c.act_min;
  s.activation.max = c.act_max;
  s.acc_format = c.acc40 ? isa::AccFormat::kInt40 : isa::AccFormat::kInt32;
  r->shram.assign(kLutBytes, 0);
  r->shram.insert(r->shram.end(), lut.begin(), lut.end());  // the LUT area is the top 2 KB
  sim::NpuMemory memory;
  memory.shram = &r->shram;
  r->valid = sim::OutputStage::create(r->op, memory, &r->stage).ok();
}

int64_t scaled_value(const Reference& r, const OutputLaneInput& in) {
  const isa::RegisterState& s = r.op.state;
  const int64_t acc = sim::wrap_accumulator(in.acc + in.bias, s.acc_format);
  return sim::scale_value(acc, in.multiplier, static_cast<int>(in.shift), s.ofm.round_mode);
}

int64_t expected_value(const Reference& r, const OutputLaneInput& in) {
  return r.stage.finish(in.direct ? in.value : scaled_value(r, in));
}

std::string describe(const OutputUnitConfig& c, const OutputLaneInput& in) {
  std::ostringstream o;
  o << "acc40=" << c.acc40 << " round=" << int{c.round_mode} << " ofm=" << (c.ofm_signed ? "s" : "u")
    << int{c.ofm_bits} << " zp=" << c.zero_point << " function=" << int{c.function}
    << " clip=" << int{c.clip_range} << " min=" << c.act_min << " max=" << c.act_max
    << " | direct=" << in.direct << " value=" << in.value << " acc=" << in.acc
    << " bias=" << in.bias << " mult=" << in.multiplier << " shift=" << in.shift;
  return o.str();
}

// ---------------- random stimulus ----------------

int64_t random_accumulator(std::mt19937_64& rng) {
  switch (uniform(rng, 0, 4)) {
    case 0: return uniform(rng, kInt40Min, kInt40Max);
    case 1: return uniform(rng, -(1 << 20), 1 << 20);
    case 2: return uniform(rng, INT32_MIN, INT32_MAX);
    case 3: {
      const int64_t edges[] = {0, -1, INT32_MIN, INT32_MAX, kInt40Min, kInt40Max,
                               int64_t{INT32_MAX} + 1, int64_t{INT32_MIN} - 1};
      return edges[uniform(rng, 0, 7)];
    }
    default: return uniform(rng, -100000, 100000);
  }
}

uint32_t random_multiplier(std::mt19937_64& rng) {
  switch (uniform(rng, 0, 5)) {
    case 0: return static_cast<uint32_t>(uniform(rng, 0, UINT32_MAX));
    case 1: return 0x7FFFFFFFu;
    case 2: return static_cast<uint32_t>(uniform(rng, 0, 3) == 0 ? 0 : uniform(rng, 1, 16));
    default: return static_cast<uint32_t>(uniform(rng, 1 << 30, INT32_MAX));
  }
}

uint32_t random_shift(std::mt19937_64& rng) {
  switch (uniform(rng, 0, 5)) {
    case 0: return static_cast<uint32_t>(uniform(rng, 0, 63));
    case 1: return uniform(rng, 0, 1) == 0 ? 0u : 63u;
    case 2: return static_cast<uint32_t>(uniform(rng, 30, 33));
    default: return static_cast<uint32_t>(uniform(rng, 30, 45));
  }
}

int64_t type_min(bool is_signed, int bits) { return is_signed ? -(int64_t{1} << (bits - 1)) : 0; }
int64_t type_max(bool is_signed, int bits) {
  return is_signed ? (int64_t{1} << (bits - 1)) - 1 : (int64_t{1} << bits) - 1;
}

OutputUnitConfig random_config(std::mt19937_64& rng) {
  OutputUnitConfig c;
  c.acc40 = chance(rng, 0.5);
  c.round_mode = static_cast<uint8_t>(uniform(rng, 0, 2));
  const uint8_t bits[] = {8, 16, 32};
  c.ofm_bits = bits[uniform(rng, 0, 2)];
  c.ofm_signed = chance(rng, 0.7);
  const int field_bits = c.ofm_bits == 8 ? 8 : 16;  // zero point and clamp: 16-bit fields
  const int64_t lo = type_min(c.ofm_signed, field_bits);
  const int64_t hi = type_max(c.ofm_signed, field_bits);
  c.zero_point = static_cast<int32_t>(chance(rng, 0.2) ? (chance(rng, 0.5) ? lo : hi)
                                                        : uniform(rng, lo, hi));
  c.function = chance(rng, 0.6) ? 0 : static_cast<uint8_t>(16 + uniform(rng, 0, 7));
  const uint8_t clips[] = {0, 0, 0, 0, 2, 3, 5};
  c.clip_range = clips[uniform(rng, 0, 6)];
  const int64_t a = uniform(rng, lo, hi);
  const int64_t b = uniform(rng, lo, hi);
  c.act_min = static_cast<int32_t>(chance(rng, 0.4) ? lo : std::min(a, b));
  c.act_max = static_cast<int32_t>(chance(rng, 0.4) ? hi : std::max(a, b));
  if (chance(rng, 0.03)) std::swap(c.act_min, c.act_max);  // an empty clamp range
  return c;
}

// With a lookup table, ACTIVATION_MIN/MAX outside the clip range would make
// OutputStage::lookup index outside its table (an out-of-bounds read in the
// reference), so the clamp limits stay inside the range there.
void keep_lut_index_in_table(OutputUnitConfig* c) {
  if (c->function < 16) return;
  bool is_signed = c->ofm_signed;
  int bits = c->ofm_bits;
  if (c->clip_range == 2 || c->clip_range == 3) bits = 8;
  if (c->clip_range == 5) bits = 16;
  if (c->clip_range == 2) is_signed = false;
  if (c->clip_range == 3 || c->clip_range == 5) is_signed = true;
  if (bits == 32) return;  // refused by both
  const int64_t lo = type_min(is_signed, bits);
  const int64_t hi = type_max(is_signed, bits);
  c->act_min = static_cast<int32_t>(std::clamp<int64_t>(c->act_min, lo, hi));
  c->act_max = static_cast<int32_t>(std::clamp<int64_t>(c->act_max, lo, hi));
  if (c->act_min > c->act_max) std::swap(c->act_min, c->act_max);
}

// A lane input that keeps the reference's int64 arithmetic defined: the
// zero-point add in OutputStage::finish must not overflow int64.
OutputLaneInput random_input(std::mt19937_64& rng, const Reference& r, const OutputUnitConfig& c,
                             const std::function<void(OutputLaneInput&)>& adjust) {
  OutputLaneInput in;
  in.acc = random_accumulator(rng);
  in.bias = chance(rng, 0.3) ? 0 : random_accumulator(rng);
  in.multiplier = random_multiplier(rng);
  in.shift = random_shift(rng);
  if (adjust) adjust(in);
  int64_t sum = 0;
  if (__builtin_add_overflow(scaled_value(r, in), int64_t{c.zero_point}, &sum)) {
    in.shift = static_cast<uint32_t>(uniform(rng, 40, 63));
  }
  return in;
}

// A scaled value as the elementwise unit hands it to stage S4: anywhere in
// int64 but such that the reference's zero-point add stays defined.
int64_t random_scaled_value(std::mt19937_64& rng, int32_t zero_point) {
  int64_t v = 0;
  switch (uniform(rng, 0, 4)) {
    case 0: v = uniform(rng, INT64_MIN, INT64_MAX); break;
    case 1: v = uniform(rng, INT32_MIN, INT32_MAX); break;
    case 2: {
      const int64_t edges[] = {0, -1, 127, -128, 255, 32767, -32768, 65535, INT32_MIN,
                               INT32_MAX, INT64_MIN / 2, INT64_MAX / 2};
      v = edges[uniform(rng, 0, 11)];
      break;
    }
    default: v = uniform(rng, -70000, 70000);
  }
  int64_t sum = 0;
  return __builtin_add_overflow(v, int64_t{zero_point}, &sum) ? v / 2 : v;
}

struct CaseSpec {
  std::function<void(OutputUnitConfig&)> config;
  std::function<void(OutputLaneInput&)> input;
  std::function<void(int64_t expected, bool direct)> observe;  // sees every compared value
  double direct_probability = 0.0;  // per lane: a direct S4 value instead of an accumulator
};

// Runs `beats` random beats in configurations of 1..200 beats each; checks every
// lane value and the cycle count of every run.
void run_random(const char* name, uint64_t beats, const CaseSpec& spec) {
  std::mt19937_64 rng(test_seed(name));
  auto bench = make_output_unit_driver(mutant_requested());
  std::vector<uint8_t> lut(kLutBytes);
  for (uint8_t& byte : lut) byte = static_cast<uint8_t>(uniform(rng, 0, 255));
  bench->write_lut(lut);
  uint64_t done = 0;
  while (done < beats) {
    OutputUnitConfig c = random_config(rng);
    if (spec.config) spec.config(c);
    keep_lut_index_in_table(&c);
    Reference ref;
    make_reference(c, lut, &ref);
    const bool rtl_error = bench->configure(c);
    ASSERT_EQ(rtl_error, !ref.valid) << "cfg_error_o for " << describe(c, {});
    if (!ref.valid) continue;
    const size_t count = static_cast<size_t>(
        std::min<uint64_t>(static_cast<uint64_t>(uniform(rng, 1, 200)), beats - done));
    std::vector<OutputBeat> in(count);
    for (OutputBeat& beat : in) {
      for (OutputLaneInput& lane : beat) {
        lane = random_input(rng, ref, c, spec.input);
        if (chance(rng, spec.direct_probability)) {
          lane.direct = true;
          lane.value = random_scaled_value(rng, c.zero_point);
        }
      }
    }
    const double ready[] = {1.0, 0.8, 0.3};
    const OutputRun run = bench->run(in, rng, ready[uniform(rng, 0, 2)]);
    ASSERT_EQ(run.results.size(), count);
    ASSERT_EQ(run.cycles, count + kOutputLatencyCycles + run.stall_cycles)
        << "cycle count formula of docs/rtl.md, " << count << " beats";
    for (size_t i = 0; i < count; ++i) {
      for (size_t l = 0; l < kOutputLanes; ++l) {
        const int64_t want = expected_value(ref, in[i][l]);
        if (spec.observe) spec.observe(want, in[i][l].direct);
        ASSERT_EQ(run.results[i][l], static_cast<uint32_t>(want))
            << "beat " << i << " lane " << l << ": " << describe(c, in[i][l]);
      }
    }
    done += count;
  }
}

TEST(OutputUnit, RandomMatchesReference) {
  run_random("OutputUnit.RandomMatchesReference", vector_count(100000), {});
}

TEST(OutputUnit, RandomZeroPointAtInt8Limits) {
  int at_limit = 0;
  run_random("OutputUnit.RandomZeroPointAtInt8Limits", 5000,
             {[](OutputUnitConfig& c) {
                c.ofm_bits = 8;
                c.ofm_signed = true;
                c.zero_point = c.zero_point >= 0 ? 127 : -128;
              },
              nullptr, [&](int64_t v, bool) { at_limit += v == -128 || v == 127; }});
  EXPECT_GT(at_limit, 0);
}

TEST(OutputUnit, RandomMultiplierAtMax) {
  run_random("OutputUnit.RandomMultiplierAtMax", 5000,
             {nullptr, [](OutputLaneInput& in) { in.multiplier = 0x7FFFFFFFu; }, nullptr});
}

TEST(OutputUnit, RandomShiftsZeroAnd63) {
  run_random("OutputUnit.RandomShiftsZeroAnd63", 5000,
             {nullptr, [](OutputLaneInput& in) { in.shift = (in.acc & 1) ? 63 : 0; }, nullptr});
}

TEST(OutputUnit, RandomSaturation) {
  int saturated = 0;
  run_random("OutputUnit.RandomSaturation", 5000,
             {[](OutputUnitConfig& c) { c.function = 0; },
              [](OutputLaneInput& in) {
                in.shift = static_cast<uint32_t>(in.acc & 7);
                in.multiplier |= 0x40000000u;
              },
              [&](int64_t v, bool) {
                saturated += v == 127 || v == -128 || v == 255 || v == 0 || v == 32767 ||
                             v == -32768 || v == 65535 || v == INT32_MAX || v == INT32_MIN ||
                             v == UINT32_MAX;
              }});
  EXPECT_GT(saturated, 5000);
}

TEST(OutputUnit, RandomLookupTable8Bit) {
  run_random("OutputUnit.RandomLookupTable8Bit", 5000,
             {[](OutputUnitConfig& c) {
                c.function = static_cast<uint8_t>(16 + (c.zero_point & 3));
                if (c.ofm_bits == 16 && c.clip_range == 0) c.clip_range = 3;
              },
              nullptr, nullptr});
}

TEST(OutputUnit, RandomLookupTable16BitInterpolation) {
  run_random("OutputUnit.RandomLookupTable16BitInterpolation", 5000,
             {[](OutputUnitConfig& c) {
                c.function = 16;
                c.clip_range = 5;
              },
              nullptr, nullptr});
}

TEST(OutputUnit, RandomInt32Output) {
  run_random("OutputUnit.RandomInt32Output", 5000,
             {[](OutputUnitConfig& c) {
                c.ofm_bits = 32;
                c.function = 0;
                c.clip_range = 0;
              },
              nullptr, nullptr});
}

// Direct lanes (in_direct_i: a scaled value entering S4, as the elementwise
// unit's results do) mixed with accumulator lanes in the same beats and runs.
TEST(OutputUnit, RandomDirectValuesMixedWithAccumulators) {
  int direct_lanes = 0;
  int accumulator_lanes = 0;
  CaseSpec spec;
  spec.direct_probability = 0.5;
  spec.observe = [&](int64_t, bool direct) { ++(direct ? direct_lanes : accumulator_lanes); };
  run_random("OutputUnit.RandomDirectValuesMixedWithAccumulators", vector_count(20000), spec);
  EXPECT_GT(direct_lanes, accumulator_lanes / 2);
  EXPECT_GT(accumulator_lanes, direct_lanes / 2);
}

TEST(OutputUnit, RandomDirectValuesSaturate) {
  int saturated = 0;
  CaseSpec spec;
  spec.config = [](OutputUnitConfig& c) { c.function = 0; };
  spec.direct_probability = 1.0;
  spec.observe = [&](int64_t v, bool) {
    saturated += v == 127 || v == -128 || v == 255 || v == 0 || v == 32767 || v == -32768 ||
                 v == 65535 || v == INT32_MAX || v == INT32_MIN || v == UINT32_MAX;
  };
  run_random("OutputUnit.RandomDirectValuesSaturate", 5000, spec);
  EXPECT_GT(saturated, 5000 * kOutputLanes / 10);
}

TEST(OutputUnit, RandomDirectValuesThroughLookupTable) {
  CaseSpec spec;
  spec.config = [](OutputUnitConfig& c) {
    c.function = static_cast<uint8_t>(16 + (c.zero_point & 3));
    if (c.ofm_bits == 16 && c.clip_range == 0) c.clip_range = (c.zero_point & 4) ? 5 : 3;
  };
  spec.direct_probability = 0.8;
  run_random("OutputUnit.RandomDirectValuesThroughLookupTable", 5000, spec);
}

// cfg_error_o equals the functional model refusing the configuration, plus
// tanh and sigmoid (floating point in the model, not implemented in RTL).
TEST(OutputUnit, ConfigErrorsMatchReference) {
  auto bench = make_output_unit_driver(mutant_requested());
  const std::vector<uint8_t> lut(kLutBytes, 0);
  int checked = 0;
  for (int function = 0; function < 32; ++function) {
    for (int clip = 0; clip < 8; ++clip) {
      for (int bits : {8, 16, 32}) {
        for (bool is_signed : {false, true}) {
          OutputUnitConfig c;
          c.function = static_cast<uint8_t>(function);
          c.clip_range = static_cast<uint8_t>(clip);
          c.ofm_bits = static_cast<uint8_t>(bits);
          c.ofm_signed = is_signed;
          Reference ref;
          make_reference(c, lut, &ref);
          const bool floating = function == 3 || function == 4;
          EXPECT_EQ(bench->configure(c), !ref.valid || floating) << describe(c, {});
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 32 * 8 * 3 * 2);
}

// Without back-pressure a run of N beats takes exactly N + 4 cycles.
TEST(OutputUnit, CycleCountWithoutBackPressure) {
  std::mt19937_64 rng(test_seed("OutputUnit.CycleCountWithoutBackPressure"));
  auto bench = make_output_unit_driver(mutant_requested());
  ASSERT_FALSE(bench->configure(OutputUnitConfig{}));
  for (size_t n = 1; n <= 64; ++n) {
    const std::vector<OutputBeat> beats(n);
    const OutputRun run = bench->run(beats, rng, 1.0);
    EXPECT_EQ(run.stall_cycles, 0u);
    EXPECT_EQ(run.cycles, n + kOutputLatencyCycles) << n << " beats";
  }
}

}  // namespace
}  // namespace vnpu::rtl_test
