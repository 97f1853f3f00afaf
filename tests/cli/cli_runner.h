// Runs the built vnpu binary as a user would and captures what it did.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vnpu::testing {

struct CliResult {
  int exit_code = -1;      // -1 when killed by a signal
  int signal = 0;          // the signal that ended it, else 0
  bool timed_out = false;  // killed by the wall-clock bound
  std::string out;
  std::string err;
};

// Bounds on the child process; 0 means unbounded.
struct CliLimits {
  // RLIMIT_AS of the child (like `ulimit -v`). Ignored in AddressSanitizer
  // builds, whose shadow memory needs terabytes of address space: see
  // address_space_limit_supported().
  uint64_t address_space_bytes = 0;
  // Wall-clock seconds before the child is killed with SIGKILL (timed_out set).
  unsigned wall_seconds = 0;
};

// False in AddressSanitizer builds (the limit would stop the binary at start-up).
bool address_space_limit_supported();

// Runs `vnpu <args...>` (no shell: each arg is passed as is) with stdin from
// /dev/null, in the test's working directory, capturing stdout and stderr.
CliResult run_vnpu(const std::vector<std::string>& args, const CliLimits& limits = {});

// A fresh empty directory under the build tree for one test.
std::string scratch_dir(const std::string& name);

}  // namespace vnpu::testing
