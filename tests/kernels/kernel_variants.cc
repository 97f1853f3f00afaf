#include "tests/kernels/kernel_variants.h"

#include <vector>

#include "kernels/optimized/conv2d_fast.h"
#include "kernels/optimized/depthwise_conv2d_fast.h"
#include "kernels/optimized/fully_connected_fast.h"

namespace vnpu::kernels::testing {

std::vector<KernelVariant> kernel_variants() {
  std::vector<KernelVariant> variants = {{false, Isa::kPortable}};
  for (Isa isa : {Isa::kPortable, Isa::kAvx2, Isa::kAvx512Vnni}) {
    if (isa_supported(isa)) variants.push_back({true, isa});
  }
  return variants;
}

namespace {

std::string name_of(const KernelVariant& variant) {
  if (!variant.fast) return "reference";
  switch (variant.isa) {
    case Isa::kPortable:
      return "fast_portable";
    case Isa::kAvx2:
      return "fast_avx2";
    case Isa::kAvx512Vnni:
      return "fast_avx512vnni";
  }
  return "fast_unknown";
}

}  // namespace

void PrintTo(const KernelVariant& variant, std::ostream* out) { *out << name_of(variant); }

std::string variant_name(const ::testing::TestParamInfo<KernelVariant>& info) {
  return name_of(info.param);
}

void conv2d(const KernelVariant& variant, const ConvParams& params,
            const QuantizedMultiplier* channel_multipliers, const Dims& input_dims,
            const int8_t* input, const Dims& filter_dims, const int8_t* filter, const int32_t* bias,
            const Dims& output_dims, int8_t* output) {
  if (!variant.fast) {
    s8_conv2d(params, channel_multipliers, input_dims, input, filter_dims, filter, bias,
              output_dims, output);
    return;
  }
  const PackedConvFilter packed =
      pack_s8_conv2d_filter(params, input_dims, filter_dims, filter, variant.isa);
  std::vector<uint8_t> scratch(
      s8_conv2d_fast_scratch_bytes(params, packed, input_dims, output_dims));
  s8_conv2d_fast(params, channel_multipliers, input_dims, input, filter_dims, filter, bias,
                 output_dims, output, packed, scratch.data());
}

void depthwise_conv2d(const KernelVariant& variant, const DepthwiseConvParams& params,
                      const QuantizedMultiplier* channel_multipliers, const Dims& input_dims,
                      const int8_t* input, const Dims& filter_dims, const int8_t* filter,
                      const int32_t* bias, const Dims& output_dims, int8_t* output) {
  if (!variant.fast) {
    s8_depthwise_conv2d(params, channel_multipliers, input_dims, input, filter_dims, filter, bias,
                        output_dims, output);
    return;
  }
  const PackedDepthwiseFilter packed =
      pack_s8_depthwise_conv2d_filter(params, filter_dims, filter, variant.isa);
  std::vector<uint8_t> scratch(s8_depthwise_conv2d_fast_scratch_bytes(params, packed, output_dims));
  s8_depthwise_conv2d_fast(params, channel_multipliers, input_dims, input, filter_dims, filter,
                           bias, output_dims, output, packed, scratch.data());
}

void fully_connected(const KernelVariant& variant, const FullyConnectedParams& params,
                     const QuantizedMultiplier* multipliers, const Dims& input_dims,
                     const int8_t* input, const Dims& filter_dims, const int8_t* filter,
                     const int32_t* bias, const Dims& output_dims, int8_t* output) {
  if (!variant.fast) {
    s8_fully_connected(params, multipliers, input_dims, input, filter_dims, filter, bias,
                       output_dims, output);
    return;
  }
  const PackedConvFilter packed =
      pack_s8_fully_connected_filter(params, filter_dims, filter, variant.isa);
  std::vector<uint8_t> scratch(s8_fully_connected_fast_scratch_bytes(params, packed, input_dims));
  s8_fully_connected_fast(params, multipliers, input_dims, input, filter_dims, filter, bias,
                          output_dims, output, packed, scratch.data());
}

}  // namespace vnpu::kernels::testing
