#include "sim/functional/pooling.h"

#include <algorithm>
#include <string>

#include "sim/functional/feature_map.h"
#include "sim/functional/kernel_geometry.h"
#include "sim/functional/output_stage.h"

namespace vnpu::sim {
namespace {

struct Window {
  int64_t sum = 0;
  int64_t max = INT64_MIN;
  int64_t count = 0;
};

// TFLite's average: (sum +- count/2) / count, rounding half away from zero.
int64_t divide_rounded(int64_t sum, int64_t count) {
  return sum >= 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

}  // namespace

ExecResult execute_pooling(const isa::Operation& op, const NpuMemory& memory) {
  const isa::RegisterState& s = op.state;
  const isa::PoolingMode mode = op.pooling_mode();
  if (mode != isa::PoolingMode::kMax && mode != isa::PoolingMode::kAverage &&
      mode != isa::PoolingMode::kReduceSum) {
    return ExecResult::parse("pooling mode " + std::to_string(op.param & 0x7) + " is reserved");
  }
  KernelGeometry g;
  ExecResult result = make_kernel_geometry(op, &g);
  if (!result.ok()) return result;
  const bool all_channels = mode == isa::PoolingMode::kReduceSum && g.ofm.depth == 1;
  if (!all_channels && g.ofm.depth > g.ifm.depth) {
    return ExecResult::parse("POOL OFM depth " + std::to_string(g.ofm.depth) +
                             " exceeds IFM depth " + std::to_string(g.ifm.depth));
  }
  if (!(result = memory.check_work(kernel_work(g, all_channels ? g.ifm.depth : 1))).ok()) {
    return result;
  }
  FeatureMap ifm;
  FeatureMap ofm;
  if (!(result = FeatureMap::bind(s.ifm, g.ifm, memory, "IFM", &ifm)).ok()) return result;
  if (!(result = FeatureMap::bind(s.ofm, g.ofm, memory, "OFM", &ofm)).ok()) return result;
  OutputStage stage;
  if (!(result = OutputStage::create(op, memory, &stage)).ok()) return result;

  const int64_t zero_point = s.ifm.zero_point;
  for (int32_t oy = 0; oy < g.ofm.height; ++oy) {
    for (int32_t ox = 0; ox < g.ofm.width; ++ox) {
      for (int32_t oc = 0; oc < g.ofm.depth; ++oc) {
        Window w;
        const int32_t first_c = all_channels ? 0 : oc;
        const int32_t last_c = all_channels ? g.ifm.depth - 1 : oc;
        for (int32_t ky = 0; ky < g.kernel_height; ++ky) {
          for (int32_t kx = 0; kx < g.kernel_width; ++kx) {
            int32_t y = 0;
            int32_t x = 0;
            if (!g.source(oy * g.stride_y - g.pad_top + ky * g.dilation_y,
                          ox * g.stride_x - g.pad_left + kx * g.dilation_x, &y, &x)) {
              continue;
            }
            for (int32_t c = first_c; c <= last_c; ++c) {
              const int64_t v = ifm.read(y, x, c) - zero_point;
              w.sum += v;
              w.max = std::max(w.max, v);
              ++w.count;
            }
          }
        }
        int64_t value = mode == isa::PoolingMode::kMax ? (w.count > 0 ? w.max : 0) : w.sum;
        if (s.ofm.global_scale) {
          value = scale_value(value, s.ofm_scale.multiplier, s.ofm_scale.shift, s.ofm.round_mode);
        } else if (mode == isa::PoolingMode::kAverage) {
          value = w.count > 0 ? divide_rounded(w.sum, w.count) : 0;
        }
        ofm.write(oy, ox, oc, stage.finish(value));
      }
    }
  }
  if (ifm.access_fault() || ofm.access_fault()) {
    return ExecResult::bus("feature-map access outside its region");
  }
  return ExecResult::success();
}

}  // namespace vnpu::sim
