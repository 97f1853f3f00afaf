// Where the shared golden models are and which of them exist.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace vnpu::testing {

inline std::string shared_models_dir() { return VNPU_SHARED_MODELS_DIR; }

inline bool shared_models_present() {
  return std::filesystem::exists(shared_models_dir() + "/MANIFEST.json");
}

inline const std::vector<std::string>& shared_model_names() {
  static const std::vector<std::string> kNames = {"kws_dscnn",      "vww_mobilenetv1",
                                                  "ic_resnet8",     "ad_autoencoder",
                                                  "person_detect",  "hello_world"};
  return kNames;
}

inline std::string model_file(const std::string& model, const std::string& file) {
  return shared_models_dir() + "/" + model + "/" + file;
}

}  // namespace vnpu::testing
