#include "kernels/optimized/depthwise_conv2d_fast.h"

#include <algorithm>

#include "kernels/optimized/depthwise_rows.h"

namespace vnpu::kernels {
namespace {

int64_t row_buffer_width(const DepthwiseConvParams& params, const PackedDepthwiseFilter& packed,
                         const Dims& output_dims) {
  if (output_dims[0] <= 0 || output_dims[1] <= 0 || output_dims[2] <= 0) return 0;
  return (int64_t{output_dims[2]} - 1) * params.stride_w +
         (int64_t{packed.k_w} - 1) * params.dilation_w + 1;
}

// Packs filter [1, KH, KW, C] per 16-channel vector as [chunk][kx][64
// elements laid out by depthwise_lane_index], filter row ky at slot
// ky + slot_shift (chunks of 4 slots).
template <typename T>
void pack_weights(const int8_t* filter, int32_t slot_shift, std::vector<T>* out,
                  const PackedDepthwiseFilter& packed) {
  const bool pairs = sizeof(T) == 2;
  const int32_t vectors = packed.padded_channels / kVectorChannels;
  const int64_t vector_elements = int64_t{packed.chunks} * packed.k_w * 64;
  out->assign(static_cast<size_t>(vectors * vector_elements), 0);
  for (int32_t c = 0; c < packed.channels; ++c) {
    T* dst = out->data() + (c / kVectorChannels) * vector_elements;
    for (int32_t ky = 0; ky < packed.k_h; ++ky) {
      const int32_t slot = ky + slot_shift;
      for (int32_t kx = 0; kx < packed.k_w; ++kx) {
        const int64_t tap = int64_t{slot / 4} * packed.k_w + kx;
        dst[tap * 64 + depthwise_lane_index(pairs, c % kVectorChannels, slot % 4)] =
            filter[(int64_t{ky} * packed.k_w + kx) * packed.channels + c];
      }
    }
  }
}

// Row buffer for output row oy in element type T (uint8 quads or uint16 pairs).
template <typename T>
void build_rows(const DepthwiseArgs& args, int32_t b, int32_t oy) {
  const PackedDepthwiseFilter& packed = *args.packed;
  const bool pairs = sizeof(T) == 2;
  const auto pad = static_cast<T>(128 - packed.input_offset);
  for (int32_t t = 0; t < packed.chunks; ++t) {
    for (int64_t x = 0; x < args.padded_w; ++x) {
      const int64_t ix = x - args.params->pad_left;
      T* dst = reinterpret_cast<T*>(args.rows + args.row_offset(t, x, 0));
      for (int32_t j = 0; j < 4; ++j) {
        const int64_t iy = args.input_row(oy, 4 * t + j);
        const bool inside = iy >= 0 && iy < args.in_h && ix >= 0 && ix < args.in_w;
        const int8_t* src =
            inside ? args.input + ((int64_t{b} * args.in_h + iy) * args.in_w + ix) * args.in_depth
                   : nullptr;
        const int32_t real = src != nullptr ? packed.channels : 0;
        const int32_t multiplier = packed.depth_multiplier;
        for (int32_t c = 0; c < real; ++c) {
          const int8_t value = multiplier == 1 ? src[c] : src[c / multiplier];
          dst[depthwise_lane_index(pairs, c, j)] =
              static_cast<T>(static_cast<uint8_t>(value ^ 0x80));
        }
        for (int32_t c = real; c < packed.padded_channels; ++c) {
          dst[depthwise_lane_index(pairs, c, j)] = pad;
        }
      }
    }
  }
}

}  // namespace

PackedDepthwiseFilter pack_s8_depthwise_conv2d_filter(const DepthwiseConvParams& params,
                                                      const Dims& filter_dims, const int8_t* filter,
                                                      Isa isa) {
  PackedDepthwiseFilter packed;
  packed.isa = usable_isa(isa);
  packed.input_offset = params.input_offset;
  packed.exact_fold = params.input_offset >= -127 && params.input_offset <= 128;
  packed.k_h = filter_dims[1];
  packed.k_w = filter_dims[2];
  packed.channels = filter_dims[3];
  packed.depth_multiplier = params.depth_multiplier;
  packed.chunks = (packed.k_h + 3) / 4;
  packed.padded_channels =
      (packed.channels + kVectorChannels - 1) / kVectorChannels * kVectorChannels;
  if (packed.isa == Isa::kAvx2) {
    pack_weights(filter, 0, &packed.weights16, packed);
    if (packed.k_h <= 3) pack_weights(filter, 1, &packed.next_row_weights16, packed);
  } else {
    pack_weights(filter, 0, &packed.weights, packed);
    if (packed.k_h <= 3) pack_weights(filter, 1, &packed.next_row_weights, packed);
  }
  packed.offset_terms.assign(static_cast<size_t>(packed.channels), 0);
  const auto factor = static_cast<uint32_t>(params.input_offset - 128);
  for (int32_t c = 0; c < packed.channels; ++c) {
    uint32_t sum = 0;
    for (int64_t tap = 0; tap < int64_t{packed.k_h} * packed.k_w; ++tap) {
      sum += static_cast<uint32_t>(int32_t{filter[tap * packed.channels + c]});
    }
    packed.offset_terms[static_cast<size_t>(c)] = static_cast<int32_t>(sum * factor);
  }
  return packed;
}

size_t s8_depthwise_conv2d_fast_scratch_bytes(const DepthwiseConvParams& params,
                                              const PackedDepthwiseFilter& packed,
                                              const Dims& output_dims) {
  if (!packed.exact_fold) return 0;
  // Saturates (a size no caller can allocate) instead of overflowing.
  int64_t bytes = int64_t{packed.chunks};
  for (int64_t factor :
       {row_buffer_width(params, packed, output_dims), int64_t{packed.padded_channels} * 4,
        int64_t{packed.isa == Isa::kAvx2 ? 2 : 1}}) {
    if (__builtin_mul_overflow(bytes, factor, &bytes)) return SIZE_MAX;
  }
  return static_cast<size_t>(bytes);
}

void build_depthwise_rows_portable(const DepthwiseArgs& args, int32_t b, int32_t oy) {
  if (args.element_bytes == 2) {
    build_rows<uint16_t>(args, b, oy);
  } else {
    build_rows<uint8_t>(args, b, oy);
  }
}

namespace {

// One output of one 16-channel vector: acc[lane] += quad dot products over the
// taps (a loop shape compilers vectorize).
void portable_vector_output(const DepthwiseArgs& args, const int8_t* weights, int64_t x0,
                            int32_t channel, uint32_t* acc) {
  const PackedDepthwiseFilter& packed = *args.packed;
  for (int32_t t = 0; t < packed.chunks; ++t) {
    for (int32_t kx = 0; kx < packed.k_w; ++kx, weights += 64) {
      const uint8_t* u =
          args.rows + args.row_offset(t, x0 + int64_t{kx} * args.params->dilation_w, channel);
      for (int32_t lane = 0; lane < kVectorChannels; ++lane) {
        const uint8_t* ul = u + lane * 4;
        const int8_t* wl = weights + lane * 4;
        acc[lane] +=
            static_cast<uint32_t>(ul[0] * wl[0] + ul[1] * wl[1] + ul[2] * wl[2] + ul[3] * wl[3]);
      }
    }
  }
}

}  // namespace

void depthwise_portable(const DepthwiseArgs& args) {
  const PackedDepthwiseFilter& packed = *args.packed;
  RequantBlock block;
  uint32_t acc[kVectorChannels];
  for (int32_t b = 0; b < args.batches; ++b) {
    for (int32_t oy = 0; oy < args.out_h; ++oy) {
      build_depthwise_rows_portable(args, b, oy);
      int8_t* out_row = args.output + (int64_t{b} * args.out_h + oy) * args.out_w * packed.channels;
      for (int32_t first = 0; first < packed.channels; first += kBlockChannels) {
        const int32_t count = std::min(kBlockChannels, packed.channels - first);
        fill_requant_block(first, count, args.multipliers, true, args.bias,
                           packed.offset_terms.data(), &block);
        for (int32_t v = 0; v * kVectorChannels < count; ++v) {
          const int32_t channel = first + v * kVectorChannels;
          const int32_t lanes = std::min(kVectorChannels, count - v * kVectorChannels);
          const int8_t* weights = packed.vector_weights(channel / kVectorChannels);
          const int32_t* init = block.init + v * kVectorChannels;
          for (int32_t ox = 0; ox < args.out_w; ++ox) {
            for (int32_t lane = 0; lane < kVectorChannels; ++lane) {
              acc[lane] = static_cast<uint32_t>(init[lane]);
            }
            portable_vector_output(args, weights, int64_t{ox} * args.params->stride_w, channel,
                                   acc);
            int8_t* out = out_row + int64_t{ox} * packed.channels + channel;
            for (int32_t lane = 0; lane < lanes; ++lane) {
              const int32_t i = v * kVectorChannels + lane;
              out[lane] =
                  requantize_portable(acc[lane], block.multiplier[i], block.shift[i], args.stage);
            }
          }
        }
      }
    }
  }
}

void s8_depthwise_conv2d_fast(const DepthwiseConvParams& params,
                              const QuantizedMultiplier* channel_multipliers,
                              const Dims& input_dims, const int8_t* input, const Dims& filter_dims,
                              const int8_t* filter, const int32_t* bias, const Dims& output_dims,
                              int8_t* output, const PackedDepthwiseFilter& packed,
                              uint8_t* scratch) {
  if (!packed.exact_fold || params.input_offset != packed.input_offset) {
    s8_depthwise_conv2d(params, channel_multipliers, input_dims, input, filter_dims, filter, bias,
                        output_dims, output);
    return;
  }
  DepthwiseArgs args;
  args.params = &params;
  args.packed = &packed;
  args.multipliers = channel_multipliers;
  args.input = input;
  args.bias = bias;
  args.output = output;
  args.rows = scratch;
  args.batches = input_dims[0];
  args.in_h = input_dims[1];
  args.in_w = input_dims[2];
  args.in_depth = input_dims[3];
  args.out_h = output_dims[1];
  args.out_w = output_dims[2];
  args.padded_w = row_buffer_width(params, packed, output_dims);
  args.stage = {params.output_offset, params.activation_min, params.activation_max};
  args.element_bytes = packed.isa == Isa::kAvx2 ? 2 : 1;
  switch (packed.isa) {
    case Isa::kAvx512Vnni:
      return depthwise_avx512(args);
    case Isa::kAvx2:
      return depthwise_avx2(args);
    case Isa::kPortable:
      break;
  }
  depthwise_portable(args);
}

}  // namespace vnpu::kernels
