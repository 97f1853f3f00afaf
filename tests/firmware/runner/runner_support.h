// Helpers of the firmware runner's host tests: the shared models' files and a
// runner with its (large) state kept off the stack.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vnpu_runner.h"

namespace vnpu::firmware::testing {

std::vector<uint8_t> read_file(const std::string& path);

// The data bytes of an .npy file (format 1.0, little-endian; the header skipped).
std::vector<uint8_t> npy_data(const std::string& path);

// Every model.tflite of the shared models and every Vela output beside it that exists.
std::vector<std::string> shared_model_files();
std::vector<std::string> shared_vela_files();

struct HostRunner {
  vnpu_model model{};
  vnpu_runner runner{};
  std::vector<uint8_t> arena;
  std::vector<uint8_t> corpus_bytes;  // a model read from a file, kept while the runner uses it
};

inline std::unique_ptr<HostRunner> make_host_runner(uint32_t arena_bytes) {
  auto host = std::make_unique<HostRunner>();
  host->arena.assign(arena_bytes, 0);
  return host;
}

}  // namespace vnpu::firmware::testing
