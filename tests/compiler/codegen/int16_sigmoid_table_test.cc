// Why int16 LOGISTIC and TANH stay on the CPU: TFLite Micro interpolates its
// 256-entry sigmoid table over 9 fractional bits of a rescaled input
// (kernels/sigmoid_s16.h), while the NPU's 16-bit lookup table holds 512
// (base, slope) pairs and interpolates 7 bits: out = base + ((slope * f + 64) >> 7)
// for the input's low 7 bits f (sim/functional/output_stage.cc). This test
// feeds every int16 input to the table at unit scale, at each of the 128
// alignments an output-stage zero point could give it, and finds for every
// alignment a 128-input segment whose TFLite outputs no (base, slope) pair
// reproduces, for both functions at the input scales TFLite's own models use
// (2^-12, 2^-11) and at two others. So no table lowering of either can be
// byte-exact, and lower_sigmoid16.cc computes TFLite's interpolation itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "kernels/sigmoid_s16.h"

namespace vnpu::compiler {
namespace {

// TFLite's output for every int16 input, in input order.
std::vector<int32_t> tflite_outputs(kernels::Sigmoid16Function function, float input_scale) {
  kernels::Sigmoid16Params params;
  EXPECT_TRUE(kernels::make_s16_sigmoid_like_params(function, input_scale, &params));
  std::vector<int16_t> input;
  for (int32_t v = INT16_MIN; v <= INT16_MAX; ++v) input.push_back(static_cast<int16_t>(v));
  std::vector<int16_t> output(input.size());
  const kernels::Dims dims{static_cast<int32_t>(input.size())};
  if (function == kernels::Sigmoid16Function::kLogistic) {
    kernels::s16_logistic(params, dims, input.data(), dims, output.data());
  } else {
    kernels::s16_tanh(params, dims, input.data(), dims, output.data());
  }
  return {output.begin(), output.end()};
}

// Whether some int16 slope gives base + ((slope * f + 64) >> 7) == out[f]
// for every f of the segment (base is out[0]).
bool segment_fits(const std::vector<int32_t>& out, size_t first, size_t count) {
  const int64_t base = out[first];
  int64_t low = INT16_MIN;
  int64_t high = INT16_MAX;
  for (size_t f = 1; f < count; ++f) {
    // (slope * f + 64) >> 7 == k  <=>  128k - 64 <= slope * f <= 128k + 63.
    const int64_t k = out[first + f] - base;
    const auto df = static_cast<int64_t>(f);
    const int64_t lo = 128 * k - 64;
    const int64_t hi = 128 * k + 63;
    low = std::max(low, lo >= 0 ? (lo + df - 1) / df : -((-lo) / df));
    high = std::min(high, hi >= 0 ? hi / df : -((-hi + df - 1) / df));
    if (low > high) return false;
  }
  return true;
}

// Segments (of all alignments' worst) that no table entry reproduces; 0 if
// some alignment fits every segment.
int unreproducible_segments_at_best_alignment(const std::vector<int32_t>& out) {
  int best = INT_MAX;
  for (size_t alignment = 0; alignment < 128; ++alignment) {
    int misfits = alignment > 0 && !segment_fits(out, 0, alignment) ? 1 : 0;
    for (size_t first = alignment; first < out.size(); first += 128) {
      misfits += segment_fits(out, first, std::min<size_t>(128, out.size() - first)) ? 0 : 1;
    }
    best = std::min(best, misfits);
  }
  return best;
}

// The check finds a table where one exists: outputs made by a table fit.
TEST(Int16SigmoidTable, OutputsOfATableFitIt) {
  std::vector<int32_t> out;
  for (int32_t segment = 0; segment < 512; ++segment) {
    const int32_t base = segment * 37 % 4001 - 2000;
    const int32_t slope = segment * 7919 % 65536 - 32768;
    for (int32_t f = 0; f < 128; ++f) out.push_back(base + ((slope * f + 64) >> 7));
  }
  EXPECT_EQ(unreproducible_segments_at_best_alignment(out), 0);
}

TEST(Int16SigmoidTable, NoNpuLookupTableReproducesTflite) {
  for (const kernels::Sigmoid16Function function :
       {kernels::Sigmoid16Function::kLogistic, kernels::Sigmoid16Function::kTanh}) {
    for (const float scale : {std::ldexp(1.0f, -12), std::ldexp(1.0f, -11), 0.0003f, 0.0011f}) {
      const int misfits =
          unreproducible_segments_at_best_alignment(tflite_outputs(function, scale));
      const std::string what =
          std::string(function == kernels::Sigmoid16Function::kLogistic ? "LOGISTIC" : "TANH") +
          " input scale " + std::to_string(scale);
      std::printf("%s: %d of 512 table segments cannot be reproduced at the best alignment\n",
                  what.c_str(), misfits);
      EXPECT_GT(misfits, 0) << what;
    }
  }
}

}  // namespace
}  // namespace vnpu::compiler
