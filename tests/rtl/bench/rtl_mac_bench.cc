// rtl_mac_bench: simulation speed of the verilated convolution datapath
// (rtl/vnpu_mac_datapath.sv, ethos-u55-128: 2x1x8 micro-block, 128 MACs per
// beat) under Verilator. One job is a 3x3 CONV OFM block of 8x8x16 points over
// 64 int8 IFM channels (4,608 beats; the next job's 512 SHRAM words and 144
// weight words are written while one runs); two jobs per iteration, back to
// back, with the drain always ready.
// Counters: simulated cycles per second, MAC beats per second, and MACs per
// second (beats x 128, every lane of the array counted).
// Run: rtl_mac_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "sim/rtl/mac_datapath_driver.h"

namespace vnpu::rtl_test {
namespace {

using namespace ::vnpu::sim::rtl;  // NOLINT(google-build-using-namespace): the product driver

MacBlockJob conv_job(std::mt19937_64& rng, int half) {
  MacBlockJob job;
  MacBlockConfig& c = job.config;
  c.geometry = mac_geometry("ethos-u55-128");
  c.mode = MacMode::kConv;
  c.ifm_signed = true;
  c.zero_point = -3;
  c.ofm_w = 8;
  c.ofm_h = 8;
  c.ofm_c = 16;
  c.kernel_w = 3;
  c.kernel_h = 3;
  c.pad_left = 1;
  c.pad_top = 1;
  c.ifm_w = 8;
  c.ifm_h = 8;
  c.ifm_depth = 64;
  c.ifm_base = static_cast<uint32_t>(half) * c.geometry.shram_words / 2;
  c.wbuf_base = static_cast<uint32_t>(half) * kWbufWords / 2;
  const uint32_t words = static_cast<uint32_t>(c.ifm_w * c.ifm_h * c.ifm_depth / 8);
  for (uint32_t w = 0; w < words; ++w) job.shram_words.emplace_back(c.ifm_base + w, rng());
  const uint32_t weight_words = 2 * 9 * 8;  // channel groups x taps x IFM groups
  for (uint32_t w = 0; w < weight_words; ++w) {
    WeightWord word(static_cast<size_t>(c.geometry.ub_c * 8), 0);
    for (int16_t& v : word) v = static_cast<int16_t>(static_cast<int>(rng() % 511) - 255);
    job.weight_words.emplace_back(c.wbuf_base + w, word);
  }
  return job;
}

void BM_MacDatapathConv3x3(benchmark::State& state) {
  std::mt19937_64 rng(1);
  auto bench = make_mac_datapath_driver("ethos-u55-128", false);
  const std::vector<MacBlockJob> jobs = {conv_job(rng, 0), conv_job(rng, 1)};
  uint64_t beats = 0;
  const uint64_t cycles_before = bench->total_cycles();
  for (auto _ : state) {
    const std::vector<MacBlockResult> results = bench->run(jobs, rng, 1.0);
    for (const MacBlockResult& r : results) beats += r.beats;
    benchmark::DoNotOptimize(results.data());
  }
  const double cycles = static_cast<double>(bench->total_cycles() - cycles_before);
  state.counters["sim_cycles_per_second"] = benchmark::Counter(cycles, benchmark::Counter::kIsRate);
  state.counters["beats_per_second"] =
      benchmark::Counter(static_cast<double>(beats), benchmark::Counter::kIsRate);
  state.counters["macs_per_second"] =
      benchmark::Counter(static_cast<double>(beats) * mac_geometry("ethos-u55-128").points() * 8, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MacDatapathConv3x3)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vnpu::rtl_test

BENCHMARK_MAIN();
