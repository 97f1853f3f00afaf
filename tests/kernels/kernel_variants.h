// The bodies every directed kernel test runs on: the reference kernel and the
// fast kernel on each instruction set this CPU has. A test written against the
// reference kernel's arguments calls conv2d / depthwise_conv2d /
// fully_connected here with a variant; for a fast variant the filter is packed
// and the scratch sized exactly as the CPU runtime's prepare does.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "kernels/fully_connected.h"
#include "kernels/optimized/isa.h"

namespace vnpu::kernels::testing {

struct KernelVariant {
  bool fast = false;
  Isa isa = Isa::kPortable;  // only for fast variants
};

// Prints the variant's name in test listings and failure messages.
void PrintTo(const KernelVariant& variant, std::ostream* out);

// The reference kernel first, then the fast kernel on every ISA this CPU runs.
std::vector<KernelVariant> kernel_variants();

// "reference", "fast_portable", "fast_avx2", "fast_avx512vnni": for test names.
std::string variant_name(const ::testing::TestParamInfo<KernelVariant>& info);

void conv2d(const KernelVariant& variant, const ConvParams& params,
            const QuantizedMultiplier* channel_multipliers, const Dims& input_dims,
            const int8_t* input, const Dims& filter_dims, const int8_t* filter, const int32_t* bias,
            const Dims& output_dims, int8_t* output);

void depthwise_conv2d(const KernelVariant& variant, const DepthwiseConvParams& params,
                      const QuantizedMultiplier* channel_multipliers, const Dims& input_dims,
                      const int8_t* input, const Dims& filter_dims, const int8_t* filter,
                      const int32_t* bias, const Dims& output_dims, int8_t* output);

void fully_connected(const KernelVariant& variant, const FullyConnectedParams& params,
                     const QuantizedMultiplier* multipliers, const Dims& input_dims,
                     const int8_t* input, const Dims& filter_dims, const int8_t* filter,
                     const int32_t* bias, const Dims& output_dims, int8_t* output);

// A test suite parameterized over the variants.
class KernelVariantTest : public ::testing::TestWithParam<KernelVariant> {};

}  // namespace vnpu::kernels::testing
