// rtl_weight_decoder_bench: speed of the verilated weight decoder
// (rtl/vnpu_weight_decoder.sv, Verilator 5.006) on the synthetic 64x3x3x64
// streams of codec_bench (dense int8, 75% zeros, 16 clustered values; our
// encoder, ethos-u55-256 depth-first), input always valid and output always
// ready. Counters: simulated cycles per second, weights per second, and
// cycles per weight. Every stream is checked against isa::decode_weight_stream
// before timing; a mismatch aborts.
// Run: rtl_weight_decoder_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "Vvnpu_weight_decoder.h"
#include "core/deterministic_rng.h"
#include "isa/weight_decoder.h"
#include "isa/weight_encoder.h"
#include "isa/weight_layout.h"
#include "verilated.h"

namespace vnpu::rtl_bench {
namespace {

enum class Kind { kDense = 0, kSparse = 1, kClustered = 2 };

std::vector<uint8_t> synthetic_stream(Kind kind, size_t* symbols) {
  DeterministicRng rng(42);
  std::vector<int16_t> weights(64 * 3 * 3 * 64);
  for (int16_t& w : weights) {
    int32_t v = 0;
    for (int i = 0; i < 4; ++i) v += rng.uniform(-32, 32);
    if (kind == Kind::kSparse && rng.uniform(0, 3) != 0) v = 0;
    if (kind == Kind::kClustered) v = (v / 16) * 16;
    w = static_cast<int16_t>(v);
  }
  isa::WeightLayoutParams params = isa::weight_layout_for(*isa::find_accelerator_config("ethos-u55-256"));
  params.ofm_depth = 64;
  params.kernel_height = 3;
  params.kernel_width = 3;
  params.ifm_depth = 64;
  params.ofm_block_depth = 16;
  Expected<std::vector<uint8_t>> stream = isa::encode_weights(params, weights);
  if (!stream) std::abort();
  *symbols = static_cast<size_t>(isa::weight_stream_length(params));
  return *stream;
}

// One decode of `stream`; returns the clock cycles from start to done and the weights out.
uint64_t decode(Vvnpu_weight_decoder& m, const std::vector<uint8_t>& stream, size_t symbols,
                std::vector<int16_t>* out) {
  m.start_i = 1;
  m.cfg_length_i = static_cast<uint32_t>(stream.size());
  m.cfg_symbols_i = static_cast<uint32_t>(symbols);
  m.w_ready_i = 1;
  m.clk_i = 0;
  m.eval();
  m.clk_i = 1;
  m.eval();
  m.start_i = 0;
  size_t next = 0;
  uint64_t cycles = 0;
  while (!m.done_o && !m.wd_fault_o) {
    m.wd_valid_i = next < stream.size();
    m.wd_data_i = next < stream.size() ? stream[next] : 0;
    m.clk_i = 0;
    m.eval();
    if (m.wd_valid_i && m.wd_ready_o) ++next;
    if (out != nullptr && m.w_valid_o) {
      const uint32_t bits = m.w_data_o & 0x1FFU;
      out->push_back(static_cast<int16_t>((bits & 0x100U) != 0 ? static_cast<int32_t>(bits) - 512
                                                                 : static_cast<int32_t>(bits)));
    }
    m.clk_i = 1;
    m.eval();
    ++cycles;
  }
  if (m.wd_fault_o) std::abort();
  return cycles;
}

void BM_VerilatedWeightDecoder(benchmark::State& state) {
  size_t symbols = 0;
  const std::vector<uint8_t> stream = synthetic_stream(static_cast<Kind>(state.range(0)), &symbols);
  auto context = std::make_unique<VerilatedContext>();
  auto model = std::make_unique<Vvnpu_weight_decoder>(context.get());
  model->rst_ni = 0;
  model->clk_i = 0;
  model->eval();
  model->rst_ni = 1;
  model->eval();
  std::vector<int16_t> decoded;
  decode(*model, stream, symbols, &decoded);
  Expected<std::vector<int16_t>> reference = isa::decode_weight_stream(stream);
  if (!reference || *reference != decoded) {
    std::fprintf(stderr, "rtl_weight_decoder_bench: RTL and C++ decoders differ\n");
    std::abort();
  }
  uint64_t cycles = 0;
  for (auto _ : state) cycles = decode(*model, stream, symbols, nullptr);
  state.counters["cycles_per_second"] = benchmark::Counter(
      static_cast<double>(cycles), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["weights_per_second"] = benchmark::Counter(
      static_cast<double>(symbols), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["cycles_per_weight"] = static_cast<double>(cycles) / static_cast<double>(symbols);
  model->final();
}

// Arguments: 0 dense, 1 sparse (75% zeros), 2 clustered (16 values).
BENCHMARK(BM_VerilatedWeightDecoder)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vnpu::rtl_bench

BENCHMARK_MAIN();
