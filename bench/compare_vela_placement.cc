// compare_vela_placement MODELS_DIR...: per model folder under each
// MODELS_DIR (a folder holding model.tflite, as ../shared/models and
// ../shared/more_models) and per configuration (ethos-u55-128, ethos-u55-256),
// a markdown row with our compiled model's placement beside Vela's: source
// operators on the NPU, ethos-u operators and CPU operators of ours
// (compile_model with Ethos_U55_High_End_Embedded's Shared_Sram and a 4 GiB
// arena cache, as the shared Vela runs), and of Vela's compiled .tflite
// (vela/<config>/<model>_vela.tflite; NPU operators from its summary.json).
// Both compiled models are counted by compiler/placement_counts.h. Not a
// benchmark; here beside compare_vela_cycles.sh.
// Exit 2 when a folder cannot be read.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "compiler/compile_model.h"
#include "compiler/placement_counts.h"
#include "core/file_io.h"
#include "core/json.h"
#include "perf/system_config.h"
#include "tflite/reader.h"

namespace vnpu::bench {
namespace {

constexpr uint64_t kArenaCacheBytes = uint64_t{1} << 32;  // as the shared Vela runs
constexpr const char* kConfigs[] = {"ethos-u55-128", "ethos-u55-256"};

struct Side {
  std::string error;  // why there are no counts
  size_t npu_operators = 0;
  compiler::PlacementCounts counts;
};

Side ours(const std::string& model_path, const std::string& config) {
  auto model = tflite::load_tflite(model_path);
  if (!model) return {model.status().message(), 0, {}};
  compiler::CompilerOptions options;
  options.accelerator_config = config;
  options.memory_mode = *perf::builtin_vela_ini().find_memory_mode(perf::kDefaultMemoryMode);
  options.arena_cache_size = kArenaCacheBytes;
  auto compiled = compiler::compile_model(std::move(*model), options);
  if (!compiled) return {compiled.status().message(), 0, {}};
  Side side;
  for (const compiler::CompiledOperator& op : compiled->operators) {
    side.npu_operators += op.segment >= 0 ? 1 : 0;
  }
  side.counts = compiler::count_placement(compiled->output.main_graph());
  return side;
}

Side velas(const std::string& folder, const std::string& model, const std::string& config) {
  const std::string dir = folder + "/vela/" + config + "/";
  const std::string compiled = dir + model + "_vela.tflite";
  if (!std::filesystem::exists(compiled)) {
    return {
        std::filesystem::exists(dir + "VELA_FAILED.txt") ? "Vela failed" : "no Vela output", 0, {}};
  }
  auto vela = tflite::load_tflite(compiled);
  if (!vela) return {vela.status().message(), 0, {}};
  Side side;
  side.counts = compiler::count_placement(vela->main_graph());
  auto summary = read_file(dir + "summary.json");
  if (summary) {
    const Json json = Json::parse(summary->begin(), summary->end(), nullptr, false);
    if (json.is_object()) side.npu_operators = json.value("npu_ops", size_t{0});
  }
  return side;
}

std::string counts_cells(const Side& side) {
  if (!side.error.empty()) return side.error + " | | ";
  return std::to_string(side.npu_operators) + " | " +
         std::to_string(side.counts.ethos_u_operators) + " | " +
         std::to_string(side.counts.cpu_operators);
}

std::string verdict(const Side& a, const Side& v) {
  if (!a.error.empty() || !v.error.empty()) return "-";
  if (a.counts.cpu_operators <= v.counts.cpu_operators) return "yes";
  return "**no** (+" + std::to_string(a.counts.cpu_operators - v.counts.cpu_operators) + ")";
}

void print_rows(const std::string& models_dir) {
  std::vector<std::string> models;
  for (const auto& entry : std::filesystem::directory_iterator(models_dir)) {
    if (std::filesystem::exists(entry.path() / "model.tflite")) {
      models.push_back(entry.path().filename().string());
    }
  }
  std::sort(models.begin(), models.end());
  for (const std::string& model : models) {
    const std::string folder = models_dir + "/" + model;
    for (const char* config : kConfigs) {
      const Side a = ours(folder + "/model.tflite", config);
      const Side v = velas(folder, model, config);
      std::printf("| %s | %s | %s | %s | %s | %s | %s |\n", model.c_str(),
                  std::string(config).substr(std::string(config).rfind('-') + 1).c_str(),
                  counts_cells(a).c_str(), counts_cells(v).c_str(), verdict(a, v).c_str(),
                  a.error.empty() ? compiler::cpu_operator_types_text(a.counts).c_str() : "-",
                  v.error.empty() ? compiler::cpu_operator_types_text(v.counts).c_str() : "-");
    }
  }
}

}  // namespace
}  // namespace vnpu::bench

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: compare_vela_placement MODELS_DIR...\n");
    return 2;
  }
  for (int i = 1; i < argc; ++i) {
    if (!std::filesystem::is_directory(argv[i])) {
      std::fprintf(stderr, "compare_vela_placement: %s is not a folder\n", argv[i]);
      return 2;
    }
  }
  std::printf(
      "| model | config | ours: NPU ops | ours: ethos-u ops | ours: CPU ops | Vela: NPU ops | "
      "Vela: ethos-u ops | Vela: CPU ops | ours CPU <= Vela's | our CPU op types | "
      "Vela's CPU op types |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (int i = 1; i < argc; ++i) vnpu::bench::print_rows(argv[i]);
  return 0;
}
