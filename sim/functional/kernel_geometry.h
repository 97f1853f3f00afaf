// Kernel traversal geometry of CONV, DEPTHWISE and POOL: kernel size, stride,
// dilation, padding, IFM upscaling, and which stored IFM element (if any) an
// upscaled-and-padded input position reads.
//
// The IFM has no height/width registers: the rows and columns an operation
// reads follow from the OFM size, the stride, the dilated kernel extent and
// the padding, exactly as for TFLite's SAME/VALID output sizes:
//   upscaled IFM height = (OFM height - 1) * stride_y + (KERNEL_HEIGHT_M1 + 1)
//                         - pad_top - pad_bottom          (width alike)
// Positions above/left of 0 or beyond that extent are padding. With 2x upscale
// the stored IFM has ceil(extent / 2) rows; NEAREST reads stored row y / 2,
// ZEROS reads it for even y only and gives padding for odd y.
#pragma once

#include <cstdint>

#include "isa/register_state.h"
#include "sim/functional/exec_result.h"
#include "sim/functional/feature_map.h"

namespace vnpu::sim {

struct KernelGeometry {
  int32_t kernel_height = 1;  // taps, undilated
  int32_t kernel_width = 1;
  int32_t stride_y = 1;
  int32_t stride_x = 1;
  int32_t dilation_y = 1;
  int32_t dilation_x = 1;
  int32_t pad_top = 0;
  int32_t pad_left = 0;
  int32_t upscaled_height = 1;  // IFM extent after upscaling, before padding
  int32_t upscaled_width = 1;
  isa::UpscaleMode upscale = isa::UpscaleMode::kNone;
  FmShape ofm;
  FmShape ifm;  // the stored IFM

  // Maps the upscaled position (y, x) to a stored IFM row/column; false when
  // the position is padding or an inserted zero.
  bool source(int32_t y, int32_t x, int32_t* stored_y, int32_t* stored_x) const {
    if (y < 0 || x < 0 || y >= upscaled_height || x >= upscaled_width) return false;
    if (upscale == isa::UpscaleMode::kNone) {
      *stored_y = y;
      *stored_x = x;
      return true;
    }
    if (upscale == isa::UpscaleMode::kZeros && ((y & 1) != 0 || (x & 1) != 0)) return false;
    *stored_y = y / 2;
    *stored_x = x / 2;
    return true;
  }
};

// Derives the geometry of a CONV, DEPTHWISE or POOL operation; command-parse
// fault when the kernel extent is not a multiple of the dilation, the padding
// leaves no input, or the upscale mode is reserved.
ExecResult make_kernel_geometry(const isa::Operation& op, KernelGeometry* out);

// Element steps of a kernel operation: OFM elements x kernel taps x `channels_per_tap`.
inline uint64_t kernel_work(const KernelGeometry& g, int32_t channels_per_tap) {
  return static_cast<uint64_t>(g.ofm.height) * static_cast<uint64_t>(g.ofm.width) *
         static_cast<uint64_t>(g.ofm.depth) * static_cast<uint64_t>(g.kernel_height) *
         static_cast<uint64_t>(g.kernel_width) * static_cast<uint64_t>(channels_per_tap);
}

// OFM shape of any block operation.
inline FmShape ofm_shape(const isa::RegisterState& s) {
  return {static_cast<int32_t>(s.ofm.height_m1) + 1, static_cast<int32_t>(s.ofm.width_m1) + 1,
          static_cast<int32_t>(s.ofm.depth_m1) + 1};
}

}  // namespace vnpu::sim
