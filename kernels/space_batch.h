// SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND and MIRROR_PAD on NHWC tensors (3-d
// NHC tensors are NH1C), as TFLite's reference_ops::SpaceToBatchND /
// BatchToSpaceND and TFLM mirror_pad.cc compute them, moving bytes of any
// element type.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

struct SpaceBatchParams {
  int32_t block_h = 1;
  int32_t block_w = 1;
  int32_t before_h = 0;  // padding (SPACE_TO_BATCH_ND) or crop (BATCH_TO_SPACE_ND) at the top
  int32_t before_w = 0;  // ... and at the left
  uint8_t pad_byte = 0;  // SPACE_TO_BATCH_ND: every byte of a padded element
  size_t element_bytes = 1;
};

// `input` and `output` are 4-d [batch, height, width, depth].
void space_to_batch_nd(const SpaceBatchParams& params, const Dims& input_dims, const uint8_t* input,
                       const Dims& output_dims, uint8_t* output);
void batch_to_space_nd(const SpaceBatchParams& params, const Dims& input_dims, const uint8_t* input,
                       const Dims& output_dims, uint8_t* output);

// MIRROR_PAD: `left[d]` elements before axis d; reflect excludes the edge
// element from the mirror (TFLM offset 1), symmetric includes it (offset 0).
struct MirrorPadParams {
  int32_t left[Dims::kMaxRank] = {};
  bool reflect = true;
  size_t element_bytes = 1;
};

void mirror_pad(const MirrorPadParams& params, const Dims& input_dims, const uint8_t* input,
                const Dims& output_dims, uint8_t* output);

}  // namespace vnpu::kernels
