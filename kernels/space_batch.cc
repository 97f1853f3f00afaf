#include "kernels/space_batch.h"

#include <algorithm>
#include <cstring>

#include "kernels/copy_view.h"

namespace vnpu::kernels {

void space_to_batch_nd(const SpaceBatchParams& p, const Dims& in, const uint8_t* input,
                       const Dims& out, uint8_t* output) {
  const auto depth_bytes = static_cast<size_t>(in[3]) * p.element_bytes;
  for (int32_t out_b = 0; out_b < out[0]; ++out_b) {
    const int32_t in_b = out_b % in[0];
    const int32_t shift_w = (out_b / in[0]) % p.block_w;
    const int32_t shift_h = (out_b / in[0]) / p.block_w;
    for (int32_t out_h = 0; out_h < out[1]; ++out_h) {
      const int32_t in_h = out_h * p.block_h + shift_h - p.before_h;
      for (int32_t out_w = 0; out_w < out[2]; ++out_w) {
        const int32_t in_w = out_w * p.block_w + shift_w - p.before_w;
        uint8_t* dst = output + static_cast<size_t>(out.offset(out_b, out_h, out_w, 0)) * p.element_bytes;
        if (in_h < 0 || in_h >= in[1] || in_w < 0 || in_w >= in[2]) {
          std::memset(dst, p.pad_byte, depth_bytes);
        } else {
          std::memcpy(dst, input + static_cast<size_t>(in.offset(in_b, in_h, in_w, 0)) * p.element_bytes,
                      depth_bytes);
        }
      }
    }
  }
}

void batch_to_space_nd(const SpaceBatchParams& p, const Dims& in, const uint8_t* input,
                       const Dims& out, uint8_t* output) {
  const auto depth_bytes = static_cast<size_t>(in[3]) * p.element_bytes;
  for (int32_t in_b = 0; in_b < in[0]; ++in_b) {
    const int32_t out_b = in_b % out[0];
    const int32_t spatial = in_b / out[0];
    for (int32_t in_h = 0; in_h < in[1]; ++in_h) {
      const int32_t out_h = in_h * p.block_h + spatial / p.block_w - p.before_h;
      if (out_h < 0 || out_h >= out[1]) continue;
      for (int32_t in_w = 0; in_w < in[2]; ++in_w) {
        const int32_t out_w = in_w * p.block_w + spatial % p.block_w - p.before_w;
        if (out_w < 0 || out_w >= out[2]) continue;
        std::memcpy(output + static_cast<size_t>(out.offset(out_b, out_h, out_w, 0)) * p.element_bytes,
                    input + static_cast<size_t>(in.offset(in_b, in_h, in_w, 0)) * p.element_bytes,
                    depth_bytes);
      }
    }
  }
}

namespace {

// TFLM GetInputDimension: the input index mirrored into a padded position.
int64_t mirrored_index(int64_t padded, int64_t left, int64_t size, int64_t offset) {
  if (padded < left) {
    const int64_t original = left + offset - 1;
    return original - std::min(padded, original - offset);
  }
  padded -= left;
  if (padded >= size) {
    padded -= size;
    const int64_t original = size - (1 + offset);
    return original - std::min(padded, original);
  }
  return padded;
}

}  // namespace

void mirror_pad(const MirrorPadParams& p, const Dims& in, const uint8_t* input, const Dims& out,
                uint8_t* output) {
  const auto in_strides = row_major_strides(in);
  const auto out_strides = row_major_strides(out);
  const int64_t offset = p.reflect ? 1 : 0;
  const int64_t count = out.flat_size();
  for (int64_t i = 0; i < count; ++i) {
    int64_t rest = i;
    int64_t from = 0;
    for (int d = 0; d < out.rank(); ++d) {
      const auto a = static_cast<size_t>(d);
      const int64_t index = rest / out_strides[a];
      rest %= out_strides[a];
      from += mirrored_index(index, p.left[a], in[d], offset) * in_strides[a];
    }
    std::memcpy(output + static_cast<size_t>(i) * p.element_bytes,
                input + static_cast<size_t>(from) * p.element_bytes, p.element_bytes);
  }
}

}  // namespace vnpu::kernels
