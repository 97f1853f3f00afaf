// vnpu disasm as users meet it: every shared Vela model lists without an
// unknown opcode and with as many NPU_OP_* lines as the stream holds; raw
// stream and payload files; a malformed stream lists up to its fault and exits 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "tests/cli/cli_runner.h"
#include "tflite/reader.h"

namespace vnpu {
namespace {

using testing::CliResult;
using testing::run_vnpu;

const char* const kModels[] = {"kws_dscnn",      "vww_mobilenetv1", "ic_resnet8",
                               "ad_autoencoder", "person_detect",   "hello_world"};

std::string models_dir() { return VNPU_SHARED_MODELS_DIR; }

std::vector<std::string> vela_files() {
  std::vector<std::string> files;
  for (const char* model : kModels) {
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      const std::string path =
          models_dir() + "/" + model + "/vela/" + config + "/" + model + "_vela.tflite";
      if (std::filesystem::exists(path)) files.push_back(path);
    }
  }
  const std::string upstream = models_dir() + "/person_detect/vela_upstream_u55-256.tflite";
  if (std::filesystem::exists(upstream)) files.push_back(upstream);
  return files;
}

uint32_t word_at(const std::vector<uint8_t>& bytes, size_t index) {
  const uint8_t* b = bytes.data() + 4 * index;
  return static_cast<uint32_t>(b[0]) | static_cast<uint32_t>(b[1]) << 8 |
         static_cast<uint32_t>(b[2]) << 16 | static_cast<uint32_t>(b[3]) << 24;
}

// NPU_OP_* words in a COP1 payload, found without vnpu's ISA code: skip the
// magic, OPTIMIZER_CONFIG (3 words) and NOPs, then walk the stream stepping
// over cmd1 payload words.
size_t count_operations_in_payload(const std::vector<uint8_t>& payload) {
  size_t index = 1;
  size_t count = 0;
  while (index < payload.size() / 4) {
    const uint32_t action = word_at(payload, index);
    if ((action & 0xFF) == 1) {
      index += 3;
    } else if ((action & 0xFF) == 5) {
      index += 1;
    } else {
      const size_t length = (action >> 16) | ((action >> 8) & 0xFF) << 16;
      for (size_t i = index + 1; i < index + 1 + length;) {
        const uint32_t word = word_at(payload, i);
        if (((word >> 14) & 3) == 1) {
          i += 2;
          continue;
        }
        count += (word & 0x3FF) < 0x100 ? 1 : 0;
        i += 1;
      }
      index += 1 + length;
    }
  }
  return count;
}

size_t count_operations_in_model(const std::string& path) {
  Expected<ir::Model> model = tflite::load_tflite(path);
  EXPECT_TRUE(model.has_value()) << path;
  size_t count = 0;
  if (!model) return count;
  for (const ir::Graph& graph : model->graphs) {
    for (const ir::Operator& op : graph.operators) {
      if (op.type == ir::OpType::kEthosU) {
        count += count_operations_in_payload(graph.tensor(op.inputs[0]).data);
      }
    }
  }
  return count;
}

size_t count_lines_with(const std::string& text, const std::string& needle) {
  size_t count = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (text.find(needle, start) < end) ++count;
    start = end + 1;
  }
  return count;
}

void expect_one_line_error(const CliResult& result, const std::string& what) {
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(count_lines_with(result.err, ""), 1u) << result.err;
  EXPECT_EQ(result.err.rfind("vnpu disasm: ", 0), 0u) << result.err;
  EXPECT_NE(result.err.find(what), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("Sanitizer"), std::string::npos) << result.err;
}

std::string write_words(const std::string& name, const std::vector<uint32_t>& words) {
  std::vector<uint8_t> bytes;
  for (uint32_t word : words) {
    for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<uint8_t>(word >> (8 * i)));
  }
  const std::string path = testing::scratch_dir("disasm-" + name) + "/" + name;
  EXPECT_TRUE(write_file(path, bytes).is_ok());
  return path;
}

TEST(Disasm, HasHelp) {
  CliResult result = run_vnpu({"disasm", "--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("usage: vnpu disasm MODEL.tflite|STREAM.bin"), std::string::npos);
  EXPECT_NE(run_vnpu({"--help"}).out.find("disasm"), std::string::npos);
}

TEST(Disasm, EverySharedVelaModelListsEveryOperation) {
  const std::vector<std::string> files = vela_files();
  if (files.empty()) GTEST_SKIP() << "no shared models";
  for (const std::string& path : files) {
    CliResult result = run_vnpu({"disasm", path});
    ASSERT_EQ(result.exit_code, 0) << path << ": " << result.err;
    EXPECT_TRUE(result.err.empty()) << result.err;
    const size_t operations = count_operations_in_model(path);
    EXPECT_GT(operations, 0u);
    EXPECT_NE(result.out.find("total: 1 command stream, " + std::to_string(operations) +
                              " NPU_OP_* commands"),
              std::string::npos)
        << path;
    // One command line per NPU_OP_* word (the summary lines say "op N:", not the mnemonic).
    EXPECT_EQ(count_lines_with(result.out, "  NPU_OP_"), operations) << path;
    EXPECT_EQ(result.out.find("?"), std::string::npos) << path << ": an undecodable field";
    const std::string config =
        path.find("u55-128") != std::string::npos ? "ethos-u55-128" : "ethos-u55-256";
    EXPECT_NE(result.out.find("compiled for " + config + " (CONFIG 0x"), std::string::npos);
  }
}

TEST(Disasm, SummarisesKickOffs) {
  const std::string path = models_dir() + "/hello_world/vela/ethos-u55-128/hello_world_vela.tflite";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no shared models";
  CliResult result = run_vnpu({"disasm", path});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // hello_world: FULLY_CONNECTED 1 -> 16 -> 16 -> 1, run as three 1x1 convolutions.
  EXPECT_NE(result.out.find("| op 0: CONV"), std::string::npos);
  EXPECT_NE(result.out.find("OFM  1x1x16 int8"), std::string::npos);
  EXPECT_NE(result.out.find("OFM  1x1x1 int8"), std::string::npos);
  EXPECT_NE(result.out.find("kernel 1x1"), std::string::npos);
  EXPECT_NE(result.out.find("OPTIMIZER_CONFIG: compiled for ethos-u55-128 (CONFIG 0x00001807)"),
            std::string::npos);
  EXPECT_NE(result.out.find("COMMAND_STREAM at payload word 8"), std::string::npos);
  CliResult bare = run_vnpu({"disasm", path, "--no-summary"});
  EXPECT_EQ(bare.exit_code, 0);
  EXPECT_EQ(bare.out.find("| op 0"), std::string::npos);
}

TEST(Disasm, ChecksTheAcceleratorConfiguration) {
  const std::string path = models_dir() + "/hello_world/vela/ethos-u55-128/hello_world_vela.tflite";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no shared models";
  EXPECT_EQ(run_vnpu({"disasm", path, "--accelerator-config", "ethos-u55-128"}).exit_code, 0);
  expect_one_line_error(run_vnpu({"disasm", path, "--accelerator-config", "ethos-u55-256"}),
                        "payload was compiled for ethos-u55-128 (CONFIG 0x00001807), the NPU is "
                        "ethos-u55-256 (CONFIG 0x00003008)");
  expect_one_line_error(run_vnpu({"disasm", path, "--accelerator-config", "ethos-u99"}),
                        "unknown accelerator configuration 'ethos-u99'");
}

TEST(Disasm, RawStreamFile) {
  const std::string path =
      write_words("ok.bin", {0x0001010Fu, 0x00004000u, 0x00000040u, 0x00010005u, 0xFFFF0000u});
  CliResult result = run_vnpu({"disasm", path});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("command stream: 5 words"), std::string::npos);
  EXPECT_NE(result.out.find("00004000 00000040  NPU_SET_IFM_BASE0"), std::string::npos);
  EXPECT_NE(result.out.find("NPU_OP_POOL                pooling_mode=AVERAGE"), std::string::npos);
  EXPECT_NE(result.out.find("total: 1 command stream, 2 NPU_OP_* commands"), std::string::npos);
}

TEST(Disasm, PayloadFile) {
  const std::string path = write_words("payload.bin", {0x31504F43u, 0x00000001u, 0x00003008u,
                                                       0x10060000u, 0x00010002u, 0xFFFF0000u});
  CliResult result = run_vnpu({"disasm", path});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("COP1 payload: 24 bytes"), std::string::npos);
  EXPECT_NE(result.out.find("compiled for ethos-u55-256"), std::string::npos);
  EXPECT_NE(result.out.find("NPU_OP_STOP"), std::string::npos);
}

TEST(Disasm, MalformedStreamListsUpToTheFaultAndExitsTwo) {
  const std::string path = write_words(
      "bad.bin", {0x0001010Fu, 0x00000002u, 0x00030005u /* pooling mode 3 */, 0x00000002u});
  CliResult result = run_vnpu({"disasm", path});
  expect_one_line_error(result,
                        "bad.bin: word 2: NPU_OP_POOL: pooling_mode 3 is not a defined code");
  EXPECT_NE(result.out.find("NPU_SET_IFM_REGION"), std::string::npos);
  EXPECT_NE(result.out.find("NPU_OP_CONV"), std::string::npos);
  EXPECT_EQ(result.out.find("NPU_OP_POOL"), std::string::npos);
  const std::string truncated = write_words("cut.bin", {0x0001010Fu, 0x00004000u});
  expect_one_line_error(run_vnpu({"disasm", truncated}),
                        "word 1: NPU_SET_IFM_BASE0: payload word 2 lies past the end of the "
                        "stream (2 words)");
}

TEST(Disasm, MalformedFilesAreOneLineErrors) {
  const std::string dir = testing::scratch_dir("disasm-odd");
  ASSERT_TRUE(write_file(dir + "/odd.bin", {1, 2, 3}).is_ok());
  expect_one_line_error(run_vnpu({"disasm", dir + "/odd.bin"}),
                        "3 bytes is not a whole number of 32-bit words");
  const std::string payload = write_words("short.bin", {0x31504F43u, 0x00050002u, 0u});
  expect_one_line_error(run_vnpu({"disasm", payload}), "COMMAND_STREAM of 5 words runs past");
  expect_one_line_error(run_vnpu({"disasm", "/nonexistent/stream.bin"}), "/nonexistent");
  expect_one_line_error(run_vnpu({"disasm"}), "input");
}

TEST(Disasm, ModelWithoutNpuOperators) {
  const std::string path = models_dir() + "/hello_world/model.tflite";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no shared models";
  CliResult result = run_vnpu({"disasm", path});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("no ethos-u operators"), std::string::npos);
}

}  // namespace
}  // namespace vnpu
