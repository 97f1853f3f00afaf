#include "sim/functional/convolution_fast.h"

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "sim/functional/padded_ifm.h"

namespace vnpu::sim {
namespace {

// One product as the accumulator adds it: exact in int32 for 16-bit operands,
// in int64 for 32-bit ones; converting to uint32 keeps it modulo 2^32.
template <typename T, typename Acc>
inline Acc product(T value, int16_t weight) {
  using Product = std::conditional_t<sizeof(T) == 2, int32_t, int64_t>;
  return static_cast<Acc>(static_cast<Product>(value) * static_cast<Product>(weight));
}

template <typename T, typename Acc>
Acc dot(const T* __restrict values, const int16_t* __restrict weights, int32_t count) {
  Acc acc = 0;
  for (int32_t i = 0; i < count; ++i) acc += product<T, Acc>(values[i], weights[i]);
  return acc;
}

// The accumulated sum as the per-element loop's int64 would hold it modulo the
// accumulator width: uint32 zero-extends (wrap_accumulator keeps 32 bits).
template <typename Acc>
inline int64_t widen(Acc acc) {
  return static_cast<int64_t>(acc);
}

// Copies the receptive field of OFM position (oy, ox) to `patch` in (ky, kx, c) order.
template <typename T>
void copy_patch(const KernelGeometry& g, const PaddedIfm<T>& in, int32_t oy, int32_t ox,
                T* patch) {
  const size_t depth = static_cast<size_t>(in.depth);
  for (int32_t ky = 0; ky < g.kernel_height; ++ky) {
    const int32_t row = oy * g.stride_y + ky * g.dilation_y;
    if (g.dilation_x == 1) {
      const T* src = in.at(row, ox * g.stride_x);
      patch = std::copy(src, src + static_cast<size_t>(g.kernel_width) * depth, patch);
      continue;
    }
    for (int32_t kx = 0; kx < g.kernel_width; ++kx) {
      const T* src = in.at(row, ox * g.stride_x + kx * g.dilation_x);
      patch = std::copy(src, src + depth, patch);
    }
  }
}

template <typename T, typename Acc>
void convolve(ConvolutionSetup* s, const PaddedIfm<T>& in, const ConvWeights& weights) {
  const KernelGeometry& g = s->g;
  const int32_t taps = g.kernel_height * g.kernel_width * in.depth;
  std::vector<T> patch(static_cast<size_t>(taps));
  std::vector<int64_t> results(static_cast<size_t>(g.ofm.depth));
  for (int32_t oy = 0; oy < g.ofm.height; ++oy) {
    for (int32_t ox = 0; ox < g.ofm.width; ++ox) {
      copy_patch(g, in, oy, ox, patch.data());
      const int16_t* row = weights.ohwi.data();
      for (int32_t oc = 0; oc < g.ofm.depth; ++oc, row += taps) {
        const Acc acc = dot<T, Acc>(patch.data(), row, taps);
        results[static_cast<size_t>(oc)] = s->requantize(widen(acc), oc);
      }
      s->ofm.write_channels(oy, ox, g.ofm.depth, results.data());
    }
  }
}

// DEPTHWISE: OFM channel c reads IFM channel c; weights re-laid [ky][kx][c].
template <typename T, typename Acc>
void convolve_depthwise(ConvolutionSetup* s, const PaddedIfm<T>& in, const ConvWeights& weights) {
  const KernelGeometry& g = s->g;
  const int32_t depth = g.ofm.depth;
  const size_t channels = static_cast<size_t>(depth);
  const int32_t taps = g.kernel_height * g.kernel_width;
  std::vector<int16_t> by_tap(static_cast<size_t>(taps) * channels);
  for (int32_t c = 0; c < depth; ++c) {
    for (int32_t t = 0; t < taps; ++t) {
      by_tap[static_cast<size_t>(t) * channels + static_cast<size_t>(c)] =
          weights.ohwi[static_cast<size_t>(c) * static_cast<size_t>(taps) + static_cast<size_t>(t)];
    }
  }
  std::vector<Acc> acc(channels);
  std::vector<int64_t> results(channels);
  for (int32_t oy = 0; oy < g.ofm.height; ++oy) {
    for (int32_t ox = 0; ox < g.ofm.width; ++ox) {
      std::fill(acc.begin(), acc.end(), Acc{0});
      Acc* __restrict sum = acc.data();
      for (int32_t ky = 0; ky < g.kernel_height; ++ky) {
        for (int32_t kx = 0; kx < g.kernel_width; ++kx) {
          const T* __restrict src =
              in.at(oy * g.stride_y + ky * g.dilation_y, ox * g.stride_x + kx * g.dilation_x);
          const int16_t* __restrict w =
              by_tap.data() + static_cast<size_t>(ky * g.kernel_width + kx) * channels;
          for (int32_t c = 0; c < depth; ++c) sum[c] += product<T, Acc>(src[c], w[c]);
        }
      }
      for (int32_t c = 0; c < depth; ++c) {
        results[static_cast<size_t>(c)] = s->requantize(widen(acc[static_cast<size_t>(c)]), c);
      }
      s->ofm.write_channels(oy, ox, depth, results.data());
    }
  }
}

template <typename T, typename Acc>
bool run_with(ConvolutionSetup* s, const ConvWeights& weights) {
  const int32_t depth = s->depthwise ? s->g.ofm.depth : s->g.ifm.depth;
  PaddedIfm<T> in;
  if (!gather_padded_ifm(s->g, s->ifm, depth, s->ifm_zero_point, &in)) return false;
  if (s->depthwise) {
    convolve_depthwise<T, Acc>(s, in, weights);
  } else {
    convolve<T, Acc>(s, in, weights);
  }
  return true;
}

template <typename T>
bool run_with_values(ConvolutionSetup* s, const ConvWeights& weights) {
  if (s->acc_format == isa::AccFormat::kInt32) return run_with<T, uint32_t>(s, weights);
  return run_with<T, int64_t>(s, weights);
}

}  // namespace

bool run_fast_convolution(ConvolutionSetup* setup, const ConvWeights& weights) {
  if (setup->ofm.overlaps(setup->ifm)) return false;
  if (setup->shram != nullptr && setup->ofm.overlaps(setup->shram->data(), setup->shram->size())) {
    return false;
  }
  if (setup->acc_format != isa::AccFormat::kInt32 && setup->acc_format != isa::AccFormat::kInt40) {
    return false;
  }
  if (ifm_values_fit<int16_t>(setup->ifm, setup->ifm_zero_point)) {
    return run_with_values<int16_t>(setup, weights);
  }
  return run_with_values<int32_t>(setup, weights);
}

}  // namespace vnpu::sim
