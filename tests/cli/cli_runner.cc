#include "tests/cli/cli_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace vnpu::testing {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream stream(path);
  std::stringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

// In the child after fork: only async-signal-safe calls, then exec.
[[noreturn]] void exec_child(const std::string& out_path, const std::string& err_path,
                             char* const* argv, const CliLimits& limits) {
  const int in = ::open("/dev/null", O_RDONLY);
  const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in < 0 || out < 0 || err < 0) ::_exit(126);
  ::dup2(in, 0);
  ::dup2(out, 1);
  ::dup2(err, 2);
  if (limits.address_space_bytes > 0 && address_space_limit_supported()) {
    const rlimit limit = {limits.address_space_bytes, limits.address_space_bytes};
    if (::setrlimit(RLIMIT_AS, &limit) != 0) ::_exit(126);
  }
  ::execv(argv[0], argv);
  ::_exit(127);
}

// Waits for `pid`, killing it after `wall_seconds` (0: no bound).
int wait_bounded(pid_t pid, unsigned wall_seconds, bool* timed_out) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wall_seconds);
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, wall_seconds > 0 ? WNOHANG : 0);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return -1;
    if (wall_seconds > 0 && std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      *timed_out = true;
      ::waitpid(pid, &status, 0);
      return status;
    }
    if (wall_seconds > 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

bool address_space_limit_supported() {
#if defined(__SANITIZE_ADDRESS__)
  return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return false;
#else
  return true;
#endif
#else
  return true;
#endif
}

std::string scratch_dir(const std::string& name) {
  const std::string dir = std::string(VNPU_BINARY_DIR) + "/test-scratch/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

CliResult run_vnpu(const std::vector<std::string>& args, const CliLimits& limits) {
  static int counter = 0;
  const std::string dir =
      scratch_dir("cli-run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::vector<std::string> words = {VNPU_CLI_PATH};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  const std::string out_path = dir + "/out";
  const std::string err_path = dir + "/err";
  CliResult result;
  const pid_t pid = ::fork();
  if (pid == 0) exec_child(out_path, err_path, argv.data(), limits);
  if (pid > 0) {
    const int status = wait_bounded(pid, limits.wall_seconds, &result.timed_out);
    if (status != -1 && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (status != -1 && WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  }
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  std::filesystem::remove_all(dir);
  return result;
}

}  // namespace vnpu::testing
