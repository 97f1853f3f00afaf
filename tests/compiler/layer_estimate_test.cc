// The per-layer estimate of a compiled model (compiler/layer_estimate.h): every
// NPU operation of the streams lands in exactly one layer, so the layers add up
// to the per-operation estimate; the binding resource is the largest of the
// layer's compute and access cycles; CSV and JSON carry one entry per layer.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "compiler/layer_estimate.h"
#include "isa/command_decoder.h"
#include "models/builtin_models.h"

namespace vnpu::compiler {
namespace {

struct CompiledBuiltin {
  CompiledModel compiled;
  isa::AcceleratorConfig accelerator{};
  perf::SystemConfig system;
  perf::MemoryMode mode;
};

CompiledBuiltin compile_builtin(const std::string& memory_mode) {
  CompiledBuiltin setup;
  auto model = models::build_builtin_model("kws-dscnn");
  EXPECT_TRUE(model.has_value());
  CompilerOptions options;
  options.accelerator_config = "ethos-u55-256";
  setup.mode = *perf::builtin_vela_ini().find_memory_mode(memory_mode);
  setup.system = *perf::builtin_vela_ini().find_system_config(perf::kDefaultSystemConfig);
  options.memory_mode = setup.mode;
  auto compiled = compile_model(*model, options);
  EXPECT_TRUE(compiled) << compiled.status().message();
  setup.compiled = std::move(*compiled);
  setup.accelerator = *isa::find_accelerator_config("ethos-u55-256");
  return setup;
}

TEST(LayerEstimate, LayersAddUpToThePerOperationEstimate) {
  for (const char* mode : {"Shared_Sram", "Sram_Only"}) {
    const CompiledBuiltin s = compile_builtin(mode);
    const LayerEstimates layers = estimate_layers(s.compiled, s.accelerator, s.system, s.mode);
    ASSERT_EQ(layers.layers.size(), s.compiled.operators.size());
    std::vector<isa::Operation> operations;
    for (const SegmentStream& stream : s.compiled.streams) {
      const isa::DecodedStream decoded = isa::decode_stream(stream.words.data(), stream.words.size());
      operations.insert(operations.end(), decoded.operations.begin(), decoded.operations.end());
    }
    const perf::Estimate whole = perf::estimate_stream(operations, s.accelerator, s.system, s.mode);
    double cycles = 0;
    double axi0 = 0;
    double axi1 = 0;
    int64_t macs = 0;
    size_t counted = 0;
    for (const LayerEstimate& layer : layers.layers) {
      cycles += layer.cycles;
      axi0 += layer.port_bytes[0];
      axi1 += layer.port_bytes[1];
      macs += layer.macs;
      counted += layer.npu_operations;
      if (layer.on_npu && layer.npu_operations > 0) {
        double largest = layer.compute_cycles;
        for (double access : layer.access_cycles) largest = std::max(largest, access);
        const bool compute_bound = layer.bound == "compute";
        EXPECT_EQ(compute_bound, largest == layer.compute_cycles) << layer.op_index;
        EXPECT_GT(layer.cycles, 0.0) << layer.op_index;
        EXPECT_LE(layer.mac_utilisation, 1.0) << layer.op_index;
      }
    }
    double whole_cycles = 0;
    size_t started = 0;  // kick-offs and DMA starts: what the layers own (waits and STOP are not)
    for (const perf::OperationEstimate& op : whole.operations) {
      whole_cycles += op.cycles;
      started += op.is_block || op.kind == isa::OperationKind::kDmaStart ? 1 : 0;
    }
    EXPECT_EQ(counted, started) << mode;
    EXPECT_NEAR(cycles, whole_cycles, 1e-6 * whole_cycles) << mode;
    EXPECT_NEAR(axi0, whole.traffic.port_bytes[0], 1e-6 * axi0 + 1e-9) << mode;
    EXPECT_NEAR(axi1, whole.traffic.port_bytes[1], 1e-6 * axi1 + 1e-9) << mode;
    EXPECT_EQ(macs, whole.macs) << mode;
  }
}

TEST(LayerEstimate, CsvAndJsonHaveOneEntryPerLayerWithWeightBytes) {
  const CompiledBuiltin s = compile_builtin("Shared_Sram");
  const LayerEstimates layers = estimate_layers(s.compiled, s.accelerator, s.system, s.mode);
  const std::string csv = layers_csv(layers);
  EXPECT_EQ(static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')), layers.layers.size() + 1);
  EXPECT_EQ(csv.rfind("op,type,output,on,", 0), 0u);
  const std::string json = layers_json(layers);
  EXPECT_EQ(std::count(json.begin(), json.end(), '{'), std::count(json.begin(), json.end(), '}'));
  size_t with_weights = 0;
  for (const LayerEstimate& layer : layers.layers) {
    if (layer.weight_bytes > 0) {
      ++with_weights;
      EXPECT_GT(layer.encoded_weight_bytes, 0) << layer.op_index;
    }
  }
  EXPECT_GE(with_weights, 10u);  // DS-CNN: 6 convolutions, 4 depthwise, the classifier
}

}  // namespace
}  // namespace vnpu::compiler
