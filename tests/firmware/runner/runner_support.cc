#include "runner_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "../../golden/shared_models.h"

namespace vnpu::firmware::testing {

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<uint8_t> npy_data(const std::string& path) {
  std::vector<uint8_t> bytes = read_file(path);
  if (bytes.size() < 10) return {};
  const size_t header = 10u + static_cast<size_t>(bytes[8]) + 256u * bytes[9];
  if (header > bytes.size()) return {};
  return std::vector<uint8_t>(bytes.begin() + static_cast<std::ptrdiff_t>(header), bytes.end());
}

std::vector<std::string> shared_model_files() {
  std::vector<std::string> files;
  for (const std::string& name : vnpu::testing::shared_model_names()) {
    const std::string path = vnpu::testing::model_file(name, "model.tflite");
    if (std::filesystem::exists(path)) files.push_back(path);
  }
  return files;
}

std::vector<std::string> shared_vela_files() {
  std::vector<std::string> files;
  for (const std::string& name : vnpu::testing::shared_model_names()) {
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      const std::string path = vnpu::testing::model_file(
          name, std::string("vela/") + config + "/" + name + "_vela.tflite");
      if (std::filesystem::exists(path)) files.push_back(path);
    }
  }
  return files;
}

}  // namespace vnpu::firmware::testing
