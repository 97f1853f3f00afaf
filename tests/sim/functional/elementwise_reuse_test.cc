// Differential test of the elementwise result reuse (execute_elementwise)
// against computing every element (execute_elementwise_reference): random
// modes, 8-bit signed and unsigned operands, IFM2 broadcast, scalars, operand
// swap, scale modes and registers, round modes, activations including lookup
// tables, and OFMs written over their IFM, must leave byte-identical memory.
#include "sim/functional/elementwise.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/sim/functional/npu_test_util.h"

namespace vnpu::testing {
namespace {

using isa::DataFormat;
using sim::FmShape;

class RandomElementwise {
 public:
  explicit RandomElementwise(uint32_t seed) : rng_(seed) {}
  void build(isa::Operation* op, TestMemory* memory);

 private:
  int32_t u(int32_t lo, int32_t hi) { return std::uniform_int_distribution<int32_t>(lo, hi)(rng_); }
  DataFormat format() { return u(0, 1) ? DataFormat::kNhcwb16 : DataFormat::kNhwc; }
  isa::ScaleRegister scale() {
    return {static_cast<uint32_t>(u(1, INT32_MAX)), static_cast<uint8_t>(u(0, 45))};
  }

  std::mt19937 rng_;
};

void RandomElementwise::build(isa::Operation* op, TestMemory* memory) {
  uint32_t noise = static_cast<uint32_t>(u(0, INT32_MAX));
  auto next_byte = [&noise]() {
    noise = noise * 1664525u + 1013904223u;
    return static_cast<uint8_t>(noise >> 24);
  };
  for (int r = 0; r < 3; ++r) {
    for (uint8_t& b : memory->buffers[static_cast<size_t>(r)]) b = next_byte();
  }
  for (uint8_t& b : memory->shram) b = next_byte();
  op->kind = isa::OperationKind::kElementwise;
  op->param = static_cast<uint16_t>(u(0, 9));
  isa::RegisterState& s = op->state;
  const FmShape shape = {u(8, 20), u(8, 20), u(16, 40)};
  s.ofm.height_m1 = static_cast<uint32_t>(shape.height - 1);
  s.ofm.width_m1 = static_cast<uint32_t>(shape.width - 1);
  s.ofm.depth_m1 = static_cast<uint32_t>(shape.depth - 1);
  const int ifm_bits = u(0, 5) == 0 ? 16 : 8;
  static_cast<isa::FeatureMapState&>(s.ifm) = make_fm(1, 0, shape, ifm_bits, u(0, 1), format());
  s.ifm.depth_m1 = s.ofm.depth_m1;
  s.ifm.zero_point = u(-128, 127);
  s.ifm.scale_mode = static_cast<isa::IfmScaleMode>(u(0, 2));
  s.ifm.round_mode = static_cast<isa::RoundMode>(u(0, 2));
  s.ifm2.broadcast_h = u(0, 3) == 0;
  s.ifm2.broadcast_w = u(0, 3) == 0;
  s.ifm2.broadcast_c = u(0, 3) == 0;
  const FmShape shape2 = {s.ifm2.broadcast_h ? 1 : shape.height, s.ifm2.broadcast_w ? 1 : shape.width,
                          s.ifm2.broadcast_c ? 1 : shape.depth};
  static_cast<isa::FeatureMapState&>(s.ifm2) = make_fm(2, 0, shape2, 8, u(0, 1), format());
  s.ifm2.zero_point = u(-128, 127);
  s.ifm2.operand_swap = u(0, 1) == 1;
  s.ifm2.scalar = u(0, 3) == 0;
  s.ifm2.scalar_value = u(-128, 127);
  const bool in_place = u(0, 3) == 0;
  const int ofm_bits = in_place ? ifm_bits : 8 << u(0, 1);
  static_cast<isa::FeatureMapState&>(s.ofm) =
      in_place ? static_cast<isa::FeatureMapState>(s.ifm)
               : make_fm(2, 1 << 16, shape, ofm_bits, u(0, 1), format());
  s.ofm.zero_point = u(-100, 100);
  s.ofm.round_mode = static_cast<isa::RoundMode>(u(0, 2));
  s.ofm_scale = scale();
  s.opa_scale = scale();
  s.opb_scale = {static_cast<uint32_t>(u(1, 1 << 15)), 0};
  const int function_choice = u(0, 4);
  s.activation.function = static_cast<uint8_t>(function_choice < 3 ? 0 : 16 + u(0, 7));
  s.activation.min = u(-32768, 0);
  s.activation.max = u(0, 32767);
}

TEST(ElementwiseReuseTest, RandomOperationsMatchComputingEveryElement) {
  int succeeded = 0;
  for (uint32_t i = 0; i < 400; ++i) {
    RandomElementwise random(i);
    isa::Operation op;
    TestMemory reference_memory(1 << 17);
    random.build(&op, &reference_memory);
    TestMemory memory = reference_memory;
    for (size_t r = 0; r < 8; ++r) {
      memory.regions[r] = {memory.buffers[r].data(), memory.buffers[r].size()};
    }
    const sim::ExecResult expected =
        sim::execute_elementwise_reference(op, reference_memory.memory());
    const sim::ExecResult got = sim::execute_elementwise(op, memory.memory());
    ASSERT_EQ(got.fault, expected.fault) << "case " << i << ": " << got.message;
    ASSERT_EQ(got.message, expected.message) << "case " << i;
    for (size_t r = 0; r < 3; ++r) {
      ASSERT_EQ(memory.buffers[r], reference_memory.buffers[r]) << "case " << i << " region " << r;
    }
    succeeded += got.ok() ? 1 : 0;
  }
  EXPECT_GT(succeeded, 300);
}

}  // namespace
}  // namespace vnpu::testing
