// vnpu estimate MODEL.tflite: the analytic performance estimate of a
// Vela-compiled model's NPU command streams (perf/estimator.h), per NPU
// operation and in total, as a table and optionally CSV and JSON.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/system_options.h"
#include "core/file_io.h"
#include "isa/accelerator_config.h"
#include "isa/command_decoder.h"
#include "isa/cop1_payload.h"
#include "perf/report.h"
#include "perf/system_config.h"
#include "tflite/reader.h"

namespace vnpu::cli {
namespace {

struct EstimateSettings {
  std::string model_path;
  std::string csv_path;
  std::string json_path;
  isa::AcceleratorConfig accelerator{};
  perf::SystemConfig system;
  perf::MemoryMode mode;
};

Status collect_operations(const std::string& path, const isa::AcceleratorConfig& accelerator,
                          std::vector<isa::Operation>& operations) {
  Expected<ir::Model> model = tflite::load_tflite(path);
  if (!model) return model.status();
  size_t streams = 0;
  for (size_t g = 0; g < model->graphs.size(); ++g) {
    const ir::Graph& graph = model->graphs[g];
    for (size_t op = 0; op < graph.operators.size(); ++op) {
      const ir::Operator& node = graph.operators[op];
      if (node.type != ir::OpType::kEthosU) continue;
      const std::string where =
          path + ": subgraph " + std::to_string(g) + " operator " + std::to_string(op);
      if (node.inputs.empty() || node.inputs[0] == ir::kNoTensor) {
        return Status::invalid_input(where + ": ethos-u operator without a payload");
      }
      const std::vector<uint8_t>& bytes = graph.tensor(node.inputs[0]).data;
      Expected<isa::Cop1Payload> payload = isa::parse_cop1_payload(bytes.data(), bytes.size());
      if (!payload) return payload.status().with_context(where);
      if (payload->has_optimizer_config) {
        Status config = isa::check_payload_config(*payload, accelerator);
        if (!config) return config.with_context(where);
      }
      const isa::DecodedStream decoded =
          isa::decode_stream(payload->command_stream.data(), payload->command_stream.size());
      if (!decoded.status) return decoded.status.with_context(where);
      operations.insert(operations.end(), decoded.operations.begin(), decoded.operations.end());
      ++streams;
    }
  }
  if (streams == 0) {
    return Status::invalid_input(path + ": no ethos-u operators (compile the model with Vela or "
                                        "vnpu compile first)");
  }
  return Status::ok();
}

Status resolve_settings(const po::variables_map& values, EstimateSettings& settings) {
  settings.model_path = values["model"].as<std::string>();
  Expected<isa::AcceleratorConfig> accelerator =
      isa::find_accelerator_config(values["accelerator-config"].as<std::string>());
  if (!accelerator) return accelerator.status();
  settings.accelerator = *accelerator;
  Expected<SystemSelection> selection = resolve_system_options(values);
  if (!selection) return selection.status();
  settings.system = std::move(selection->system);
  settings.mode = std::move(selection->mode);
  if (values.count("csv") != 0) settings.csv_path = values["csv"].as<std::string>();
  if (values.count("json") != 0) settings.json_path = values["json"].as<std::string>();
  return Status::ok();
}

}  // namespace

int run_estimate(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("model", po::value<std::string>()->required(),
                        "MODEL.tflite compiled for the NPU (ethos-u operators)")(
      "accelerator-config",
      po::value<std::string>()->default_value(isa::kDefaultAcceleratorConfig),
      "NPU configuration: ethos-u55-32, -64, -128, -256 (Vela's default: -256)")(
      "csv", po::value<std::string>(), "also write the per-operation estimate as CSV")(
      "json", po::value<std::string>(), "also write the estimate as JSON")(
      "vela-view", "Vela 3.10's model only (buffered weights free, no command fetch, latencies or "
                   "shared memories): what Vela's own figures mean");
  add_system_options(options);
  po::positional_options_description positional;
  positional.add("model", 1);
  ParsedOptions parsed = parse_options(
      argc, argv,
      "usage: vnpu estimate MODEL.tflite [options]\n"
      "Estimates the cycles of every NPU operation of a compiled model (Vela's or vnpu's) with\n"
      "the analytic model of docs/perf_model.md: Vela 3.10's formulas plus the timed model's\n"
      "terms (weight reads, command fetch, latencies, shared memories; --vela-view drops them):\n"
      "MAC, output-unit and command-issue cycles, bytes and access cycles per memory, the\n"
      "binding resource, MACs and utilisation.",
      options, positional);
  if (parsed.exit_code) return *parsed.exit_code;
  EstimateSettings settings;
  Status status = resolve_settings(parsed.values, settings);
  if (!status) return report_error("estimate", status);
  std::vector<isa::Operation> operations;
  status = collect_operations(settings.model_path, settings.accelerator, operations);
  if (!status) return report_error("estimate", status);
  const perf::Estimate estimate =
      perf::estimate_stream(operations, settings.accelerator, settings.system, settings.mode,
                            parsed.values.count("vela-view") ? perf::EstimateOptions::vela_view()
                                                             : perf::EstimateOptions{});
  const perf::ReportContext context{settings.model_path, settings.accelerator.name,
                                    settings.system.name, settings.mode.name};
  std::fputs(perf::format_table(estimate, context).c_str(), stdout);
  if (!settings.csv_path.empty()) {
    status = write_text_file(settings.csv_path, perf::format_csv(estimate));
    if (!status) return report_error("estimate", status);
  }
  if (!settings.json_path.empty()) {
    status = write_text_file(settings.json_path, perf::format_json(estimate, context));
    if (!status) return report_error("estimate", status);
  }
  return 0;
}

}  // namespace vnpu::cli
