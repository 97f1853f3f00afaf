// Where the shared golden models are and which of them exist.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace vnpu::testing {

inline std::string shared_models_dir() { return VNPU_SHARED_MODELS_DIR; }

// The single-operator conformance corpus and the further real models, beside the models folder.
inline std::string conformance_dir() { return shared_models_dir() + "/../conformance"; }
inline std::string more_models_dir() { return shared_models_dir() + "/../more_models"; }

// CI runs with ../shared beside the checkout, so there a missing folder is an error, not a reason
// to skip: a green CI always means the goldens ran.
inline bool running_under_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::strcmp(ci, "true") == 0;
}

// True when the shared models are there. When they are not, tests skip with a message, except under
// CI=true, where this records a failure first (a failed test stays failed when it then skips).
inline bool shared_models_present() {
  const bool present = std::filesystem::exists(shared_models_dir() + "/MANIFEST.json");
  if (!present && running_under_ci()) {
    ADD_FAILURE() << "CI=true but the shared golden models are missing at " << shared_models_dir();
  }
  return present;
}

inline const std::vector<std::string>& shared_model_names() {
  static const std::vector<std::string> kNames = {"kws_dscnn",      "vww_mobilenetv1",
                                                  "ic_resnet8",     "ad_autoencoder",
                                                  "person_detect",  "hello_world"};
  return kNames;
}

// Every model of more_models/README.md.
inline const std::vector<std::string>& more_model_names() {
  static const std::vector<std::string> kNames = {"audio_preprocessor_int8",
                                                  "keyword_scrambled",
                                                  "micro_speech_lstm",
                                                  "mnist_lstm",
                                                  "retinaface",
                                                  "transpose_conv"};
  return kNames;
}

// The more models Vela compiled (vela/ethos-u55-{128,256}/<model>_vela.tflite):
// all but the two LSTM models, where Vela 3.10 crashed (their VELA_FAILED.txt).
inline const std::vector<std::string>& more_model_names_with_vela_output() {
  static const std::vector<std::string> kNames = {"audio_preprocessor_int8", "keyword_scrambled",
                                                  "retinaface", "transpose_conv"};
  return kNames;
}

inline std::string model_file(const std::string& model, const std::string& file) {
  return shared_models_dir() + "/" + model + "/" + file;
}

}  // namespace vnpu::testing
