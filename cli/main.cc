// vnpu: inspect, compile, run, time, disassemble and estimate INT8 models for an
// Ethos-U55-compatible virtual NPU.
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "cli/command.h"

namespace vnpu::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"inspect", "show operators, tensors, quantization, MACs and parameter bytes of a model",
       run_inspect},
      {"run",
       "run a model on the CPU, the functional NPU or the timed SystemC NPU (cycles, energy)",
       run_run},
      {"make-model", "write a built-in synthetic model as a .tflite file", run_make_model},
      {"disasm", "list the NPU command streams of a compiled model or a stream file", run_disasm},
      {"compile",
       "compile an INT8 model for the NPU into Vela-style ethos-u operators, with estimate",
       run_compile},
      {"estimate", "analytic cycle and bandwidth estimate of a compiled model's NPU operations",
       run_estimate},
      {"verify",
       "run every NPU operation of a compiled model on a backend against the CPU kernels and "
       "the functional NPU",
       run_verify},
  };
  return kCommands;
}

namespace {

void print_usage(std::FILE* out) {
  std::fprintf(out, "usage: vnpu <command> [options]   (vnpu <command> --help for details)\n\n");
  std::fprintf(out, "commands:\n");
  for (const Command& command : commands()) {
    std::fprintf(out, "  %-12s %s\n", command.name, command.summary);
  }
}

// Exit code for an exception that escaped a command: a bug, or memory the
// machine could not give (docs/ARCHITECTURE.md 1.1). Bad input exits with 2.
constexpr int kInternalErrorExitCode = 3;

// Runs a command; no exception leaves it. An escaped exception is reported in
// one line like every other error.
int run_guarded(const Command& command, int argc, char** argv) {
  try {
    return command.run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "vnpu %s: internal error: out of memory (std::bad_alloc)\n",
                 command.name);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "vnpu %s: internal error: %s\n", command.name, error.what());
  } catch (...) {
    std::fprintf(stderr, "vnpu %s: internal error: unknown exception\n", command.name);
  }
  return kInternalErrorExitCode;
}

}  // namespace

int run_tool(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    print_usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::printf("vnpu 0.1.0\n");
    return 0;
  }
  for (const auto& command : commands()) {
    if (std::strcmp(argv[1], command.name) == 0) {
      return vnpu::cli::run_guarded(command, argc - 1, argv + 1);
    }
  }
  std::fprintf(stderr, "vnpu: unknown command '%s' (see vnpu --help)\n", argv[1]);
  return 2;
}

}  // namespace vnpu::cli
