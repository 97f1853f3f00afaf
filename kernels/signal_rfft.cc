#include "kernels/signal_rfft.h"

#include <cmath>
#include <cstddef>

namespace vnpu::kernels {
namespace {

constexpr int32_t kSampleMax = 32767;
constexpr double kPi = 3.141592653589793238462643383279502884197169399375105820974944;

using Complex = SignalComplex16;

int16_t wrap16(int32_t value) { return static_cast<int16_t>(value); }

// kissfft's sround: products carry 15 fractional bits.
int16_t round_product(int32_t product) { return wrap16((product + (1 << 14)) >> 15); }

Complex multiply(Complex a, Complex b) {
  return {round_product(a.r * b.r - a.i * b.i), round_product(a.r * b.i + a.i * b.r)};
}

// C_FIXDIV: divides by the radix as a multiplication by 32767 / radix.
void divide(Complex& c, int32_t radix) {
  const int32_t factor = kSampleMax / radix;
  c.r = round_product(c.r * factor);
  c.i = round_product(c.i * factor);
}

Complex add(Complex a, Complex b) { return {wrap16(a.r + b.r), wrap16(a.i + b.i)}; }
Complex subtract(Complex a, Complex b) { return {wrap16(a.r - b.r), wrap16(a.i - b.i)}; }

void put_exp(std::vector<int16_t>& table, double phase) {
  table.push_back(static_cast<int16_t>(std::floor(0.5 + kSampleMax * std::cos(phase))));
  table.push_back(static_cast<int16_t>(std::floor(0.5 + kSampleMax * std::sin(phase))));
}

Complex at(const std::vector<int16_t>& table, size_t index) {
  return {table[2 * index], table[2 * index + 1]};
}

void butterfly2(Complex* out, size_t stride, const SignalRfftPlan& plan, size_t m) {
  Complex* out2 = out + m;
  for (size_t k = 0; k < m; ++k) {
    divide(out[k], 2);
    divide(out2[k], 2);
    const Complex t = multiply(out2[k], at(plan.twiddles, k * stride));
    out2[k] = subtract(out[k], t);
    out[k] = add(out[k], t);
  }
}

void butterfly4(Complex* out, size_t stride, const SignalRfftPlan& plan, size_t m) {
  for (size_t k = 0; k < m; ++k) {
    Complex* f = out + k;
    for (size_t q = 0; q < 4; ++q) divide(f[q * m], 4);
    const Complex s0 = multiply(f[m], at(plan.twiddles, k * stride));
    const Complex s1 = multiply(f[2 * m], at(plan.twiddles, 2 * k * stride));
    const Complex s2 = multiply(f[3 * m], at(plan.twiddles, 3 * k * stride));
    const Complex s5 = subtract(f[0], s1);
    f[0] = add(f[0], s1);
    const Complex s3 = add(s0, s2);
    const Complex s4 = subtract(s0, s2);
    f[2 * m] = subtract(f[0], s3);
    f[0] = add(f[0], s3);
    f[m] = {wrap16(s5.r + s4.i), wrap16(s5.i - s4.r)};
    f[3 * m] = {wrap16(s5.r - s4.i), wrap16(s5.i + s4.r)};
  }
}

// kf_work: decimation in time, depth first, recombined by the stage's radix.
// `in` holds interleaved (real, imaginary) pairs; `stride` counts pairs.
void transform(Complex* out, const int16_t* in, size_t stride, const int32_t* factors,
               const SignalRfftPlan& plan) {
  const auto radix = static_cast<size_t>(factors[0]);
  const auto m = static_cast<size_t>(factors[1]);
  if (m == 1) {
    for (size_t q = 0; q < radix; ++q) out[q] = {in[2 * q * stride], in[2 * q * stride + 1]};
  } else {
    for (size_t q = 0; q < radix; ++q) {
      transform(out + q * m, in + 2 * q * stride, stride * radix, factors + 2, plan);
    }
  }
  if (radix == 2) {
    butterfly2(out, stride, plan, m);
  } else {
    butterfly4(out, stride, plan, m);
  }
}

}  // namespace

bool signal_rfft_length_supported(int32_t fft_length) {
  if (fft_length < 4 || fft_length % 2 != 0) return false;
  const int32_t half = fft_length / 2;
  return (half & (half - 1)) == 0;
}

SignalRfftPlan make_signal_rfft_plan(int32_t fft_length) {
  SignalRfftPlan plan;
  plan.fft_length = fft_length;
  const int32_t n = fft_length / 2;
  // kf_factor: powers of 4 first, then 2.
  int32_t remaining = n;
  while (remaining > 1) {
    const int32_t radix = remaining % 4 == 0 ? 4 : 2;
    remaining /= radix;
    plan.factors.push_back(radix);
    plan.factors.push_back(remaining);
  }
  for (int32_t i = 0; i < n; ++i) {
    put_exp(plan.twiddles, -2 * kPi * i / n);
  }
  for (int32_t i = 0; i < n / 2; ++i) {
    put_exp(plan.super_twiddles, -kPi * (static_cast<double>(i + 1) / n + .5));
  }
  return plan;
}

void s16_signal_rfft(const SignalRfftPlan& plan, const int16_t* input, SignalComplex16* work,
                     int16_t* output) {
  const int32_t n = plan.fft_length / 2;
  // The real frame is read as n complex samples (even, odd), as kiss_fftr does.
  Complex* packed = work;
  transform(packed, input, 1, plan.factors.data(), plan);
  Complex dc = packed[0];
  divide(dc, 2);
  output[0] = wrap16(dc.r + dc.i);
  output[1] = 0;
  output[2 * n] = wrap16(dc.r - dc.i);
  output[2 * n + 1] = 0;
  for (int32_t k = 1; k <= n / 2; ++k) {
    Complex fpk = packed[k];
    Complex fpnk = {packed[n - k].r, wrap16(-packed[n - k].i)};
    divide(fpk, 2);
    divide(fpnk, 2);
    const Complex f1k = add(fpk, fpnk);
    const Complex f2k = subtract(fpk, fpnk);
    const Complex tw = multiply(f2k, at(plan.super_twiddles, static_cast<size_t>(k - 1)));
    output[2 * k] = wrap16((f1k.r + tw.r) >> 1);
    output[2 * k + 1] = wrap16((f1k.i + tw.i) >> 1);
    output[2 * (n - k)] = wrap16((f1k.r - tw.r) >> 1);
    output[2 * (n - k) + 1] = wrap16((tw.i - f1k.i) >> 1);
  }
}

}  // namespace vnpu::kernels
