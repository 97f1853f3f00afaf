#include "tests/compiler/compiler_testing.h"

#include <gtest/gtest.h>

#include "compiler/compile_model.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/functional_backend.h"
#include "driver/tensor_io.h"
#include "ir/verifier.h"
#include "isa/accelerator_config.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::compiler::testing {

std::string random_accelerator(DeterministicRng& rng) {
  const std::vector<isa::AcceleratorConfig>& configs = isa::accelerator_configs();
  return configs[static_cast<size_t>(rng.uniform(0, static_cast<int32_t>(configs.size()) - 1))]
      .name;
}

std::vector<uint8_t> every_int16() {
  std::vector<uint8_t> bytes;
  for (int32_t v = -32768; v <= 32767; ++v) {
    const auto u = static_cast<uint16_t>(v);
    bytes.push_back(static_cast<uint8_t>(u & 0xFF));
    bytes.push_back(static_cast<uint8_t>(u >> 8));
  }
  return bytes;
}

namespace {

// Invokes `invocations` times with `inputs` (variables carry over) and returns the last outputs.
Expected<std::vector<std::vector<uint8_t>>> invoke(driver::cpu::CpuRuntime& runtime,
                                                   size_t output_count,
                                                   const std::vector<std::vector<uint8_t>>& inputs,
                                                   int invocations) {
  for (int n = 0; n < invocations; ++n) {
    // Each time: the arena may reuse an input's bytes once the input is read.
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (Status s = runtime.set_input(i, inputs[i]); !s) return s;
    }
    if (Status s = runtime.invoke(); !s) return s;
  }
  std::vector<std::vector<uint8_t>> outputs;
  for (size_t i = 0; i < output_count; ++i) outputs.push_back(runtime.output(i));
  return outputs;
}

}  // namespace

Expected<std::vector<std::vector<uint8_t>>> run_cpu(const ir::Graph& graph,
                                                    const std::vector<std::vector<uint8_t>>& inputs,
                                                    int invocations) {
  auto runtime = driver::cpu::CpuRuntime::create(graph);
  if (!runtime) return runtime.status();
  return invoke(**runtime, graph.outputs.size(), inputs, invocations);
}

std::vector<std::vector<uint8_t>> random_inputs(const ir::Graph& graph, uint64_t seed) {
  std::vector<std::vector<uint8_t>> inputs;
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    inputs.push_back(driver::random_input_bytes(graph.tensor(graph.inputs[i]), seed * 7919 + i));
  }
  return inputs;
}

ir::Model run_pass_and_compare(const ir::Model& model, PassFunction pass, int seeds) {
  ir::Model after = model;
  CompilerOptions options;
  const Status status = pass(after.main_graph(), options);
  EXPECT_TRUE(status.is_ok()) << status.message();
  const Status verified = ir::verify_graph(after.main_graph());
  EXPECT_TRUE(verified.is_ok()) << verified.message();
  for (int seed = 1; seed <= seeds; ++seed) {
    const auto inputs = random_inputs(model.main_graph(), static_cast<uint64_t>(seed));
    const auto expected = run_cpu(model.main_graph(), inputs);
    const auto actual = run_cpu(after.main_graph(), inputs);
    EXPECT_TRUE(expected.has_value()) << expected.status().message();
    EXPECT_TRUE(actual.has_value()) << actual.status().message();
    if (!expected || !actual) break;
    EXPECT_EQ(*expected, *actual) << "outputs differ after the pass, seed " << seed;
  }
  return after;
}

size_t count_ops(const ir::Graph& graph, ir::OpType type) {
  size_t count = 0;
  for (const ir::Operator& op : graph.operators) count += op.type == type ? 1 : 0;
  return count;
}

Expected<std::vector<std::vector<uint8_t>>> run_compiled(
    const ir::Model& compiled, const std::string& accelerator,
    const std::vector<std::vector<uint8_t>>& inputs, int invocations) {
  Expected<std::vector<uint8_t>> bytes = tflite::write_tflite(compiled);
  if (!bytes) return bytes.status();
  Expected<ir::Model> model = tflite::read_tflite(bytes->data(), bytes->size(), "compiled");
  if (!model) return model.status();
  Expected<isa::AcceleratorConfig> config = isa::find_accelerator_config(accelerator);
  if (!config) return config.status();
  driver::cpu::CpuOptions options;
  options.npu_prepare = driver::npu::functional_npu_prepare(*config);
  Expected<std::vector<int64_t>> offsets = tflite::read_offline_memory_plan(*model);
  if (!offsets) return offsets.status();
  options.fixed_offsets = *offsets;
  auto runtime = driver::cpu::CpuRuntime::create(model->main_graph(), options);
  if (!runtime) return runtime.status();
  return invoke(**runtime, model->main_graph().outputs.size(), inputs, invocations);
}

std::string compile_and_compare(const ir::Model& model, const CompilerOptions& options,
                                const std::vector<std::vector<uint8_t>>& inputs, int invocations) {
  Expected<CompiledModel> compiled = compile_model(model, options);
  if (!compiled) return "compile failed: " + compiled.status().message();
  auto actual = run_compiled(compiled->output, options.accelerator_config, inputs, invocations);
  if (!actual) return "compiled model failed: " + actual.status().message();
  auto expected = run_cpu(model.main_graph(), inputs, invocations);
  if (!expected) return "CPU runtime failed: " + expected.status().message();
  if (*actual != *expected) return "outputs differ from the CPU runtime";
  return "";
}

std::string npu_refusal(const ir::Model& model, const CompilerOptions& options) {
  auto compiled = compile_model(model, options);
  if (!compiled) return compiled.status().message();
  for (const auto& placed : compiled->front.partition.ops) {
    if (!placed.on_npu) return "stayed on the CPU (" + placed.rule + "): " + placed.reason;
  }
  const std::vector<LoweringRefusal>& refusals = compiled->schedule.refusals;
  return refusals.empty() ? "" : "the lowering refused it: " + refusals.front().reason;
}

void expect_stays_on_cpu(const ir::Model& model, const std::string& label,
                         const std::string& reason_part) {
  CompilerOptions options;
  options.accelerator_config = "ethos-u55-128";
  auto compiled = compile_model(model, options);
  ASSERT_TRUE(compiled) << compiled.status().message();
  const auto& placed = compiled->front.partition.ops.at(0);
  EXPECT_FALSE(placed.on_npu) << label;
  EXPECT_NE(placed.reason.find(reason_part), std::string::npos) << placed.reason;
  EXPECT_EQ(compile_and_compare(model, options, random_inputs(model.main_graph(), 3)), "");
}

}  // namespace vnpu::compiler::testing
