// `vnpu run --backend functional` on Vela models whose command stream was
// damaged: the NPU stops with a fault naming the command, the tool prints one
// line and exits 2, and nothing crashes (the sanitizer pass runs this too).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "core/file_io.h"
#include "isa/cop1_payload.h"
#include "tests/cli/cli_runner.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu {
namespace {

struct StreamDamage {
  const char* name;
  const char* expected_text;  // in the one-line error
  void (*apply)(std::vector<uint32_t>& stream);
};

void write_word(ir::Tensor& payload, size_t word, uint32_t value) {
  std::memcpy(payload.data.data() + 4 * word, &value, 4);
}

// Rewrites the model's COP1 payload with `damage` applied to its command stream.
std::string damaged_model(const std::string& dir, const StreamDamage& damage) {
  auto model = tflite::load_tflite(
      testing::model_file("kws_dscnn", "vela/ethos-u55-256/kws_dscnn_vela.tflite"));
  EXPECT_TRUE(model) << model.status().message();
  ir::Graph& graph = model->main_graph();
  ir::Tensor& payload = graph.tensor(graph.operators[0].inputs[0]);
  auto parsed = isa::parse_cop1_payload(payload.data.data(), payload.data.size());
  EXPECT_TRUE(parsed) << parsed.status().message();
  std::vector<uint32_t> stream = parsed->command_stream;
  damage.apply(stream);
  for (size_t i = 0; i < stream.size(); ++i) {
    write_word(payload, parsed->command_stream_offset + i, stream[i]);
  }
  auto bytes = tflite::write_tflite(*model);
  EXPECT_TRUE(bytes);
  const std::string path = dir + "/" + damage.name + ".tflite";
  EXPECT_TRUE(write_file(path, *bytes));
  return path;
}

const StreamDamage kDamages[] = {
    {"unknown_opcode", "cmd_parse_error", [](std::vector<uint32_t>& s) { s[0] = 0x00000004; }},
    {"reserved_bits", "cmd_parse_error", [](std::vector<uint32_t>& s) { s[0] |= 0x00000400; }},
    {"no_stop", "NPU_OP_STOP", [](std::vector<uint32_t>& s) { s.back() = 0x00000012; }},
    {"ifm_base_out_of_region", "bus error",
     [](std::vector<uint32_t>& s) {
       // The first NPU_SET_IFM_BASE0 (cmd1 0x4000): point it far outside the arena.
       for (size_t i = 0; i + 1 < s.size(); ++i) {
         if ((s[i] & 0xFFFF) == 0x4000) {
           s[i + 1] = 0x7FFF0000;
           return;
         }
       }
     }},
    {"ifm_region_unmapped", "bus error",
     [](std::vector<uint32_t>& s) {
       // The first NPU_SET_IFM_REGION: use base pointer 7, which maps nothing.
       for (uint32_t& word : s) {
         if ((word & 0xFFFF) == 0x010F) {
           word = (7u << 16) | 0x010F;
           return;
         }
       }
     }},
};

TEST(NpuFaultCli, DamagedCommandStreamsStopTheNpuWithOneLine) {
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  const std::string dir = testing::scratch_dir("npu-fault");
  for (const StreamDamage& damage : kDamages) {
    const std::string path = damaged_model(dir, damage);
    const testing::CliResult result = testing::run_vnpu(
        {"run", path, "--backend", "functional", "--accelerator-config", "ethos-u55-256"});
    EXPECT_EQ(result.exit_code, 2) << damage.name << "\n" << result.err;
    EXPECT_NE(result.err.find(damage.expected_text), std::string::npos)
        << damage.name << "\n" << result.err;
    EXPECT_NE(result.err.find("word"), std::string::npos) << damage.name << "\n" << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_EQ(result.err.find("Sanitizer"), std::string::npos) << result.err;
  }
}

}  // namespace
}  // namespace vnpu
