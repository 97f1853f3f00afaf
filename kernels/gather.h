// GATHER, GATHER_ND and EMBEDDING_LOOKUP as TFLM gather.cc, gather_nd.cc and
// embedding_lookup.cc compute them: slices of the params tensor picked by
// index tensors, copied as bytes (any element type). An index outside the
// params is not read: the kernel stops and returns false (TFLM reports an
// error there too) and returns the offending index, and the caller reports it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace vnpu::kernels {

// The outcome of a gather: ok, or the first index outside [0, limit).
struct IndexCheck {
  bool ok = true;
  int64_t index = 0;
  int64_t limit = 0;
};

// GATHER, in TFLM's terms: params is [batch, outer, axis_size, inner] and the
// indices are [batch, coords]; the output is [batch, outer, coords, inner].
struct GatherParams {
  int64_t batch = 1;
  int64_t outer = 1;
  int64_t axis_size = 1;
  int64_t inner = 1;
  int64_t coords = 1;
  size_t element_bytes = 1;
};

// Indices are int32 or int64 (`index_bytes` 4 or 8).
IndexCheck gather(const GatherParams& params, const uint8_t* input, const void* indices,
            size_t index_bytes, uint8_t* output);

// GATHER_ND: `count` index tuples of `depth` values each address a slice of
// `slice_elements` elements of params; `dims`/`strides` are the sizes and
// element strides of params' first `depth` axes.
struct GatherNdParams {
  static constexpr int kMaxDepth = 8;
  int64_t count = 0;
  int depth = 0;
  int64_t dims[kMaxDepth] = {};
  int64_t strides[kMaxDepth] = {};
  int64_t slice_elements = 1;
  size_t element_bytes = 1;
};

IndexCheck gather_nd(const GatherNdParams& params, const uint8_t* input, const void* indices,
               size_t index_bytes, uint8_t* output);

// EMBEDDING_LOOKUP with int8 rows dequantized to float (zero point 0): output
// row i = value row ids[i] * scale.
IndexCheck s8_embedding_lookup_f32(const int32_t* ids, int64_t id_count, const int8_t* value, int64_t rows,
                             int64_t columns, float scale, float* output);

}  // namespace vnpu::kernels
