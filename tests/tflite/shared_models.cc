#include "tests/tflite/shared_models.h"

#include "tests/golden/shared_models.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

// Boost 1.74 property_tree includes the deprecated boost/bind.hpp, which announces itself.
#define BOOST_BIND_GLOBAL_PLACEHOLDERS
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

namespace vnpu::tflite::testing {
namespace {

namespace fs = std::filesystem;
using boost::property_tree::ptree;

ptree read_json(const std::string& path) {
  ptree tree;
  boost::property_tree::read_json(path, tree);
  return tree;
}

template <typename T>
std::vector<T> read_list(const ptree& tree, const std::string& key) {
  std::vector<T> values;
  const auto child = tree.get_child_optional(key);
  if (!child) return values;
  for (const auto& item : *child) values.push_back(item.second.get_value<T>());
  return values;
}

ManifestTensor read_tensor(const ptree& tree) {
  ManifestTensor tensor;
  tensor.tensor_index = tree.get<int32_t>("tensor_index");
  tensor.name = tree.get<std::string>("name");
  tensor.dtype = tree.get<std::string>("dtype");
  tensor.shape = read_list<int32_t>(tree, "shape");
  if (const auto q = tree.get_child_optional("quantization")) {
    tensor.quantized = true;
    tensor.scale = q->get<double>("scale");
    tensor.zero_point = q->get<int64_t>("zero_point");
  }
  return tensor;
}

std::vector<ManifestTensor> read_tensors(const ptree& tree, const std::string& key) {
  std::vector<ManifestTensor> tensors;
  for (const auto& item : tree.get_child(key)) tensors.push_back(read_tensor(item.second));
  return tensors;
}

VelaSummary read_vela_summary(const std::string& model, const std::string& config) {
  const std::string folder = model + "/vela/" + config;
  const ptree tree = read_json(shared_models_dir() + "/" + folder + "/summary.json");
  VelaSummary summary;
  summary.config = config;
  summary.model_file = folder + "/" + model + "_vela.tflite";
  summary.vela_version = tree.get<std::string>("vela_version");
  summary.command_stream_payload_bytes = tree.get<int64_t>("command_stream_driver_payload_bytes");
  summary.flash_tensor_bytes = tree.get<int64_t>("npu_flash_tensor_bytes");
  summary.scratch_bytes = tree.get<int64_t>("npu_scratch_bytes");
  summary.ethos_u_ops = tree.get<int64_t>("ethos_u_custom_ops_in_output");
  summary.cpu_ops = tree.get<int64_t>("cpu_ops_in_output");
  return summary;
}

ManifestModel read_model(const std::string& name, const ptree& tree) {
  ManifestModel model;
  model.name = name;
  model.model_file = tree.get<std::string>("model_file");
  model.description = tree.get<std::string>("description");
  model.n_operators = tree.get<int32_t>("n_operators");
  model.operator_types = read_list<std::string>(tree, "operator_types");
  for (const auto& item : tree.get_child("operators")) {
    ManifestOperator op;
    op.index = item.second.get<int32_t>("index");
    op.op = item.second.get<std::string>("op");
    op.inputs = read_list<int32_t>(item.second, "inputs");
    op.outputs = read_list<int32_t>(item.second, "outputs");
    model.operators.push_back(op);
  }
  model.inputs = read_tensors(tree, "inputs");
  model.outputs = read_tensors(tree, "outputs");
  model.debug_model_outputs = read_list<int32_t>(tree, "intermediates.debug_model_outputs");
  model.debug_model_file = tree.get<std::string>("intermediates.debug_model_file", "");
  if (const auto vela = tree.get_child_optional("vela")) {
    for (const auto& config : *vela) {
      if (config.second.get<std::string>("status", "") != "ok") continue;
      model.vela.push_back(read_vela_summary(name, config.first));
    }
  }
  return model;
}

}  // namespace

std::string shared_models_dir() { return vnpu::testing::shared_models_dir(); }

bool shared_models_available() { return vnpu::testing::shared_models_present(); }

std::vector<std::string> all_shared_tflite_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(shared_models_dir())) {
    if (entry.is_regular_file() && entry.path().extension() == ".tflite") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string relative_to_models(const std::string& path) {
  return fs::relative(fs::path(path), fs::path(shared_models_dir())).string();
}

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw std::runtime_error(path + ": cannot open");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(stream),
                              std::istreambuf_iterator<char>());
}

std::vector<ManifestModel> load_manifest() {
  const ptree manifest = read_json(shared_models_dir() + "/MANIFEST.json");
  std::vector<ManifestModel> models;
  for (const auto& item : manifest.get_child("models")) {
    models.push_back(read_model(item.first, item.second));
  }
  for (const auto& item : manifest.get_child("files")) {
    const ptree& file = item.second;
    if (file.get<std::string>("role") != "intermediate") continue;
    const std::string owner = file.get<std::string>("model");
    for (ManifestModel& model : models) {
      if (model.name == owner) model.intermediates.push_back(read_tensor(file));
    }
  }
  return models;
}

}  // namespace vnpu::tflite::testing
