// Every shared Vela model (ethos-u55-128 and -256, of ../shared/models, the
// upstream person_detect compile, and of ../shared/more_models) through the
// driver's SystemC backend, as `vnpu run --backend systemc` runs it, the
// operators Vela left on the CPU on our CPU kernels: every output byte-identical
// to TensorFlow Lite Micro's goldens for seeds 1-3, one NPU run per ethos-u
// operator with a clean STATUS and the PMU cycle counter equal to the simulated
// cycles; a trace that parses as trace-event JSON and adds up.
// Known gaps (tests/CMakeLists.txt, expected to fail): audio_preprocessor_int8
// (its signal-library operators on our CPU) and retinaface (Vela's stream for
// its first PAD differs from TFLM's).
#include "tests/golden/shared_models.h"

#include <gtest/gtest.h>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/systemc_backend.h"
#include "driver/npy.h"
#include "perf/system_config.h"
#include "sim/systemc/chrome_trace.h"
#include "sim/systemc/npu_registers.h"
#include "tests/golden/golden_run.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/reader.h"

namespace vnpu {
namespace {

struct VelaCase {
  std::string models_dir;  // ../shared/models or ../shared/more_models
  std::string model;
  std::string file;
  std::string config;
  int seed;

  std::string model_dir() const { return models_dir + "/" + model + "/"; }
};

void PrintTo(const VelaCase& c, std::ostream* os) {
  *os << c.model << "/" << c.file << " seed " << c.seed;
}

std::vector<VelaCase> cases(bool all_seeds) {
  std::vector<VelaCase> out;
  const int last_seed = all_seeds ? 3 : 1;
  auto add_vela_outputs = [&out, last_seed](const std::string& dir,
                                            const std::vector<std::string>& models) {
    for (const std::string& model : models) {
      for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
        for (int seed = 1; seed <= last_seed; ++seed) {
          out.push_back({dir, model, std::string("vela/") + config + "/" + model + "_vela.tflite",
                         config, seed});
        }
      }
    }
  };
  add_vela_outputs(testing::shared_models_dir(), testing::shared_model_names());
  for (int seed = 1; seed <= last_seed; ++seed) {
    out.push_back({testing::shared_models_dir(), "person_detect", "vela_upstream_u55-256.tflite",
                   "ethos-u55-256", seed});
  }
  add_vela_outputs(testing::more_models_dir(), testing::more_model_names_with_vela_output());
  return out;
}

std::string case_name(const ::testing::TestParamInfo<VelaCase>& info) {
  const VelaCase& c = info.param;
  return c.model + "_" + (c.file.rfind("vela/", 0) == 0 ? "" : "upstream_") +
         c.config.substr(c.config.rfind('-') + 1) + "_seed" + std::to_string(c.seed);
}

struct Ran {
  std::vector<std::vector<uint8_t>> outputs;  // one per graph output
  std::shared_ptr<driver::npu::SystemcLog> log = std::make_shared<driver::npu::SystemcLog>();
  const ir::Graph* graph = nullptr;
};

driver::npu::SystemcOptions default_options(const std::string& config, bool trace) {
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  return {*isa::find_accelerator_config(config),
          *ini.find_system_config(perf::kDefaultSystemConfig),
          *ini.find_memory_mode(perf::kDefaultMemoryMode), trace};
}

// Runs the model on the SystemC backend with input_<seed>_0.npy.
void run_case(const VelaCase& c, const ir::Model& model, bool trace, Ran* ran) {
  driver::cpu::CpuOptions options;
  options.npu_prepare =
      driver::npu::systemc_npu_prepare(default_options(c.config, trace), ran->log);
  auto offsets = tflite::read_offline_memory_plan(model);
  ASSERT_TRUE(offsets) << offsets.status().message();
  options.fixed_offsets = *offsets;
  auto runtime = driver::cpu::CpuRuntime::create(model.main_graph(), options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  testing::set_seed_inputs(c.model_dir(), c.seed, **runtime);
  if (::testing::Test::HasFatalFailure()) return;
  Status status = (*runtime)->invoke();
  ASSERT_TRUE(status) << status.message();
  for (size_t k = 0; k < model.main_graph().outputs.size(); ++k) {
    ran->outputs.push_back((*runtime)->output(k));
  }
}

class SystemcGolden : public ::testing::TestWithParam<VelaCase> {
 protected:
  void SetUp() override {
    if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  }
};

TEST_P(SystemcGolden, OutputIsByteIdenticalAndThePmuCountsTheRun) {
  const VelaCase& c = GetParam();
  if (c.models_dir == testing::more_models_dir() &&
      !std::filesystem::exists(testing::more_models_dir() + "/MANIFEST.json")) {
    if (testing::running_under_ci()) FAIL() << "CI=true but more_models is missing";
    GTEST_SKIP() << "more_models not found at " << testing::more_models_dir();
  }
  auto model = tflite::load_tflite(c.model_dir() + c.file);
  ASSERT_TRUE(model) << model.status().message();
  Ran ran;
  run_case(c, *model, false, &ran);
  if (HasFatalFailure()) return;
  for (size_t k = 0; k < ran.outputs.size(); ++k) {
    auto expected = driver::load_npy(c.model_dir() + testing::seed_file("output", c.seed, k));
    ASSERT_TRUE(expected) << expected.status().message();
    EXPECT_EQ(ran.outputs[k], expected->data) << "output " << k;
  }
  size_t ethos_u_operators = 0;
  for (const ir::Operator& op : model->main_graph().operators) {
    if (op.type == ir::OpType::kEthosU) ++ethos_u_operators;
  }
  ASSERT_EQ(ran.log->runs.size(), ethos_u_operators);
  for (const driver::npu::SystemcOpRun& run : ran.log->runs) {
    EXPECT_TRUE(run.record.ok()) << run.record.message;
    EXPECT_NE(run.status & sim::systemc::reg::kStatusCmdEndReached, 0u);
    EXPECT_GT(run.record.cycles, 0u);
    EXPECT_EQ(run.pmu_cycles, run.record.cycles);
    for (size_t i = 0; i < run.pmu_counters.size(); ++i) {
      EXPECT_EQ(run.pmu_counters[i],
                static_cast<uint32_t>(run.record.events[driver::npu::kDriverPmuEvents[i]]));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(VelaModels, SystemcGolden, ::testing::ValuesIn(cases(true)), case_name);

// The analytic estimate against these runs: estimate_agreement_test.cc.

namespace pt = boost::property_tree;

// A trace of kws_dscnn (U55-256) parses as trace-event JSON; it names the eight
// tracks; the NPU run track's duration equals the reported cycles; each unit's
// busy cycles equal its PMU counter; no event leaves the run.
TEST(SystemcTrace, TraceParsesAndItsTracksAddUpToTheReportedCycles) {
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  const VelaCase c{testing::shared_models_dir(), "kws_dscnn",
                   "vela/ethos-u55-256/kws_dscnn_vela.tflite", "ethos-u55-256", 1};
  auto model = tflite::load_tflite(c.model_dir() + c.file);
  ASSERT_TRUE(model) << model.status().message();
  Ran ran;
  run_case(c, *model, true, &ran);
  if (HasFatalFailure()) return;
  ASSERT_EQ(ran.log->runs.size(), 1u);
  const sim::systemc::RunRecord& record = ran.log->runs[0].record;
  const std::string json = sim::systemc::chrome_trace_json({{"ethos-u", &record}}, 500e6);
  pt::ptree tree;
  std::istringstream in(json);
  ASSERT_NO_THROW(pt::read_json(in, tree));
  std::map<int, std::string> tracks;
  std::map<int, uint64_t> busy;
  uint64_t last_end = 0;
  size_t events = 0;
  for (const auto& [key, event] : tree.get_child("traceEvents")) {
    (void)key;
    const std::string phase = event.get<std::string>("ph");
    const int tid = event.get<int>("tid");
    if (phase == "M") {
      tracks[tid] = event.get<std::string>("args.name");
      continue;
    }
    ASSERT_EQ(phase, "X");
    const auto begin = event.get<uint64_t>("args.begin_cycle");
    const auto cycles = event.get<uint64_t>("args.cycles");
    EXPECT_NEAR(event.get<double>("ts"), static_cast<double>(begin) * 0.002, 1e-3);
    EXPECT_NEAR(event.get<double>("dur"), static_cast<double>(cycles) * 0.002, 1e-3);
    busy[tid] += cycles;
    last_end = std::max(last_end, begin + cycles);
    ++events;
  }
  EXPECT_GT(events, 100u);
  using sim::systemc::Unit;
  ASSERT_EQ(tracks.size(), 8u);
  EXPECT_EQ(tracks[sim::systemc::kRunTrack], "NPU run");
  EXPECT_EQ(tracks[sim::systemc::unit_track(Unit::kCommandProcessor)], "command processor");
  EXPECT_EQ(tracks[sim::systemc::unit_track(Unit::kAxi1)], "AXI1");
  EXPECT_EQ(busy[sim::systemc::kRunTrack], record.cycles);
  EXPECT_EQ(last_end, record.cycles);
  EXPECT_EQ(busy[sim::systemc::unit_track(Unit::kMac)], record.events[sim::systemc::kPmuMacActive]);
  EXPECT_EQ(busy[sim::systemc::unit_track(Unit::kOutputUnit)],
            record.events[sim::systemc::kPmuAoActive]);
  EXPECT_EQ(busy[sim::systemc::unit_track(Unit::kWeightDecoder)],
            record.events[sim::systemc::kPmuWdActive]);
  EXPECT_GT(busy[sim::systemc::unit_track(Unit::kDma)], 0u);
  EXPECT_GT(busy[sim::systemc::unit_track(Unit::kAxi0)], 0u);
}

}  // namespace
}  // namespace vnpu

namespace vnpu {
namespace {

// The timed model is deterministic: the same inference twice on one runtime,
// after other runs in this process, gives the same cycles and job timings
// (same-cycle AXI requests are granted in a fixed order, R1).
TEST(SystemcDeterminism, RepeatedInferenceHasIdenticalTiming) {
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  auto model = tflite::load_tflite(
      testing::model_file("kws_dscnn", "vela/ethos-u55-256/kws_dscnn_vela.tflite"));
  ASSERT_TRUE(model) << model.status().message();
  auto log = std::make_shared<driver::npu::SystemcLog>();
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  driver::cpu::CpuOptions options;
  options.npu_prepare = driver::npu::systemc_npu_prepare(
      {*isa::find_accelerator_config("ethos-u55-256"),
       *ini.find_system_config(perf::kDefaultSystemConfig),
       *ini.find_memory_mode(perf::kDefaultMemoryMode), false},
      log);
  options.fixed_offsets = *tflite::read_offline_memory_plan(*model);
  auto runtime = driver::cpu::CpuRuntime::create(model->main_graph(), options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  auto input = driver::load_npy(testing::model_file("kws_dscnn", "input_2_0.npy"));
  ASSERT_TRUE(input);
  ASSERT_TRUE((*runtime)->set_input(0, input->data));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE((*runtime)->invoke());
  ASSERT_EQ(log->runs.size(), 3u);
  for (size_t r = 1; r < 3; ++r) {
    const sim::systemc::RunRecord& a = log->runs[0].record;
    const sim::systemc::RunRecord& b = log->runs[r].record;
    EXPECT_EQ(a.cycles, b.cycles);
    ASSERT_EQ(a.jobs.size(), b.jobs.size());
    for (size_t j = 0; j < a.jobs.size(); ++j) {
      EXPECT_EQ(a.jobs[j].start_cycle, b.jobs[j].start_cycle) << "job " << j;
      EXPECT_EQ(a.jobs[j].end_cycle, b.jobs[j].end_cycle) << "job " << j;
    }
    EXPECT_EQ(a.events, b.events);
  }
}

}  // namespace
}  // namespace vnpu
