// verify_compiled_model with a backend plugged in by name only: a "broken"
// backend in a registry of the test's own (the functional NPU, then one output
// bit flipped after every run) is caught against both references, and the
// functional backend on the same model passes. The layer map of a compiled
// random operation names its layer.
#include "verify/verify_model.h"

#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "compiler/compile_model.h"
#include "driver/npu/backend_registry.h"
#include "driver/npu/functional_backend.h"
#include "driver/tensor_io.h"
#include "isa/accelerator_config.h"
#include "tflite/reader.h"
#include "tflite/writer.h"
#include "verify/contributing_inputs.h"
#include "verify/layer_map.h"
#include "verify/npu_operations.h"
#include "verify/operation_inputs.h"
#include "verify/random_operations.h"

namespace vnpu::verify {
namespace {

// Runs the wrapped `ethos-u` operator, then flips bit 0 of its first output's byte 0.
class FlippingOp final : public driver::cpu::CpuOp {
 public:
  FlippingOp(std::unique_ptr<driver::cpu::CpuOp> inner, int32_t output)
      : inner_(std::move(inner)), output_(output) {}
  Status eval(const driver::cpu::TensorMemory& memory) const override {
    Status status = inner_->eval(memory);
    memory.bytes(output_)[0] ^= 1;
    return status;
  }

 private:
  std::unique_ptr<driver::cpu::CpuOp> inner_;
  int32_t output_;
};

// Flips the first output (flip_arena false) or the arena, region 1 (flip_arena true).
class FlippingSession final : public driver::npu::NpuSession {
 public:
  FlippingSession(std::unique_ptr<driver::npu::NpuSession> functional, bool flip_arena)
      : functional_(std::move(functional)), flip_arena_(flip_arena) {}
  driver::cpu::NpuPrepare npu_prepare() const override {
    driver::cpu::NpuPrepare inner = functional_->npu_prepare();
    const bool arena = flip_arena_;
    return [inner, arena](const ir::Graph& graph,
                          const ir::Operator& op) -> driver::cpu::PrepareResult {
      driver::cpu::PrepareResult prepared = inner(graph, op);
      if (!prepared) return prepared;
      return std::unique_ptr<driver::cpu::CpuOp>(std::make_unique<FlippingOp>(
          std::move(*prepared), arena ? op.inputs.at(2) : op.outputs.at(0)));
    };
  }
  std::string summary() const override { return "broken"; }

 private:
  std::unique_ptr<driver::npu::NpuSession> functional_;
  bool flip_arena_;
};

driver::npu::BackendRegistry registry_with_broken_backend() {
  driver::npu::BackendRegistry registry;
  driver::npu::register_functional_backend(registry);
  const driver::npu::SessionFactory functional = registry.find("functional")->open;
  for (bool arena : {false, true}) {
    registry.add({arena ? "broken-arena" : "broken",
                  "the functional NPU with one bit flipped",
                  {},
                  [functional, arena](const driver::npu::BackendChoice& choice)
                      -> Expected<std::unique_ptr<driver::npu::NpuSession>> {
                    auto session = functional(choice);
                    if (!session) return session.status();
                    return std::unique_ptr<driver::npu::NpuSession>(
                        std::make_unique<FlippingSession>(std::move(*session), arena));
                  }});
  }
  return registry;
}

// The first random operation of seed 1 of that kind, compiled as vnpu compile writes it.
struct CompiledCase {
  ir::Model source;
  ir::Model compiled;
};

CompiledCase compiled_case(const std::string& kind) {
  for (uint32_t index = 0;; ++index) {
    RandomOperation random = random_operation(1, index);
    if (random.description.rfind(kind + " ", 0) != 0) continue;
    compiler::CompilerOptions options;
    auto compiled = compiler::compile_model(random.model, options);
    EXPECT_TRUE(compiled) << compiled.status().message();
    auto bytes = tflite::write_tflite(compiled->output);
    auto model = tflite::read_tflite(bytes->data(), bytes->size(), "compiled");
    EXPECT_TRUE(model) << model.status().message();
    return {random.model, std::move(*model)};
  }
}

TEST(VerifyModel, FunctionalBackendPasses) {
  const CompiledCase c = compiled_case("CONV_2D");
  driver::npu::BackendRegistry registry = registry_with_broken_backend();
  VerifyOptions options;
  options.seeds = 2;
  auto backends = open_backends(registry, options);
  ASSERT_TRUE(backends) << backends.status().message();
  auto report = verify_compiled_model(c.compiled, c.source, *backends, options);
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_TRUE(report->passed());
  ASSERT_EQ(report->rows.size(), 1u);
  EXPECT_EQ(report->rows[0].cpu_mismatches, 0);
  EXPECT_EQ(report->rows[0].functional_mismatches, -1);  // the backend is the functional model
  EXPECT_GT(report->rows[0].elements, 0);
}

TEST(VerifyModel, BrokenBackendIsCaughtAgainstBothReferences) {
  const CompiledCase c = compiled_case("CONV_2D");
  driver::npu::BackendRegistry registry = registry_with_broken_backend();
  VerifyOptions options;
  options.backend = "broken";
  options.seeds = 2;
  auto backends = open_backends(registry, options);
  ASSERT_TRUE(backends) << backends.status().message();
  auto report = verify_compiled_model(c.compiled, c.source, *backends, options);
  ASSERT_TRUE(report) << report.status().message();
  ASSERT_FALSE(report->passed());
  const OperationCheck& row = report->rows.at(0);
  // One flipped bit per run: the layer's output and the segment's output (the same bytes) against
  // the CPU reference, the OFM against the functional model; two seeds.
  EXPECT_EQ(row.cpu_mismatches, 4);
  EXPECT_EQ(row.functional_mismatches, 2);
  EXPECT_EQ(row.max_abs_diff, 1);
  const MismatchDetail& first = *report->first_mismatch;
  EXPECT_EQ(first.seed, 1);
  EXPECT_EQ(first.against, "CPU reference");
  EXPECT_EQ(first.layer, "0 CONV_2D ofm");
  EXPECT_EQ(first.coordinate, (std::array<int64_t, 4>{0, 0, 0, 0}));
  EXPECT_EQ(first.actual ^ first.expected, 1);
  ASSERT_FALSE(first.inputs.empty());
  EXPECT_EQ(first.inputs[0].rfind("IFM 'ifm' window rows ", 0), 0u) << first.inputs[0];
}

TEST(VerifyModel, ArenaCorruptionIsCaughtAgainstTheFunctionalModelWithTheOperationsInputs) {
  const CompiledCase c = compiled_case("SOFTMAX");
  driver::npu::BackendRegistry registry = registry_with_broken_backend();
  VerifyOptions options;
  options.backend = "broken-arena";
  auto backends = open_backends(registry, options);
  ASSERT_TRUE(backends) << backends.status().message();
  auto report = verify_compiled_model(c.compiled, c.source, *backends, options);
  ASSERT_TRUE(report) << report.status().message();
  ASSERT_FALSE(report->passed());
  const MismatchDetail& first = *report->first_mismatch;
  EXPECT_EQ(first.against, "functional model");
  EXPECT_EQ(first.tensor, "OFM");
  EXPECT_EQ(first.actual ^ first.expected, 1);
  EXPECT_EQ(first.inputs_from, "the functional model's memory before the operation");
  ASSERT_FALSE(first.inputs.empty());
  EXPECT_TRUE(first.inputs[0].rfind("IFM (", 0) == 0 || first.inputs[0].rfind("IFM window", 0) == 0)
      << first.inputs[0];
}

// The NPU operation's IFM window, read from the functional model's memory
// before it runs, lists the same values as the layer's window on the CPU side.
TEST(OperationInputs, WindowsAgreeWithTheLayersInputs) {
  int checked = 0;
  for (uint32_t index = 0; index < 60; ++index) {
    RandomOperation random = random_operation(5, index);
    const std::string kind = random.description.substr(0, random.description.find(' '));
    if (kind != "CONV_2D" && kind != "DEPTHWISE_CONV_2D" && kind != "MAX_POOL_2D") continue;
    compiler::CompilerOptions compile_options;
    auto compiled = compiler::compile_model(random.model, compile_options);
    ASSERT_TRUE(compiled) << compiled.status().message();
    auto operations = list_npu_operations(compiled->output);
    ASSERT_TRUE(operations) << operations.status().message();
    ASSERT_EQ(operations->size(), 1u) << random.description;
    const ir::Graph& graph = random.model.main_graph();
    const std::vector<uint8_t> input =
        driver::random_input_bytes(graph.tensor(graph.inputs[0]), 11);
    auto before = run_before_operation(
        compiled->output, operations->at(0),
        driver::npu::functional_npu_prepare(*isa::find_accelerator_config("ethos-u55-256")),
        {input});
    ASSERT_TRUE(before) << before.status().message();
    std::vector<std::vector<uint8_t>> tensors(graph.tensors.size());
    tensors[static_cast<size_t>(graph.inputs[0])] = input;
    const ir::Shape& out = graph.tensor(graph.outputs[0]).shape;
    for (const std::array<int64_t, 4>& at :
         {std::array<int64_t, 4>{0, 0, 0, 0},
          std::array<int64_t, 4>{0, out[1] - 1, out[2] - 1, out[3] - 1}}) {
      const std::vector<std::string> npu =
          operation_inputs(operations->at(0).operation, *before, at);
      const std::vector<std::string> cpu =
          contributing_inputs(graph, graph.operators[0], tensors, at);
      ASSERT_FALSE(npu.empty());
      ASSERT_FALSE(cpu.empty());
      EXPECT_EQ(npu[0].substr(npu[0].find("): ") + 3), cpu[0].substr(cpu[0].find(": ") + 2))
          << random.description << "\nNPU: " << npu[0] << "\nCPU: " << cpu[0];
    }
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST(VerifyModel, UnknownBackendAndBadSeedsAreBadInput) {
  driver::npu::BackendRegistry registry = registry_with_broken_backend();
  VerifyOptions options;
  options.backend = "abacus";
  auto unknown = open_backends(registry, options);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.status().message(),
            "unknown backend 'abacus' (available: functional, broken, broken-arena)");
  options.backend = "functional";
  options.seeds = 1001;
  EXPECT_FALSE(open_backends(registry, options));
}

TEST(RandomOperations, SameSeedSameGraphAndEveryKindDrawn) {
  std::set<std::string> kinds;
  for (uint32_t i = 0; i < 200; ++i) {
    const RandomOperation a = random_operation(7, i);
    const RandomOperation b = random_operation(7, i);
    EXPECT_EQ(a.description, b.description);
    EXPECT_EQ(tflite::write_tflite(a.model).value(), tflite::write_tflite(b.model).value());
    kinds.insert(a.description.substr(0, a.description.find(' ')));
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"ADD", "AVERAGE_POOL_2D", "CONV_2D", "DEPTHWISE_CONV_2D",
                                          "FULLY_CONNECTED", "LOGISTIC", "MAXIMUM", "MAX_POOL_2D",
                                          "MINIMUM", "MUL", "SOFTMAX", "SUB", "TANH"}));
  EXPECT_NE(random_operation(7, 0).description + random_operation(7, 1).description,
            random_operation(8, 0).description + random_operation(8, 1).description);
}

}  // namespace
}  // namespace vnpu::verify
