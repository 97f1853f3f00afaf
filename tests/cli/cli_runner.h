// Runs the built vnpu binary as a user would and captures what it did.
#pragma once

#include <string>
#include <vector>

namespace vnpu::testing {

struct CliResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs `vnpu <args...>` (each arg shell-quoted) in a scratch directory.
CliResult run_vnpu(const std::vector<std::string>& args);

// A fresh empty directory under the build tree for one test.
std::string scratch_dir(const std::string& name);

}  // namespace vnpu::testing
