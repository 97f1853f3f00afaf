#include "tests/isa/vela_models.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "isa/cop1_payload.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"

namespace vnpu::isa::testing {
namespace {

std::string models_dir() { return vnpu::testing::shared_models_dir(); }

}  // namespace

std::vector<VelaModel> vela_models() {
  std::vector<VelaModel> models;
  if (!vnpu::testing::shared_models_present()) return models;
  for (const std::string& model : vnpu::testing::shared_model_names()) {
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      const std::string path =
          models_dir() + "/" + model + "/vela/" + config + "/" + model + "_vela.tflite";
      if (std::filesystem::exists(path)) models.push_back({path, config});
    }
  }
  const std::string upstream = models_dir() + "/person_detect/vela_upstream_u55-256.tflite";
  if (std::filesystem::exists(upstream)) models.push_back({upstream, "ethos-u55-256"});
  return models;
}

std::vector<std::vector<uint8_t>> ethos_u_payloads(const std::string& path) {
  std::vector<std::vector<uint8_t>> payloads;
  Expected<ir::Model> model = tflite::load_tflite(path);
  if (!model) {
    ADD_FAILURE() << model.status().message();
    return payloads;
  }
  for (const ir::Graph& graph : model->graphs) {
    for (const ir::Operator& op : graph.operators) {
      if (op.type != ir::OpType::kEthosU || op.inputs.empty()) continue;
      payloads.push_back(graph.tensor(op.inputs[0]).data);
    }
  }
  return payloads;
}

std::vector<uint32_t> small_vela_stream() {
  const std::string path = models_dir() + "/hello_world/vela/ethos-u55-128/hello_world_vela.tflite";
  if (!std::filesystem::exists(path)) return {};
  const std::vector<std::vector<uint8_t>> payloads = ethos_u_payloads(path);
  if (payloads.empty()) return {};
  Expected<Cop1Payload> payload = parse_cop1_payload(payloads[0].data(), payloads[0].size());
  if (!payload) return {};
  return payload->command_stream;
}

}  // namespace vnpu::isa::testing
