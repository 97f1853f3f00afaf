#include "kernels/resize.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace vnpu::kernels {
namespace {

// TFLite ResizeBilinearInteger's scale: input/output in 10-bit fixed point, rounded.
int32_t scale_10(int32_t in_size, int32_t out_size, bool align_corners) {
  if (align_corners && out_size > 1) {
    return ((1 << 10) * (in_size - 1) + (out_size - 1) / 2) / (out_size - 1);
  }
  return ((1 << 10) * in_size + out_size / 2) / out_size;
}

struct Interpolation {
  int32_t position;  // 10-bit fixed point
  int32_t lower;
  int32_t upper;
};

// TFLite ComputeInterpolationValuesInteger.
Interpolation interpolation(int32_t value, int32_t scale, bool half_pixel_centers,
                            int32_t in_size) {
  Interpolation result;
  result.position = half_pixel_centers ? value * scale + scale / 2 - (1 << 9) : value * scale;
  result.lower = std::max(result.position / (1 << 10), int32_t{0});
  result.upper = std::min((result.position + (1 << 10) - 1) / (1 << 10), in_size - 1);
  return result;
}

}  // namespace

BilinearSource bilinear_source(int32_t out_index, int32_t in_size, int32_t out_size,
                               const ResizeParams& params) {
  const Interpolation i =
      interpolation(out_index, scale_10(in_size, out_size, params.align_corners),
                    params.half_pixel_centers, in_size);
  return {i.position, i.lower, i.upper};
}

// TFLite GetNearestNeighbor, in float as the reference computes it.
int32_t nearest_neighbor_index(int32_t out_index, int32_t in_size, int32_t out_size,
                               const ResizeParams& p) {
  const float scale = (p.align_corners && out_size > 1)
                          ? static_cast<float>(in_size - 1) / static_cast<float>(out_size - 1)
                          : static_cast<float>(in_size) / static_cast<float>(out_size);
  const float offset = p.half_pixel_centers ? 0.5f : 0.0f;
  const float position = (static_cast<float>(out_index) + offset) * scale;
  int32_t in_index = p.align_corners ? static_cast<int32_t>(std::round(position))
                                     : static_cast<int32_t>(std::floor(position));
  in_index = std::min(in_index, in_size - 1);
  if (p.half_pixel_centers) in_index = std::max(in_index, int32_t{0});
  return in_index;
}

void resize_nearest_neighbor(const ResizeParams& p, const Dims& in, const uint8_t* input,
                             const Dims& out, uint8_t* output) {
  const auto depth_bytes = static_cast<size_t>(in[3]) * p.element_bytes;
  uint8_t* dst = output;
  for (int32_t b = 0; b < out[0]; ++b) {
    for (int32_t y = 0; y < out[1]; ++y) {
      const int32_t in_y = nearest_neighbor_index(y, in[1], out[1], p);
      for (int32_t x = 0; x < out[2]; ++x) {
        const int32_t in_x = nearest_neighbor_index(x, in[2], out[2], p);
        std::memcpy(dst, input + static_cast<size_t>(in.offset(b, in_y, in_x, 0)) * p.element_bytes,
                    depth_bytes);
        dst += depth_bytes;
      }
    }
  }
}

void s8_resize_bilinear(const ResizeParams& p, const Dims& in, const int8_t* input, const Dims& out,
                        int8_t* output) {
  const int32_t height_scale = scale_10(in[1], out[1], p.align_corners);
  const int32_t width_scale = scale_10(in[2], out[2], p.align_corners);
  const int32_t depth = in[3];
  constexpr int64_t kOne = 1 << 10;
  for (int32_t b = 0; b < out[0]; ++b) {
    for (int32_t y = 0; y < out[1]; ++y) {
      const Interpolation iy = interpolation(y, height_scale, p.half_pixel_centers, in[1]);
      const int64_t dy = iy.position - kOne * iy.lower;
      for (int32_t x = 0; x < out[2]; ++x) {
        const Interpolation ix = interpolation(x, width_scale, p.half_pixel_centers, in[2]);
        const int64_t dx = ix.position - kOne * ix.lower;
        const int8_t* ll = input + in.offset(b, iy.lower, ix.lower, 0);
        const int8_t* lu = input + in.offset(b, iy.upper, ix.lower, 0);
        const int8_t* rl = input + in.offset(b, iy.lower, ix.upper, 0);
        const int8_t* ru = input + in.offset(b, iy.upper, ix.upper, 0);
        int8_t* dst = output + out.offset(b, y, x, 0);
        for (int32_t c = 0; c < depth; ++c) {
          const int64_t sum = ll[c] * (kOne - dy) * (kOne - dx) + lu[c] * dy * (kOne - dx) +
                              rl[c] * (kOne - dy) * dx + ru[c] * dy * dx;
          // Double rounding: half away from zero, then truncating division.
          const int64_t round = sum > 0 ? (int64_t{1} << 19) : -(int64_t{1} << 19);
          dst[c] = static_cast<int8_t>((sum + round) / (int64_t{1} << 20));
        }
      }
    }
  }
}

}  // namespace vnpu::kernels
