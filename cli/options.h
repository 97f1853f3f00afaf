// Shared option parsing for subcommands: Boost.Program_options with one-line
// errors, --help on every subcommand, and model loading by path or built-in name.
#pragma once

#include <boost/program_options.hpp>

#include <optional>
#include <string>

#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::cli {

namespace po = boost::program_options;

struct ParsedOptions {
  po::variables_map values;
  std::optional<int> exit_code;  // set when the command should stop now (help printed, or error)
};

// Parses argv against `options` (+ positional); handles --help (prints `usage`
// and the option table) and parse errors (one line on stderr, exit code 2).
ParsedOptions parse_options(int argc, char** argv, const std::string& usage,
                            po::options_description options,
                            const po::positional_options_description& positional);

// Prints "vnpu <command>: <message>" on stderr and returns the Status's exit code.
int report_error(const char* command, const Status& status);

struct LoadedModel {
  ir::Model model;
  std::string label;  // path, or "built-in kws-dscnn"
};

// Loads MODEL.tflite; an empty path means the built-in default model, which is
// built, serialized with our TFLite writer and read back like any file.
Expected<LoadedModel> load_model(const std::string& path);

}  // namespace vnpu::cli
