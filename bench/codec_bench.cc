// codec_bench: weight stream encoder and decoder throughput on synthetic
// 64x3x3x64 weights (dense Gaussian-like int8, 75% zeros, 16 clustered
// values), reordered for ethos-u55-256 depth-first. Counters: symbols per
// second and bits per weight of our encoder. Every stream is checked to
// decode back to its symbols before timing; a mismatch aborts.
// Run: codec_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/deterministic_rng.h"
#include "isa/weight_decoder.h"
#include "isa/weight_encoder.h"
#include "isa/weight_layout.h"

namespace vnpu::isa {
namespace {

enum class Kind { kDense = 0, kSparse = 1, kClustered = 2 };

std::vector<int16_t> synthetic_weights(Kind kind, size_t count) {
  DeterministicRng rng(42);
  std::vector<int16_t> weights(count);
  for (int16_t& w : weights) {
    // Sum of four uniforms: a bell shape over -127..127.
    int32_t v = 0;
    for (int i = 0; i < 4; ++i) v += rng.uniform(-32, 32);
    if (kind == Kind::kSparse && rng.uniform(0, 3) != 0) v = 0;
    if (kind == Kind::kClustered) v = (v / 16) * 16;
    w = static_cast<int16_t>(v);
  }
  return weights;
}

WeightLayoutParams layout() {
  WeightLayoutParams params = weight_layout_for(*find_accelerator_config("ethos-u55-256"));
  params.ofm_depth = 64;
  params.kernel_height = 3;
  params.kernel_width = 3;
  params.ifm_depth = 64;
  params.ofm_block_depth = 16;
  return params;
}

std::vector<int16_t> stream_symbols(Kind kind) {
  const WeightLayoutParams params = layout();
  Expected<std::vector<int16_t>> symbols =
      reorder_weights(params, synthetic_weights(kind, 64 * 3 * 3 * 64));
  if (!symbols) std::abort();
  return *symbols;
}

std::vector<uint8_t> checked_stream(const std::vector<int16_t>& symbols) {
  Expected<std::vector<uint8_t>> stream = encode_weight_stream(symbols);
  if (!stream) std::abort();
  Expected<std::vector<int16_t>> back = decode_weight_stream(*stream);
  if (!back || *back != symbols) {
    std::fprintf(stderr, "codec_bench: round trip mismatch\n");
    std::abort();
  }
  return *stream;
}

void BM_Encode(benchmark::State& state) {
  const std::vector<int16_t> symbols = stream_symbols(static_cast<Kind>(state.range(0)));
  const std::vector<uint8_t> reference = checked_stream(symbols);
  for (auto _ : state) {
    Expected<std::vector<uint8_t>> stream = encode_weight_stream(symbols);
    benchmark::DoNotOptimize(stream);
  }
  state.counters["symbols_per_second"] = benchmark::Counter(
      static_cast<double>(symbols.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["bits_per_weight"] =
      static_cast<double>(reference.size() * 8) / static_cast<double>(64 * 3 * 3 * 64);
}

void BM_Decode(benchmark::State& state) {
  const std::vector<int16_t> symbols = stream_symbols(static_cast<Kind>(state.range(0)));
  const std::vector<uint8_t> stream = checked_stream(symbols);
  for (auto _ : state) {
    Expected<std::vector<int16_t>> decoded = decode_weight_stream(stream);
    benchmark::DoNotOptimize(decoded);
  }
  state.counters["symbols_per_second"] = benchmark::Counter(
      static_cast<double>(symbols.size()), benchmark::Counter::kIsIterationInvariantRate);
}

// Arguments: 0 dense, 1 sparse (75% zeros), 2 clustered (16 values).
BENCHMARK(BM_Encode)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Decode)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vnpu::isa

BENCHMARK_MAIN();
