// Test helpers: where the shared golden models are and what MANIFEST.json says
// about them (parsed with Boost.PropertyTree; numbers are read as text).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vnpu::tflite::testing {

// VNPU_SHARED_MODELS_DIR; tests GTEST_SKIP() when shared_models_available() is false.
std::string shared_models_dir();
bool shared_models_available();

// Every *.tflite file under the shared models folder, sorted, as full paths.
std::vector<std::string> all_shared_tflite_files();

// The path relative to the shared models folder ("kws_dscnn/model.tflite").
std::string relative_to_models(const std::string& path);

std::vector<uint8_t> read_bytes(const std::string& path);

struct ManifestTensor {
  int32_t tensor_index = -1;
  std::string name;
  std::string dtype;  // "int8", ...
  std::vector<int32_t> shape;
  bool quantized = false;
  double scale = 0.0;
  int64_t zero_point = 0;
};

struct ManifestOperator {
  int32_t index = -1;
  std::string op;  // "CONV_2D", ...
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
};

struct VelaSummary {
  std::string config;      // "ethos-u55-128"
  std::string model_file;  // relative path of the compiled .tflite
  std::string vela_version;
  int64_t command_stream_payload_bytes = 0;
  int64_t flash_tensor_bytes = 0;
  int64_t scratch_bytes = 0;
  int64_t ethos_u_ops = 0;
  int64_t cpu_ops = 0;
};

struct ManifestModel {
  std::string name;
  std::string model_file;  // relative path
  std::string description;
  int32_t n_operators = 0;
  std::vector<std::string> operator_types;
  std::vector<ManifestOperator> operators;
  std::vector<ManifestTensor> inputs;
  std::vector<ManifestTensor> outputs;
  std::vector<ManifestTensor> intermediates;  // seed-1 operator outputs
  std::string debug_model_file;               // empty when not shipped
  std::vector<int32_t> debug_model_outputs;
  std::vector<VelaSummary> vela;  // from each vela/<config>/summary.json
};

// Parses MANIFEST.json and the Vela summaries; throws std::runtime_error on a
// malformed file.
std::vector<ManifestModel> load_manifest();

}  // namespace vnpu::tflite::testing
