#include "cli/options.h"

#include <cstdio>
#include <iostream>

#include "models/builtin_models.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::cli {

ParsedOptions parse_options(int argc, char** argv, const std::string& usage,
                            po::options_description options,
                            const po::positional_options_description& positional) {
  ParsedOptions parsed;
  options.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
              parsed.values);
    if (parsed.values.count("help") != 0u) {
      std::cout << usage << "\n\n" << options << "\n";
      parsed.exit_code = 0;
      return parsed;
    }
    po::notify(parsed.values);
  } catch (const po::error& error) {
    std::fprintf(stderr, "vnpu %s: %s (see vnpu %s --help)\n", argv[0], error.what(), argv[0]);
    parsed.exit_code = 2;
  }
  return parsed;
}

int report_error(const char* command, const Status& status) {
  std::fprintf(stderr, "vnpu %s: %s\n", command, status.message().c_str());
  return exit_code(status);
}

Expected<LoadedModel> load_model(const std::string& path) {
  LoadedModel loaded;
  if (!path.empty()) {
    auto model = tflite::load_tflite(path);
    if (!model) return model.status();
    loaded.model = std::move(*model);
    loaded.label = path;
    return loaded;
  }
  auto built = models::build_builtin_model(models::kDefaultBuiltinModel);
  if (!built) return built.status();
  auto bytes = tflite::write_tflite(*built);
  if (!bytes) return bytes.status();
  auto model = tflite::read_tflite(bytes->data(), bytes->size(), "built-in model");
  if (!model) return model.status();
  loaded.model = std::move(*model);
  loaded.label = std::string("built-in ") + models::kDefaultBuiltinModel;
  return loaded;
}

}  // namespace vnpu::cli
