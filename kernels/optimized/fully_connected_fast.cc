#include "kernels/optimized/fully_connected_fast.h"

namespace vnpu::kernels {
namespace {

constexpr int64_t kAlignBytes = 64;

int64_t align_up(int64_t bytes) { return (bytes + kAlignBytes - 1) / kAlignBytes * kAlignBytes; }

struct FcLayout {
  int64_t depth = 0;
  int64_t rows = 0;
  ConvShape shape;
};

FcLayout fc_layout(const PackedConvFilter& packed, const Dims& input_dims) {
  FcLayout layout;
  layout.depth = packed.filter_depth;
  layout.rows = layout.depth > 0 ? input_dims.flat_size() / layout.depth : 0;
  const auto rows = static_cast<int32_t>(layout.rows);
  const int32_t out_depth = packed.groups * packed.filters_per_group;
  layout.shape = make_conv_shape(ConvParams{}, packed, Dims{1, 1, rows, packed.filter_depth},
                                 Dims{1, 1, rows, out_depth});
  return layout;
}

}  // namespace

PackedConvFilter pack_s8_fully_connected_filter(const FullyConnectedParams& params,
                                                const Dims& filter_dims, const int8_t* filter,
                                                Isa isa) {
  const int32_t out_depth = filter_dims[filter_dims.rank() - 2];
  const int32_t depth = filter_dims[filter_dims.rank() - 1];
  return pack_conv_filter(params.input_offset, 1, Dims{out_depth, 1, 1, depth}, filter, isa);
}

size_t s8_fully_connected_fast_scratch_bytes(const FullyConnectedParams& params,
                                             const PackedConvFilter& packed,
                                             const Dims& input_dims) {
  (void)params;
  if (!packed.exact_fold) return 0;
  const FcLayout layout = fc_layout(packed, input_dims);
  return static_cast<size_t>(align_up(layout.shape.image_bytes()) +
                             layout.rows * static_cast<int64_t>(sizeof(int32_t)));
}

void s8_fully_connected_fast(const FullyConnectedParams& params,
                             const QuantizedMultiplier* multipliers, const Dims& input_dims,
                             const int8_t* input, const Dims& filter_dims, const int8_t* filter,
                             const int32_t* bias, const Dims& output_dims, int8_t* output,
                             const PackedConvFilter& packed, uint8_t* scratch) {
  const FcLayout layout = fc_layout(packed, input_dims);
  if (!packed.exact_fold || params.input_offset != packed.input_offset || layout.rows == 0 ||
      packed.filters_per_group == 0) {
    s8_fully_connected(params, multipliers, input_dims, input, filter_dims, filter, bias,
                       output_dims, output);
    return;
  }
  build_padded_image(layout.shape, packed, input, scratch);
  ConvGemmArgs args;
  const int32_t filter_offset = params.per_channel ? 0 : params.filter_offset;
  if (filter_offset != 0) {
    // Row term: filter_offset * sum(x + input_offset), modulo 2^32.
    auto* row_terms = reinterpret_cast<int32_t*>(scratch + align_up(layout.shape.image_bytes()));
    const uint32_t depth_offset =
        static_cast<uint32_t>(layout.depth) * static_cast<uint32_t>(params.input_offset);
    for (int64_t r = 0; r < layout.rows; ++r) {
      uint32_t sum = depth_offset;
      const int8_t* row = input + r * layout.depth;
      for (int64_t d = 0; d < layout.depth; ++d) sum += static_cast<uint32_t>(int32_t{row[d]});
      row_terms[r] = static_cast<int32_t>(sum * static_cast<uint32_t>(filter_offset));
    }
    args.row_terms = row_terms;
  }
  args.shape = &layout.shape;
  args.packed = &packed;
  args.image = scratch;
  args.bias = bias;
  args.multipliers = multipliers;
  args.per_channel = params.per_channel;
  args.stage = {params.output_offset, params.activation_min, params.activation_max};
  args.output = output;
  conv_gemm(args);
}

}  // namespace vnpu::kernels
