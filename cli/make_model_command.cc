// vnpu make-model: writes a built-in synthetic model as a real .tflite file.
#include <cstdio>
#include <string>

#include "cli/command.h"
#include "cli/options.h"
#include "core/file_io.h"
#include "models/builtin_models.h"
#include "tflite/writer.h"

namespace vnpu::cli {

int run_make_model(int argc, char** argv) {
  std::string name;
  std::string output;
  uint64_t seed = 1;
  po::options_description options("options");
  options.add_options()
      ("name", po::value(&name)->default_value(models::kDefaultBuiltinModel),
       "built-in model: kws-dscnn")
      ("seed", po::value(&seed)->default_value(1), "seed of the synthetic weights")
      ("output,o", po::value(&output)->required(), "the .tflite file to write");
  po::positional_options_description positional;
  ParsedOptions parsed = parse_options(
      argc, argv,
      "usage: vnpu make-model [--name kws-dscnn] [--seed N] -o OUT.tflite\n"
      "Writes a built-in INT8 model with deterministic synthetic weights.",
      options, positional);
  if (parsed.exit_code) return *parsed.exit_code;
  auto model = models::build_builtin_model(name, seed);
  if (!model) return report_error("make-model", model.status());
  auto bytes = tflite::write_tflite(*model);
  if (!bytes) return report_error("make-model", bytes.status());
  Status status = write_file(output, *bytes);
  if (!status) return report_error("make-model", status);
  std::printf("wrote %s (%zu bytes, model '%s', seed %llu)\n", output.c_str(), bytes->size(),
              name.c_str(), static_cast<unsigned long long>(seed));
  return 0;
}

}  // namespace vnpu::cli
