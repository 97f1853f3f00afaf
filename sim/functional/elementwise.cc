#include "sim/functional/elementwise.h"

#include <string>
#include <utility>
#include <vector>

#include "sim/functional/elementwise_unit.h"
#include "sim/functional/feature_map.h"
#include "sim/functional/kernel_geometry.h"
#include "sim/functional/output_stage.h"

namespace vnpu::sim {
namespace {

using isa::ElementwiseMode;

bool is_unary(ElementwiseMode mode) {
  return mode == ElementwiseMode::kAbs || mode == ElementwiseMode::kClz ||
         mode == ElementwiseMode::kLrelu;
}

// Results by 8-bit operand values: the result of an element is a pure function
// of its raw IFM (and IFM2) values, so for 8-bit operands each distinct pair is
// computed once and looked up after (the values are the same as computing
// each; reads and writes keep their order). Off for small operations, wider
// operands, or an OFM that could overwrite the lookup table in SHRAM.
class ResultCache {
 public:
  static constexpr uint64_t kMinElements = 4096;

  ResultCache(const FeatureMap& ifm, const FeatureMap* ifm2, const FeatureMap& ofm,
              const NpuMemory& memory, uint64_t elements) {
    const bool narrow = ifm.element_bytes() == 1 && (ifm2 == nullptr || ifm2->element_bytes() == 1);
    const bool lut_safe = memory.shram == nullptr ||
                          !ofm.overlaps(memory.shram->data(), memory.shram->size());
    if (!narrow || !lut_safe || elements < kMinElements) return;
    low_a_ = element_min(ifm.is_signed(), 8);
    low_b_ = ifm2 == nullptr ? 0 : element_min(ifm2->is_signed(), 8);
    const size_t entries = ifm2 == nullptr ? 256 : 65536;
    values_.assign(entries, 0);
    known_.assign(entries, 0);
  }

  // The stored result for raw operands (a, b); `compute` gives it when not yet known.
  template <typename Compute>
  int64_t get(int64_t raw_a, int64_t raw_b, const Compute& compute) {
    if (values_.empty()) return compute();
    const size_t index = static_cast<size_t>((raw_a - low_a_) + (raw_b - low_b_) * 256);
    if (!known_[index]) {
      values_[index] = compute();
      known_[index] = 1;
    }
    return values_[index];
  }

 private:
  int64_t low_a_ = 0;
  int64_t low_b_ = 0;
  std::vector<int64_t> values_;
  std::vector<uint8_t> known_;
};

ExecResult run_elementwise(const isa::Operation& op, const NpuMemory& memory, bool cached) {
  const isa::RegisterState& s = op.state;
  const ElementwiseMode mode = op.elementwise_mode();
  if (static_cast<uint8_t>(mode) > static_cast<uint8_t>(ElementwiseMode::kShl)) {
    return ExecResult::parse("elementwise mode " + std::to_string(op.param & 0x3F) +
                             " is reserved");
  }
  const FmShape shape = ofm_shape(s);
  if (static_cast<int32_t>(s.ifm.depth_m1) + 1 != shape.depth) {
    return ExecResult::parse("ELEMENTWISE IFM depth " + std::to_string(s.ifm.depth_m1 + 1) +
                             " differs from OFM depth " + std::to_string(shape.depth));
  }
  ExecResult result = memory.check_work(static_cast<uint64_t>(shape.height) *
                                        static_cast<uint64_t>(shape.width) *
                                        static_cast<uint64_t>(shape.depth));
  if (!result.ok()) return result;
  FeatureMap ifm;
  FeatureMap ifm2;
  FeatureMap ofm;
  if (!(result = FeatureMap::bind(s.ifm, shape, memory, "IFM", &ifm)).ok()) return result;
  if (!(result = FeatureMap::bind(s.ofm, shape, memory, "OFM", &ofm)).ok()) return result;
  const bool binary = !is_unary(mode);
  const bool scalar = binary && s.ifm2.scalar;
  const FmShape shape2 = {s.ifm2.broadcast_h ? 1 : shape.height,
                          s.ifm2.broadcast_w ? 1 : shape.width, s.ifm2.broadcast_c ? 1 : shape.depth};
  if (binary && !scalar) {
    if (!(result = FeatureMap::bind(s.ifm2, shape2, memory, "IFM2", &ifm2)).ok()) return result;
  }
  OutputStage stage;
  if (!(result = OutputStage::create(op, memory, &stage)).ok()) return result;

  const ElementwiseUnit unit(op);
  const int64_t scalar_b = static_cast<int64_t>(s.ifm2.scalar_value) - s.ifm2.zero_point;
  ResultCache cache(ifm, binary && !scalar ? &ifm2 : nullptr, ofm, memory,
                    cached ? static_cast<uint64_t>(shape.height) *
                                 static_cast<uint64_t>(shape.width) *
                                 static_cast<uint64_t>(shape.depth)
                           : 0);
  for (int32_t y = 0; y < shape.height; ++y) {
    for (int32_t x = 0; x < shape.width; ++x) {
      for (int32_t c = 0; c < shape.depth; ++c) {
        const int64_t raw_a = ifm.read(y, x, c);
        const int64_t raw_b = binary && !scalar
                                  ? ifm2.read(y < shape2.height ? y : 0, x < shape2.width ? x : 0,
                                              c < shape2.depth ? c : 0)
                                  : 0;
        const int64_t value = cache.get(raw_a, raw_b, [&]() {
          Operands in;
          in.a = raw_a - s.ifm.zero_point;
          if (binary) {
            in.b = scalar ? scalar_b : raw_b - s.ifm2.zero_point;
            if (s.ifm2.operand_swap) std::swap(in.a, in.b);
          }
          return stage.finish(unit.compute(in));
        });
        ofm.write(y, x, c, value);
      }
    }
  }
  if (ifm.access_fault() || ifm2.access_fault() || ofm.access_fault()) {
    return ExecResult::bus("feature-map access outside its region");
  }
  return ExecResult::success();
}

}  // namespace

ExecResult execute_elementwise(const isa::Operation& op, const NpuMemory& memory) {
  return run_elementwise(op, memory, true);
}

ExecResult execute_elementwise_reference(const isa::Operation& op, const NpuMemory& memory) {
  return run_elementwise(op, memory, false);
}

}  // namespace vnpu::sim
