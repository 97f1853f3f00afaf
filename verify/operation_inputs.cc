#include "verify/operation_inputs.h"

#include "isa/operation_summary.h"
#include "sim/functional/feature_map.h"
#include "sim/functional/functional_npu.h"
#include "sim/functional/kernel_geometry.h"

namespace vnpu::verify {
namespace {

constexpr int32_t kMaxListedValues = 32;

std::vector<std::string> window(const isa::Operation& operation, const sim::NpuMemory& memory,
                                const std::array<int64_t, 4>& at) {
  sim::KernelGeometry g;
  sim::ExecResult result = sim::make_kernel_geometry(operation, &g);
  sim::FeatureMap ifm;
  if (result.ok()) result = sim::FeatureMap::bind(operation.state.ifm, g.ifm, memory, "IFM", &ifm);
  if (!result.ok()) return {"IFM not readable: " + result.message};
  const bool all_channels = operation.kind == isa::OperationKind::kConv;
  const auto oy = static_cast<int32_t>(at[1]), ox = static_cast<int32_t>(at[2]);
  const auto channel = static_cast<int32_t>(at[3]);
  const int32_t y0 = oy * g.stride_y - g.pad_top, x0 = ox * g.stride_x - g.pad_left;
  std::string values;
  int32_t listed = 0, total = 0;
  for (int32_t ky = 0; ky < g.kernel_height; ++ky) {
    for (int32_t kx = 0; kx < g.kernel_width; ++kx) {
      int32_t sy = 0, sx = 0;
      const bool inside = g.source(y0 + ky * g.dilation_y, x0 + kx * g.dilation_x, &sy, &sx);
      for (int32_t c = all_channels ? 0 : channel; c < (all_channels ? g.ifm.depth : channel + 1);
           ++c) {
        if (++total > kMaxListedValues) continue;
        ++listed;
        values += (inside ? std::to_string(ifm.read(sy, sx, c)) : std::string("pad")) + " ";
      }
    }
  }
  std::string line =
      "IFM window from row " + std::to_string(y0) + ", col " + std::to_string(x0) + " (" +
      std::to_string(g.kernel_height) + "x" + std::to_string(g.kernel_width) + " taps, stride " +
      std::to_string(g.stride_y) + "x" + std::to_string(g.stride_x) + ", " +
      (all_channels ? "all channels" : "channel " + std::to_string(channel)) + "): " + values;
  if (total > listed) line += "... (" + std::to_string(total) + " values)";
  return {line};
}

std::vector<std::string> operands(const isa::Operation& operation, const sim::NpuMemory& memory,
                                  const std::array<int64_t, 4>& at) {
  const isa::RegisterState& s = operation.state;
  const sim::FmShape shape = sim::ofm_shape(s);
  const auto y = static_cast<int32_t>(at[1]), x = static_cast<int32_t>(at[2]),
             c = static_cast<int32_t>(at[3]);
  sim::FeatureMap ifm;
  sim::ExecResult result = sim::FeatureMap::bind(s.ifm, shape, memory, "IFM", &ifm);
  if (!result.ok()) return {"IFM not readable: " + result.message};
  std::vector<std::string> lines = {"IFM (" + std::to_string(y) + ", " + std::to_string(x) + ", " +
                                    std::to_string(c) + ") = " + std::to_string(ifm.read(y, x, c)) +
                                    " (zero point " + std::to_string(s.ifm.zero_point) + ")"};
  const isa::ElementwiseMode mode = operation.elementwise_mode();
  if (mode == isa::ElementwiseMode::kAbs || mode == isa::ElementwiseMode::kClz ||
      mode == isa::ElementwiseMode::kLrelu) {
    return lines;  // unary
  }
  if (s.ifm2.scalar) {
    lines.push_back("IFM2 scalar = " + std::to_string(s.ifm2.scalar_value));
    return lines;
  }
  const sim::FmShape shape2 = {s.ifm2.broadcast_h ? 1 : shape.height,
                               s.ifm2.broadcast_w ? 1 : shape.width,
                               s.ifm2.broadcast_c ? 1 : shape.depth};
  sim::FeatureMap ifm2;
  result = sim::FeatureMap::bind(s.ifm2, shape2, memory, "IFM2", &ifm2);
  if (!result.ok()) {
    lines.push_back("IFM2 not readable: " + result.message);
    return lines;
  }
  const int32_t y2 = s.ifm2.broadcast_h ? 0 : y, x2 = s.ifm2.broadcast_w ? 0 : x,
                c2 = s.ifm2.broadcast_c ? 0 : c;
  lines.push_back("IFM2 (" + std::to_string(y2) + ", " + std::to_string(x2) + ", " +
                  std::to_string(c2) + ") = " + std::to_string(ifm2.read(y2, x2, c2)) +
                  " (zero point " + std::to_string(s.ifm2.zero_point) + ")");
  return lines;
}

}  // namespace

std::vector<std::string> operation_inputs(const isa::Operation& operation,
                                          NpuMemorySnapshot& before,
                                          const std::array<int64_t, 4>& at) {
  const SnapshotMemory memory(before);
  if (operation.kind == isa::OperationKind::kElementwise) {
    return operands(operation, memory.memory, at);
  }
  return window(operation, memory.memory, at);
}

}  // namespace vnpu::verify
