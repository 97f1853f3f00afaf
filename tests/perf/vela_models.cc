#include "tests/perf/vela_models.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "isa/command_decoder.h"
#include "isa/cop1_payload.h"
#include "tflite/reader.h"

namespace vnpu::perf::testing {

std::string shared_model_dir(const std::string& model, const std::string& config) {
  return std::string(VNPU_SHARED_MODELS_DIR) + "/" + model + "/vela/" + config + "/";
}

std::vector<isa::Operation> load_vela_operations(const std::string& path) {
  std::vector<isa::Operation> out;
  Expected<ir::Model> model = tflite::load_tflite(path);
  EXPECT_TRUE(model.has_value()) << model.status().message();
  if (!model) return out;
  for (const ir::Graph& graph : model->graphs) {
    for (const ir::Operator& node : graph.operators) {
      if (node.type != ir::OpType::kEthosU || node.inputs.empty()) continue;
      const std::vector<uint8_t>& bytes = graph.tensor(node.inputs[0]).data;
      Expected<isa::Cop1Payload> payload = isa::parse_cop1_payload(bytes.data(), bytes.size());
      EXPECT_TRUE(payload.has_value()) << payload.status().message();
      if (!payload) return {};
      const isa::DecodedStream decoded =
          isa::decode_stream(payload->command_stream.data(), payload->command_stream.size());
      EXPECT_TRUE(decoded.status.is_ok()) << decoded.status.message();
      out.insert(out.end(), decoded.operations.begin(), decoded.operations.end());
    }
  }
  return out;
}

std::vector<VelaRow> read_vela_per_layer_csv(const std::string& path) {
  std::vector<VelaRow> rows;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (fields.size() < 14 && std::getline(stream, field, ',')) fields.push_back(field);
    if (fields.size() < 12) continue;
    VelaRow row;
    row.nng_operator = fields[1];
    row.op_cycles = std::stod(fields[4]);
    row.npu_cycles = std::stod(fields[6]);
    row.sram_access_cycles = std::stod(fields[7]);
    row.off_flash_access_cycles = std::stod(fields[10]);
    row.macs = std::stod(fields[11]);
    rows.push_back(row);
  }
  return rows;
}

double read_vela_total_cycles(const std::string& summary_json_path) {
  std::ifstream in(summary_json_path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string key = "\"total_cycles\":";
  const size_t at = text.find(key);
  if (at == std::string::npos) return 0;
  return std::stod(text.substr(at + key.size()));
}

}  // namespace vnpu::perf::testing
