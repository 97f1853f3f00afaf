#include "sim/functional/elementwise.h"

#include <string>
#include <utility>

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

}  // namespace

ExecResult execute_elementwise(const isa::Operation& op, const NpuMemory& memory) {
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
  for (int32_t y = 0; y < shape.height; ++y) {
    for (int32_t x = 0; x < shape.width; ++x) {
      for (int32_t c = 0; c < shape.depth; ++c) {
        Operands in;
        in.a = ifm.read(y, x, c) - s.ifm.zero_point;
        if (binary) {
          in.b = scalar ? scalar_b
                        : ifm2.read(y < shape2.height ? y : 0, x < shape2.width ? x : 0,
                                    c < shape2.depth ? c : 0) -
                              s.ifm2.zero_point;
          if (s.ifm2.operand_swap) std::swap(in.a, in.b);
        }
        ofm.write(y, x, c, stage.finish(unit.compute(in)));
      }
    }
  }
  if (ifm.access_fault() || ifm2.access_fault() || ofm.access_fault()) {
    return ExecResult::bus("feature-map access outside its region");
  }
  return ExecResult::success();
}

}  // namespace vnpu::sim
