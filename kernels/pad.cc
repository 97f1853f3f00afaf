#include "kernels/pad.h"

namespace vnpu::kernels {

namespace {

template <typename T>
void pad(const PadParams& params, const Dims& input_dims, const T* input,
         const Dims& output_dims, T* output) {
  // Extend to kMaxPadRank dimensions by prepending unpadded 1s, as TFLite does.
  constexpr int kRank = kMaxPadRank;
  const int lead = kRank - input_dims.rank();
  std::array<int32_t, kRank> in{}, out{}, left{};
  for (int i = 0; i < kRank; ++i) {
    const auto k = static_cast<size_t>(i);
    const bool real = i >= lead;
    in[k] = real ? input_dims[i - lead] : 1;
    out[k] = real ? output_dims[i - lead] : 1;
    left[k] = real ? params.left[static_cast<size_t>(i - lead)] : 0;
  }
  auto inside = [&](int dim, int32_t index) {
    const auto k = static_cast<size_t>(dim);
    return index >= left[k] && index < left[k] + in[k];
  };

  const auto pad_value = static_cast<T>(params.pad_value);
  T* out_ptr = output;
  for (int32_t a = 0; a < out[0]; ++a) {
    for (int32_t b = 0; b < out[1]; ++b) {
      for (int32_t c = 0; c < out[2]; ++c) {
        for (int32_t d = 0; d < out[3]; ++d) {
          for (int32_t e = 0; e < out[4]; ++e) {
            if (inside(0, a) && inside(1, b) && inside(2, c) && inside(3, d) && inside(4, e)) {
              const int64_t offset =
                  ((((static_cast<int64_t>(a - left[0]) * in[1] + (b - left[1])) * in[2] +
                     (c - left[2])) * in[3] + (d - left[3])) * in[4]) + (e - left[4]);
              *out_ptr++ = input[offset];
            } else {
              *out_ptr++ = pad_value;
            }
          }
        }
      }
    }
  }
}

}  // namespace

void s8_pad(const PadParams& params, const Dims& input_dims, const int8_t* input,
            const Dims& output_dims, int8_t* output) {
  pad(params, input_dims, input, output_dims, output);
}

void s16_pad(const PadParams& params, const Dims& input_dims, const int16_t* input,
             const Dims& output_dims, int16_t* output) {
  pad(params, input_dims, input, output_dims, output);
}

}  // namespace vnpu::kernels
