#include "tests/cli/cli_runner.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace vnpu::testing {
namespace {

std::string quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string slurp(const std::string& path) {
  std::ifstream stream(path);
  std::stringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

}  // namespace

std::string scratch_dir(const std::string& name) {
  const std::string dir = std::string(VNPU_BINARY_DIR) + "/test-scratch/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

CliResult run_vnpu(const std::vector<std::string>& args) {
  static int counter = 0;
  const std::string dir = scratch_dir("cli-run-" + std::to_string(::getpid()) + "-" +
                                      std::to_string(counter++));
  std::string command = quote(VNPU_CLI_PATH);
  for (const std::string& arg : args) command += " " + quote(arg);
  command += " >" + quote(dir + "/out") + " 2>" + quote(dir + "/err") + " </dev/null";
  const int status = std::system(command.c_str());
  CliResult result;
  if (status != -1 && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.out = slurp(dir + "/out");
  result.err = slurp(dir + "/err");
  std::filesystem::remove_all(dir);
  return result;
}

}  // namespace vnpu::testing
