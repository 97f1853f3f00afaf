#include "kernels/optimized/conv2d_fast.h"

namespace vnpu::kernels {

PackedConvFilter pack_s8_conv2d_filter(const ConvParams& params, const Dims& input_dims,
                                       const Dims& filter_dims, const int8_t* filter, Isa isa) {
  const int32_t groups = input_dims[3] / filter_dims[3];
  return pack_conv_filter(params.input_offset, groups, filter_dims, filter, isa);
}

size_t s8_conv2d_fast_scratch_bytes(const ConvParams& params, const PackedConvFilter& packed,
                                    const Dims& input_dims, const Dims& output_dims) {
  if (!packed.exact_fold) return 0;
  return static_cast<size_t>(
      make_conv_shape(params, packed, input_dims, output_dims).image_bytes());
}

void s8_conv2d_fast(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
                    const Dims& input_dims, const int8_t* input, const Dims& filter_dims,
                    const int8_t* filter, const int32_t* bias, const Dims& output_dims,
                    int8_t* output, const PackedConvFilter& packed, uint8_t* scratch) {
  if (!packed.exact_fold || params.input_offset != packed.input_offset) {
    s8_conv2d(params, channel_multipliers, input_dims, input, filter_dims, filter, bias,
              output_dims, output);
    return;
  }
  const ConvShape shape = make_conv_shape(params, packed, input_dims, output_dims);
  build_padded_image(shape, packed, input, scratch);
  ConvGemmArgs args;
  args.shape = &shape;
  args.packed = &packed;
  args.image = scratch;
  args.bias = bias;
  args.multipliers = channel_multipliers;
  args.per_channel = true;
  args.stage = {params.output_offset, params.activation_min, params.activation_max};
  args.output = output;
  conv_gemm(args);
}

}  // namespace vnpu::kernels
