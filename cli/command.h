// The vnpu command-line tool: one Command per subcommand, each parsing its
// own options with Boost.Program_options and printing --help.
#pragma once

#include <string>
#include <vector>

namespace vnpu::cli {

struct Command {
  const char* name;
  const char* summary;
  // argv[0] is the subcommand name. Returns the process exit code.
  int (*run)(int argc, char** argv);
};

int run_inspect(int argc, char** argv);
int run_run(int argc, char** argv);
int run_make_model(int argc, char** argv);
int run_disasm(int argc, char** argv);
int run_compile(int argc, char** argv);
int run_estimate(int argc, char** argv);
int run_verify(int argc, char** argv);

const std::vector<Command>& commands();

// The whole tool: argv[1] names the command. Returns the process exit code.
// The process entry main() calls it (cli/entry_main.cc); so does sc_main() in
// a build with the SystemC backend (cli/entry_sc_main.cc).
int run_tool(int argc, char** argv);

}  // namespace vnpu::cli
