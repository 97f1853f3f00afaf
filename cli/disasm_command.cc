// vnpu disasm MODEL.tflite|STREAM.bin: a readable listing of NPU command
// streams, with the register state each kick-off uses.
#include <cinttypes>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/options.h"
#include "core/file_io.h"
#include "isa/command_decoder.h"
#include "isa/command_fields.h"
#include "isa/cop1_payload.h"
#include "isa/operation_summary.h"
#include "tflite/reader.h"

namespace vnpu::cli {
namespace {

struct DisasmOptions {
  bool summaries = true;
  const isa::AcceleratorConfig* npu = nullptr;  // check payloads against it when set
};

struct StreamCounts {
  size_t streams = 0;
  size_t operations = 0;  // NPU_OP_* commands
};

bool has_suffix(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void print_command(const isa::Command& command) {
  char raw[24];
  if (command.is_cmd1) {
    std::snprintf(raw, sizeof(raw), "%08" PRIx32 " %08" PRIx32, command.word0(), command.payload);
  } else {
    std::snprintf(raw, sizeof(raw), "%08" PRIx32, command.word0());
  }
  std::printf("  %7" PRIu32 "  %-17s  %-26s %s\n", command.word_offset, raw, command.name(),
              isa::format_fields(command).c_str());
}

void print_operation(const isa::Operation& operation, size_t index) {
  const std::vector<std::string> lines = isa::describe_operation(operation);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i == 0) {
      std::printf("%30s| op %zu: %s\n", "", index, lines[i].c_str());
    } else {
      std::printf("%30s|   %s\n", "", lines[i].c_str());
    }
  }
}

void print_totals(const isa::DecodedStream& decoded, size_t words) {
  std::map<std::string, size_t> kinds;
  for (const isa::Operation& operation : decoded.operations) {
    ++kinds[isa::operation_kind_name(operation.kind)];
  }
  std::string breakdown;
  for (const auto& [name, count] : kinds) {
    breakdown += (breakdown.empty() ? "" : ", ") + name + " " + std::to_string(count);
  }
  std::printf("  %zu words, %zu commands; NPU_OP_* commands: %zu (%s)\n", words,
              decoded.commands.size(), decoded.operations.size(), breakdown.c_str());
  if (decoded.stopped && decoded.words_read < words) {
    std::printf("  %zu words after NPU_OP_STOP are never read\n", words - decoded.words_read);
  }
}

// Lists one stream; a fault is returned after the listing of what preceded it.
Status list_stream(const std::vector<uint32_t>& words, const DisasmOptions& options,
                   StreamCounts& counts) {
  const isa::DecodedStream decoded = isa::decode_stream(words.data(), words.size());
  std::printf("  %7s  %-17s  %-26s %s\n", "word", "raw", "command", "fields");
  size_t next_operation = 0;
  for (const isa::Command& command : decoded.commands) {
    print_command(command);
    if (!command.is_operation()) continue;
    if (options.summaries) print_operation(decoded.operations[next_operation], next_operation);
    ++next_operation;
  }
  counts.streams += 1;
  counts.operations += decoded.operations.size();
  if (!decoded.status.is_ok()) return decoded.status;
  print_totals(decoded, words.size());
  return Status::ok();
}

Status list_payload(const uint8_t* bytes, size_t size, const DisasmOptions& options,
                    StreamCounts& counts) {
  Expected<isa::Cop1Payload> payload = isa::parse_cop1_payload(bytes, size);
  if (!payload) return payload.status();
  if (payload->has_optimizer_config) {
    const isa::ConfigRegisterFields config = isa::decode_config_register(payload->config_register);
    std::printf("  OPTIMIZER_CONFIG: compiled for %s: %" PRIu32 " MACs/cycle, %" PRIu32
                " KB SHRAM, command stream version %" PRIu32 ", product %" PRIu32
                "; ID 0x%08" PRIx32 " (architecture %s); optimizer data 0x%04x\n",
                isa::describe_config_register(payload->config_register).c_str(),
                config.macs_per_cycle, config.shram_kb, config.cmd_stream_version, config.product,
                payload->id_register, isa::describe_id_register(payload->id_register).c_str(),
                payload->optimizer_config_data);
  } else {
    std::printf("  no OPTIMIZER_CONFIG: the payload does not say which NPU it was compiled for\n");
  }
  std::printf("  COMMAND_STREAM at payload word %zu: %zu words\n", payload->command_stream_offset,
              payload->command_stream.size());
  if (options.npu != nullptr) {
    Status config = isa::check_payload_config(*payload, *options.npu);
    if (!config) return config;
  }
  return list_stream(payload->command_stream, options, counts);
}

Status list_model(const std::string& path, const DisasmOptions& options, StreamCounts& counts) {
  Expected<ir::Model> model = tflite::load_tflite(path);
  if (!model) return model.status();
  size_t index = 0;
  for (size_t g = 0; g < model->graphs.size(); ++g) {
    const ir::Graph& graph = model->graphs[g];
    for (size_t op = 0; op < graph.operators.size(); ++op) {
      const ir::Operator& node = graph.operators[op];
      if (node.type != ir::OpType::kEthosU) continue;
      if (node.inputs.empty() || node.inputs[0] == ir::kNoTensor) {
        return Status::invalid_input(path + ": subgraph " + std::to_string(g) + " operator " +
                                     std::to_string(op) + ": ethos-u operator without a payload");
      }
      const std::vector<uint8_t>& payload = graph.tensor(node.inputs[0]).data;
      std::printf("\nethos-u operator %zu (subgraph %zu, operator %zu): payload %zu bytes\n",
                  index++, g, op, payload.size());
      const std::string where =
          path + ": subgraph " + std::to_string(g) + " operator " + std::to_string(op);
      Status status = list_payload(payload.data(), payload.size(), options, counts);
      if (!status) return status.with_context(where);
    }
  }
  if (index == 0) std::printf("no ethos-u operators: nothing in this model runs on the NPU\n");
  return Status::ok();
}

Status list_binary(const std::string& path, const DisasmOptions& options, StreamCounts& counts) {
  Expected<std::vector<uint8_t>> bytes = read_file(path);
  if (!bytes) return bytes.status();
  if (bytes->size() % 4 != 0) {
    return Status::invalid_input(path + ": " + std::to_string(bytes->size()) +
                                 " bytes is not a whole number of 32-bit words");
  }
  const bool is_payload = bytes->size() >= 4 && (*bytes)[0] == 'C' && (*bytes)[1] == 'O' &&
                          (*bytes)[2] == 'P' && (*bytes)[3] == '1';
  Status status = Status::ok();
  if (is_payload) {
    std::printf("\nCOP1 payload: %zu bytes\n", bytes->size());
    status = list_payload(bytes->data(), bytes->size(), options, counts);
  } else {
    std::vector<uint32_t> words(bytes->size() / 4);
    for (size_t i = 0; i < words.size(); ++i) {
      const uint8_t* b = bytes->data() + 4 * i;
      words[i] = static_cast<uint32_t>(b[0]) | static_cast<uint32_t>(b[1]) << 8 |
                 static_cast<uint32_t>(b[2]) << 16 | static_cast<uint32_t>(b[3]) << 24;
    }
    std::printf("\ncommand stream: %zu words\n", words.size());
    status = list_stream(words, options, counts);
  }
  return status.with_context(path);
}

}  // namespace

int run_disasm(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("input", po::value<std::string>()->required(),
                        "MODEL.tflite (Vela output) or STREAM.bin (little-endian words, or a "
                        "COP1 payload)")(
      "accelerator-config", po::value<std::string>(),
      "check each payload's CONFIG against this NPU (ethos-u55-32/64/128/256)")(
      "no-summary", "list the commands only, without each kick-off's register state");
  po::positional_options_description positional;
  positional.add("input", 1);
  ParsedOptions parsed = parse_options(
      argc, argv,
      "usage: vnpu disasm MODEL.tflite|STREAM.bin [options]\n"
      "Lists the NPU command stream of every ethos-u operator of a Vela-compiled model, or of\n"
      "a stream file: one line per command (word offset, raw words, name, decoded fields), and\n"
      "under each NPU_OP_* the register state it uses (shapes, types, formats, regions, kernel,\n"
      "padding, block config, weight and scale streams, scaling, activation, rounding). A\n"
      "malformed stream is listed up to the fault, then reported with exit code 2.",
      options, positional);
  if (parsed.exit_code) return *parsed.exit_code;
  DisasmOptions disasm;
  disasm.summaries = parsed.values.count("no-summary") == 0;
  isa::AcceleratorConfig npu{};
  if (parsed.values.count("accelerator-config") != 0) {
    Expected<isa::AcceleratorConfig> config =
        isa::find_accelerator_config(parsed.values["accelerator-config"].as<std::string>());
    if (!config) return report_error("disasm", config.status());
    npu = *config;
    disasm.npu = &npu;
  }
  const std::string input = parsed.values["input"].as<std::string>();
  std::printf("input: %s\n", input.c_str());
  StreamCounts counts;
  Status status = has_suffix(input, ".tflite") ? list_model(input, disasm, counts)
                                               : list_binary(input, disasm, counts);
  std::fflush(stdout);
  if (!status) return report_error("disasm", status);
  std::printf("\ntotal: %zu command stream%s, %zu NPU_OP_* commands\n", counts.streams,
              counts.streams == 1 ? "" : "s", counts.operations);
  return 0;
}

}  // namespace vnpu::cli
