// The verilated elementwise unit (rtl/vnpu_elementwise_unit.sv) against the
// functional model's sim::ElementwiseUnit::compute (called, not
// re-implemented): constrained-random configurations and operands for every
// mode and IFM scale mode, named edge cases, and the cycle count of every run
// against docs/rtl.md: cycles = N + 2 + stalls.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <sstream>
#include <string>

#include "elementwise_unit_bench.h"
#include "rtl_harness.h"
#include "sim/functional/elementwise_unit.h"

namespace vnpu::rtl_test {
namespace {

isa::Operation make_operation(const ElementwiseConfig& c) {
  isa::Operation op;
  op.kind = isa::OperationKind::kElementwise;
  op.param = c.mode;
  isa::RegisterState& s = op.state;
  s.ifm.type = isa::ElementType{true, c.ifm_bits};
  s.ifm2.type = isa::ElementType{true, c.ifm2_bits};
  s.ifm.scale_mode = static_cast<isa::IfmScaleMode>(c.scale_mode);
  s.ifm.round_mode = static_cast<isa::RoundMode>(c.ifm_round);
  s.ofm.round_mode = static_cast<isa::RoundMode>(c.ofm_round);
  s.opa_scale = isa::ScaleRegister{c.opa_multiplier, c.opa_shift};
  s.opb_scale = isa::ScaleRegister{c.opb_multiplier, 0};
  s.ofm_scale = isa::ScaleRegister{c.ofm_multiplier, c.ofm_shift};
  return op;
}

std::string describe(const ElementwiseConfig& c, const ElementwiseOperands& in) {
  std::ostringstream o;
  o << "mode=" << int{c.mode} << " ifm=" << int{c.ifm_bits} << " ifm2=" << int{c.ifm2_bits}
    << " scale_mode=" << int{c.scale_mode} << " ifm_round=" << int{c.ifm_round}
    << " ofm_round=" << int{c.ofm_round} << " opa=" << c.opa_multiplier << ">>"
    << int{c.opa_shift} << " opb=" << c.opb_multiplier << " ofm=" << c.ofm_multiplier << ">>"
    << int{c.ofm_shift} << " | a=" << in.a << " b=" << in.b;
  return o.str();
}

uint32_t random_multiplier(std::mt19937_64& rng) {
  switch (uniform(rng, 0, 4)) {
    case 0: return 0x7FFFFFFFu;
    case 1: return static_cast<uint32_t>(uniform(rng, 0, UINT32_MAX));
    case 2: return static_cast<uint32_t>(uniform(rng, 0, 1 << 16));
    default: return static_cast<uint32_t>(uniform(rng, 1 << 30, INT32_MAX));
  }
}

uint8_t random_shift(std::mt19937_64& rng) {
  return static_cast<uint8_t>(chance(rng, 0.2) ? (chance(rng, 0.5) ? 0 : 63) : uniform(rng, 0, 63));
}

// Keeps the reference's int64 arithmetic defined: with a 32-bit IFM the
// OPA_OPB_16 products stay below 2^63 (16-bit multipliers, as the mode's name
// says) and an OPA_32/OPB_32 input scale shifts by at least 4 so the scaled
// operand plus the other stays in int64.
void keep_reference_defined(ElementwiseConfig* c) {
  if (c->ifm_bits != 32 && c->ifm2_bits != 32) return;
  c->opa_multiplier &= 0xFFFF;
  c->opb_multiplier &= 0xFFFF;
  if (c->opa_shift < 4) c->opa_shift = static_cast<uint8_t>(c->opa_shift + 4);
}

ElementwiseConfig random_config(std::mt19937_64& rng) {
  ElementwiseConfig c;
  c.mode = static_cast<uint8_t>(uniform(rng, 0, 9));
  const uint8_t bits[] = {8, 8, 16, 32};
  c.ifm_bits = bits[uniform(rng, 0, 3)];
  c.ifm2_bits = chance(rng, 0.8) ? c.ifm_bits : bits[uniform(rng, 0, 3)];
  c.scale_mode = static_cast<uint8_t>(uniform(rng, 0, 2));
  c.ifm_round = static_cast<uint8_t>(uniform(rng, 0, 2));
  c.ofm_round = static_cast<uint8_t>(uniform(rng, 0, 2));
  c.opa_multiplier = random_multiplier(rng);
  c.opa_shift = random_shift(rng);
  c.opb_multiplier = random_multiplier(rng);
  c.ofm_multiplier = random_multiplier(rng);
  c.ofm_shift = random_shift(rng);
  return c;
}

// An element of `bits` minus a zero point (or a scalar): 34-bit signed at most.
int64_t random_operand(std::mt19937_64& rng, int bits) {
  const int64_t zero_point = uniform(rng, 0, 3) == 0 ? 0 : uniform(rng, -32768, 65535);
  int64_t element = 0;
  switch (bits) {
    case 8: element = uniform(rng, -128, 255); break;
    case 16: element = uniform(rng, -32768, 65535); break;
    default: element = chance(rng, 0.3) ? uniform(rng, -100, 100) : uniform(rng, INT32_MIN, UINT32_MAX);
  }
  if (bits == 8) return element - (zero_point & 0xFF) + (chance(rng, 0.5) ? 0 : 128) - 128;
  return element - zero_point;
}

struct CaseSpec {
  std::function<void(ElementwiseConfig&)> config;
  std::function<void(ElementwiseOperands&)> operands;
};

void run_random(const char* name, uint64_t beats, const CaseSpec& spec) {
  std::mt19937_64 rng(test_seed(name));
  ElementwiseUnitBench bench;
  uint64_t done = 0;
  while (done < beats) {
    ElementwiseConfig c = random_config(rng);
    if (spec.config) spec.config(c);
    keep_reference_defined(&c);
    ASSERT_FALSE(bench.configure(c)) << describe(c, {});
    const isa::Operation op = make_operation(c);
    const sim::ElementwiseUnit reference(op);
    const size_t count = static_cast<size_t>(
        std::min<uint64_t>(static_cast<uint64_t>(uniform(rng, 1, 200)), beats - done));
    std::vector<ElementwiseBeat> in(count);
    for (ElementwiseBeat& beat : in) {
      for (ElementwiseOperands& lane : beat) {
        lane.a = random_operand(rng, c.ifm_bits);
        lane.b = c.mode == 8 || c.mode == 9 ? uniform(rng, -40, 40) : random_operand(rng, c.ifm2_bits);
        if (spec.operands) spec.operands(lane);
      }
    }
    const double ready[] = {1.0, 0.8, 0.3};
    const ElementwiseRun run = bench.run(in, rng, ready[uniform(rng, 0, 2)]);
    ASSERT_EQ(run.results.size(), count);
    ASSERT_EQ(run.cycles, count + kElementwiseLatencyCycles + run.stall_cycles)
        << "cycle count formula of docs/rtl.md, " << count << " beats";
    for (size_t i = 0; i < count; ++i) {
      for (size_t l = 0; l < kElementwiseLanes; ++l) {
        const int64_t want = reference.compute(sim::Operands{in[i][l].a, in[i][l].b});
        ASSERT_EQ(run.results[i][l], want) << "beat " << i << " lane " << l << ": "
                                           << describe(c, in[i][l]);
      }
    }
    done += count;
  }
}

TEST(ElementwiseUnit, RandomMatchesReference) {
  run_random("ElementwiseUnit.RandomMatchesReference", vector_count(100000), {});
}

TEST(ElementwiseUnit, RandomEveryModeAndScaleMode) {
  for (uint8_t mode = 0; mode <= 9; ++mode) {
    for (uint8_t scale_mode = 0; scale_mode <= 2; ++scale_mode) {
      run_random("ElementwiseUnit.RandomEveryModeAndScaleMode", 1000,
                 {[=](ElementwiseConfig& c) {
                    c.mode = mode;
                    c.scale_mode = scale_mode;
                  },
                  nullptr});
    }
  }
}

TEST(ElementwiseUnit, RandomMultipliersAtMaxShiftsZeroAnd63) {
  run_random("ElementwiseUnit.RandomMultipliersAtMaxShiftsZeroAnd63", 5000,
             {[](ElementwiseConfig& c) {
                c.opa_multiplier = c.opb_multiplier = c.ofm_multiplier = 0x7FFFFFFFu;
                c.ofm_shift = (c.mode & 1) ? 63 : 0;
                c.opa_shift = (c.mode & 2) ? 63 : 0;
              },
              nullptr});
}

TEST(ElementwiseUnit, RandomSaturatedOperands) {
  run_random("ElementwiseUnit.RandomSaturatedOperands", 5000,
             {[](ElementwiseConfig& c) { c.ifm_bits = c.ifm2_bits = 32; },
              [](ElementwiseOperands& in) {
                const int64_t edges[] = {INT32_MIN, INT32_MAX, UINT32_MAX, -(int64_t{1} << 32), 0, -1};
                in.a = edges[static_cast<uint64_t>(in.a) % 6];
                if (in.b > 64 || in.b < -64) in.b = edges[static_cast<uint64_t>(in.b) % 6];
              }});
}

// Reserved modes (10..63) raise cfg_error_o, as execute_elementwise refuses them.
TEST(ElementwiseUnit, ReservedModesRaiseConfigError) {
  ElementwiseUnitBench bench;
  for (int mode = 0; mode < 64; ++mode) {
    ElementwiseConfig c;
    c.mode = static_cast<uint8_t>(mode);
    EXPECT_EQ(bench.configure(c), mode > 9) << "mode " << mode;
  }
}

// Without back-pressure a run of N beats takes exactly N + 2 cycles.
TEST(ElementwiseUnit, CycleCountWithoutBackPressure) {
  std::mt19937_64 rng(test_seed("ElementwiseUnit.CycleCountWithoutBackPressure"));
  ElementwiseUnitBench bench;
  ASSERT_FALSE(bench.configure(ElementwiseConfig{}));
  for (size_t n = 1; n <= 64; ++n) {
    const ElementwiseRun run = bench.run(std::vector<ElementwiseBeat>(n), rng, 1.0);
    EXPECT_EQ(run.stall_cycles, 0u);
    EXPECT_EQ(run.cycles, n + kElementwiseLatencyCycles) << n << " beats";
  }
}

}  // namespace
}  // namespace vnpu::rtl_test
