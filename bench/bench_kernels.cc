// bench_kernels: single-thread int8 kernel throughput, reference against fast
// variants, on the three layers of bench/kernel_layers.h. Counter GOPS =
// 2 * MACs / s. Before any timing every fast variant is checked byte for byte
// against the reference on the same shape; a mismatch aborts.
// Run pinned and repeated: taskset -c 1 bench_kernels --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include "bench/kernel_layers.h"

int main(int argc, char** argv) {
  using namespace vnpu::kernels::bench;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  for (const auto& layer : make_benchmark_layers()) {
    verify_or_abort(*layer, "bench_kernels");
    register_variant(layer, "reference", layer->reference);
    for (const auto& [variant, run] : layer->fast) register_variant(layer, variant, run);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
