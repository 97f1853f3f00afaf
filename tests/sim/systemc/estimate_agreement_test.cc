// The analytic estimate (perf::estimate_stream, as `vnpu estimate` computes it)
// against the timed SystemC model: within 10 % per model,
// on both ethos-u55-128 and -256, for every shared model's Vela compile (and the
// upstream person_detect compile) and for our compiler's output of every shared
// model (compiler::compile_model, Shared_Sram). No per-model exceptions.
//
// VNPU_AGREE_DUMP=1 prints every job beside its estimate (issue, start, end).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/compile_model.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/systemc_backend.h"
#include "driver/npy.h"
#include "isa/command_decoder.h"
#include "isa/cop1_payload.h"
#include "perf/estimator.h"
#include "tests/golden/shared_models.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu {
namespace {

constexpr double kAllowedDifference = 0.10;

enum class Source : uint8_t { kVela, kVelaUpstream, kOurCompiler };

struct AgreementCase {
  std::string model;
  std::string config;
  Source source = Source::kVela;
};

void PrintTo(const AgreementCase& c, std::ostream* os) { *os << c.model << " " << c.config; }

std::vector<AgreementCase> agreement_cases(Source source) {
  std::vector<AgreementCase> out;
  for (const std::string& model : testing::shared_model_names()) {
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"})
      out.push_back({model, config, source});
  }
  if (source == Source::kVela) {
    out.push_back({"person_detect", "ethos-u55-256", Source::kVelaUpstream});
  }
  return out;
}

std::string agreement_name(const ::testing::TestParamInfo<AgreementCase>& info) {
  const AgreementCase& c = info.param;
  return c.model + (c.source == Source::kVelaUpstream ? "_upstream_" : "_") +
         c.config.substr(c.config.rfind('-') + 1);
}

driver::npu::SystemcOptions default_options(const std::string& config) {
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  return {*isa::find_accelerator_config(config),
          *ini.find_system_config(perf::kDefaultSystemConfig),
          *ini.find_memory_mode(perf::kDefaultMemoryMode), false};
}

// The model to run: Vela's file, or our compile of model.tflite written and read
// back through the file format (as `vnpu run` reads what `vnpu compile` wrote).
Expected<ir::Model> load_case_model(const AgreementCase& c) {
  if (c.source == Source::kVela) {
    return tflite::load_tflite(
        testing::model_file(c.model, "vela/" + c.config + "/" + c.model + "_vela.tflite"));
  }
  if (c.source == Source::kVelaUpstream) {
    return tflite::load_tflite(testing::model_file(c.model, "vela_upstream_u55-256.tflite"));
  }
  auto source = tflite::load_tflite(testing::model_file(c.model, "model.tflite"));
  if (!source) return source.status();
  compiler::CompilerOptions options;
  options.accelerator_config = c.config;
  options.memory_mode = *perf::builtin_vela_ini().find_memory_mode(perf::kDefaultMemoryMode);
  auto compiled = compiler::compile_model(std::move(*source), options);
  if (!compiled) return compiled.status();
  auto bytes = tflite::write_tflite(compiled->output);
  if (!bytes) return bytes.status();
  return tflite::read_tflite(bytes->data(), bytes->size(), "compiled " + c.model);
}

// One inference (input_1_0.npy) on the SystemC backend; the log gets one run
// per ethos-u operator, in graph order.
Status run_timed(const AgreementCase& c, const ir::Model& model,
                 const std::shared_ptr<driver::npu::SystemcLog>& log) {
  driver::cpu::CpuOptions options;
  options.npu_prepare = driver::npu::systemc_npu_prepare(default_options(c.config), log);
  auto offsets = tflite::read_offline_memory_plan(model);
  if (!offsets) return offsets.status();
  options.fixed_offsets = *offsets;
  auto runtime = driver::cpu::CpuRuntime::create(model.main_graph(), options);
  if (!runtime) return runtime.status();
  auto input = driver::load_npy(testing::model_file(c.model, "input_1_0.npy"));
  if (!input) return input.status();
  Status status = (*runtime)->set_input(0, input->data);
  if (!status) return status;
  return (*runtime)->invoke();
}

// The estimate of every ethos-u operator's stream, in graph order.
std::vector<perf::Estimate> estimate_streams(const ir::Model& model, const std::string& config) {
  const driver::npu::SystemcOptions o = default_options(config);
  std::vector<perf::Estimate> out;
  for (const ir::Operator& op : model.main_graph().operators) {
    if (op.type != ir::OpType::kEthosU) continue;
    const ir::Tensor& payload_tensor = model.main_graph().tensor(op.inputs[0]);
    auto payload = isa::parse_cop1_payload(payload_tensor.data.data(), payload_tensor.data.size());
    EXPECT_TRUE(payload.has_value());
    if (!payload) return {};
    const isa::DecodedStream decoded =
        isa::decode_stream(payload->command_stream.data(), payload->command_stream.size());
    out.push_back(perf::estimate_stream(decoded.operations, o.accelerator, o.system, o.mode));
  }
  return out;
}

// Every job of a run beside the estimate of the operation at the same word.
void dump_jobs(const sim::systemc::RunRecord& record, const perf::Estimate& estimate) {
  std::map<uint32_t, const perf::OperationEstimate*> by_word;
  for (const perf::OperationEstimate& e : estimate.operations) by_word[e.word_offset] = &e;
  std::printf("  %5s %-18s %8s %8s %8s %7s | %9s %9s %8s %s\n", "word", "job", "issue", "start",
              "end", "cycles", "est.start", "est.end", "est.cyc", "bound");
  for (const sim::systemc::JobRecord& job : record.jobs) {
    const auto found = by_word.find(job.word_offset);
    const perf::OperationEstimate* e = found == by_word.end() ? nullptr : found->second;
    std::printf("  %5u %-18s %8llu %8llu %8llu %7llu | %9.0f %9.0f %8.0f %s\n", job.word_offset,
                job.name.c_str(), static_cast<unsigned long long>(job.issue_cycle),
                static_cast<unsigned long long>(job.start_cycle),
                static_cast<unsigned long long>(job.end_cycle),
                static_cast<unsigned long long>(job.cycles()), e ? e->start_cycle : -1.0,
                e ? e->end_cycle : -1.0, e ? (e->is_block ? e->cycles : e->dma_cycles) : -1.0,
                e ? perf::bound_name(e->bound) : "?");
  }
  std::printf("  run %llu cycles, estimate %.1f\n", static_cast<unsigned long long>(record.cycles),
              estimate.total_cycles);
}

class EstimateAgreement : public ::testing::TestWithParam<AgreementCase> {
 protected:
  void SetUp() override {
    if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  }
};

TEST_P(EstimateAgreement, EstimateIsWithinTenPercentOfTheTimedModel) {
  const AgreementCase& c = GetParam();
  auto model = load_case_model(c);
  ASSERT_TRUE(model) << model.status().message();
  auto log = std::make_shared<driver::npu::SystemcLog>();
  const Status status = run_timed(c, *model, log);
  ASSERT_TRUE(status) << status.message();
  const std::vector<perf::Estimate> estimates = estimate_streams(*model, c.config);
  ASSERT_EQ(estimates.size(), log->runs.size()) << "one estimate per NPU run";
  ASSERT_FALSE(estimates.empty());
  const bool dump = std::getenv("VNPU_AGREE_DUMP") != nullptr;
  double timed = 0;
  double estimate = 0;
  for (size_t i = 0; i < estimates.size(); ++i) {
    ASSERT_TRUE(log->runs[i].record.ok()) << log->runs[i].record.message;
    timed += static_cast<double>(log->runs[i].record.cycles);
    estimate += estimates[i].total_cycles;
    if (dump) dump_jobs(log->runs[i].record, estimates[i]);
  }
  ASSERT_GT(timed, 0);
  const double difference = (estimate - timed) / timed;
  std::printf("[ cycles ] %s %s %s: systemc %.0f estimate %.1f difference %+.1f%%\n",
              c.source == Source::kOurCompiler ? "vnpu" : "vela", c.model.c_str(), c.config.c_str(),
              timed, estimate, 100 * difference);
  EXPECT_LE(std::fabs(difference), kAllowedDifference)
      << "systemc " << timed << " cycles vs estimate " << estimate;
}

INSTANTIATE_TEST_SUITE_P(VelaStreams, EstimateAgreement,
                         ::testing::ValuesIn(agreement_cases(Source::kVela)), agreement_name);
INSTANTIATE_TEST_SUITE_P(OurCompiler, EstimateAgreement,
                         ::testing::ValuesIn(agreement_cases(Source::kOurCompiler)),
                         agreement_name);

}  // namespace
}  // namespace vnpu
