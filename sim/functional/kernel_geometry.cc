#include "sim/functional/kernel_geometry.h"

#include <string>

namespace vnpu::sim {

ExecResult make_kernel_geometry(const isa::Operation& op, KernelGeometry* out) {
  const isa::RegisterState& s = op.state;
  KernelGeometry g;
  g.ofm = ofm_shape(s);
  g.stride_y = s.kernel.stride_y;
  g.stride_x = s.kernel.stride_x;
  g.dilation_y = s.kernel.dilation_y;
  g.dilation_x = s.kernel.dilation_x;
  if (g.stride_x < 1 || g.stride_y < 1 || g.dilation_x < 1 || g.dilation_y < 1) {
    return ExecResult::parse("kernel stride and dilation must be at least 1");
  }
  const int32_t extent_y = static_cast<int32_t>(s.kernel.height_m1) + 1;
  const int32_t extent_x = static_cast<int32_t>(s.kernel.width_m1) + 1;
  if (s.kernel.height_m1 % static_cast<uint32_t>(g.dilation_y) != 0 ||
      s.kernel.width_m1 % static_cast<uint32_t>(g.dilation_x) != 0) {
    return ExecResult::parse("KERNEL_HEIGHT_M1/WIDTH_M1 (" + std::to_string(s.kernel.height_m1) +
                             ", " + std::to_string(s.kernel.width_m1) +
                             ") are not multiples of the dilation");
  }
  g.kernel_height = static_cast<int32_t>(s.kernel.height_m1) / g.dilation_y + 1;
  g.kernel_width = static_cast<int32_t>(s.kernel.width_m1) / g.dilation_x + 1;
  g.pad_top = s.ifm.pad_top;
  g.pad_left = s.ifm.pad_left;
  g.upscaled_height = (g.ofm.height - 1) * g.stride_y + extent_y - s.ifm.pad_top - s.ifm.pad_bottom;
  g.upscaled_width = (g.ofm.width - 1) * g.stride_x + extent_x - s.ifm.pad_left - s.ifm.pad_right;
  if (g.upscaled_height <= 0 || g.upscaled_width <= 0) {
    return ExecResult::parse("padding (top " + std::to_string(s.ifm.pad_top) + ", bottom " +
                             std::to_string(s.ifm.pad_bottom) + ", left " +
                             std::to_string(s.ifm.pad_left) + ", right " +
                             std::to_string(s.ifm.pad_right) + ") leaves no IFM element");
  }
  g.upscale = s.ifm.upscale;
  if (g.upscale != isa::UpscaleMode::kNone && g.upscale != isa::UpscaleMode::kNearest &&
      g.upscale != isa::UpscaleMode::kZeros) {
    return ExecResult::parse("IFM_UPSCALE mode " + std::to_string(static_cast<int>(g.upscale)) +
                             " is reserved");
  }
  const bool up = g.upscale != isa::UpscaleMode::kNone;
  g.ifm.height = up ? (g.upscaled_height + 1) / 2 : g.upscaled_height;
  g.ifm.width = up ? (g.upscaled_width + 1) / 2 : g.upscaled_width;
  g.ifm.depth = static_cast<int32_t>(s.ifm.depth_m1) + 1;
  *out = g;
  return ExecResult::success();
}

}  // namespace vnpu::sim
