// `vnpu verify` through the built tool: compiled shared models pass on the
// functional and SystemC backends, a flipped bias in a copy of a compiled
// model is caught at its layer and coordinate, bad input exits 2 with one
// line, and `--random` passes and repeats itself for a seed. Every shared
// model on both backends (and Vela's outputs on the functional one) is the
// DISABLED_ test, run by ctest as verify_all_models_slow (label slow), which
// also verifies every shared model (ours and Vela's, ethos-u55-128 and -256,
// seeds 1-3) on the rtl backend.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/file_io.h"
#include "isa/command_decoder.h"
#include "isa/cop1_payload.h"
#include "isa/operation_summary.h"
#include "tests/cli/cli_runner.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu {
namespace {

using testing::CliResult;
using testing::run_vnpu;

size_t line_count(const std::string& text) {
  size_t lines = 0;
  for (char c : text) lines += (c == '\n');
  return lines;
}

void expect_one_line_error(const CliResult& result, const std::string& what,
                           const std::string& text) {
  EXPECT_EQ(result.exit_code, 2) << what << "\nstderr: " << result.err;
  EXPECT_EQ(line_count(result.err), 1u) << what << "\nstderr: " << result.err;
  EXPECT_NE(result.err.find(text), std::string::npos) << what << "\nstderr: " << result.err;
}

// `vnpu compile` of a shared model for `accelerator` into `dir`: returns the compiled model's path.
std::string compile_shared(const std::string& model, const std::string& source,
                           const std::string& dir,
                           const std::string& accelerator = "ethos-u55-256") {
  const std::string output = dir + "/" + model + "_" + accelerator + "_vnpu.tflite";
  const CliResult compiled =
      run_vnpu({"compile", source, "-o", output, "--accelerator-config", accelerator});
  EXPECT_EQ(compiled.exit_code, 0) << model << ": " << compiled.err;
  return output;
}

void expect_verified(const std::string& compiled, const std::string& source,
                     const std::string& backend, const std::string& seeds = "1") {
  const CliResult result = run_vnpu(
      {"verify", compiled, "--source", source, "--backend", backend, "--seeds", seeds});
  EXPECT_EQ(result.exit_code, 0) << compiled << " on " << backend << "\n"
                                 << result.out << result.err;
  EXPECT_NE(result.out.find("mapped to layers by the compiler"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(" 0 mismatching elements: PASS"), std::string::npos) << result.out;
}

// The unknown-backend error lists the backends of the build.
bool rtl_backend_built() {
  const CliResult r = run_vnpu({"run", "--backend", "none-such"});
  return r.err.find(", rtl)") != std::string::npos || r.err.find(", rtl,") != std::string::npos;
}

void verify_models_on_backends(const std::vector<std::string>& models,
                               const std::string& models_dir,
                               const std::vector<std::string>& backends) {
  const std::string dir = testing::scratch_dir("verify-models");
  for (const std::string& model : models) {
    const std::string source = models_dir + "/" + model + "/model.tflite";
    const std::string compiled = compile_shared(model, source, dir);
    for (const std::string& backend : backends) expect_verified(compiled, source, backend);
  }
}

void verify_models_on_both_backends(const std::vector<std::string>& models,
                                    const std::string& models_dir) {
  verify_models_on_backends(models, models_dir, {"functional", "systemc"});
}

TEST(VerifyCommand, CompiledSharedModelsPassOnFunctionalAndSystemc) {
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  verify_models_on_both_backends({"hello_world", "kws_dscnn"}, testing::shared_models_dir());
}

TEST(VerifyCommand, DISABLED_AllSharedModelsPassOnFunctionalAndSystemc) {
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  verify_models_on_both_backends(testing::shared_model_names(), testing::shared_models_dir());
  std::vector<std::string> more;
  for (const std::string& model : testing::more_model_names()) {
    // Their operators all stay on the CPU: nothing for verify to run.
    if (model != "audio_preprocessor_int8" && model != "transpose_conv") more.push_back(model);
  }
  verify_models_on_both_backends(more, testing::more_models_dir());
  // Vela's outputs (not mapped; outputs compared by name) on the functional backend.
  std::vector<std::string> vela = testing::shared_model_names();
  vela.push_back("keyword_scrambled");
  for (const std::string& model : vela) {
    const bool shared = model != "keyword_scrambled";
    const std::string dir =
        (shared ? testing::shared_models_dir() : testing::more_models_dir()) + "/" + model;
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      const std::string path = dir + "/vela/" + config + "/" + model + "_vela.tflite";
      const CliResult result = run_vnpu({"verify", path, "--source", dir + "/model.tflite"});
      EXPECT_EQ(result.exit_code, 0) << path << "\n" << result.out << result.err;
      EXPECT_NE(result.out.find(" 0 mismatching elements: PASS"), std::string::npos) << result.out;
    }
  }
  if (!rtl_backend_built()) return;
  // The shared models on the rtl backend, seeds 1-3: ours (ethos-u55-128 and -256) and Vela's
  // (-128 and -256).
  const std::string scratch = testing::scratch_dir("verify-models-rtl");
  for (const std::string& model : testing::shared_model_names()) {
    const std::string source = testing::shared_models_dir() + "/" + model + "/model.tflite";
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      expect_verified(compile_shared(model, source, scratch, config), source, "rtl", "3");
    }
  }
  for (const std::string& model : testing::shared_model_names()) {
    const std::string dir = testing::shared_models_dir() + "/" + model;
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      const std::string path = dir + "/vela/" + config + "/" + model + "_vela.tflite";
      const CliResult result = run_vnpu(
          {"verify", path, "--source", dir + "/model.tflite", "--backend", "rtl", "--seeds", "3"});
      EXPECT_EQ(result.exit_code, 0) << path << " on rtl\n" << result.out << result.err;
      EXPECT_NE(result.out.find(" 0 mismatching elements: PASS"), std::string::npos) << result.out;
    }
  }
}

TEST(VerifyCommand, AcceleratorDefaultsToTheOneThePayloadNames) {
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  const std::string dir = testing::scratch_dir("verify-u55-128");
  const std::string source = testing::model_file("kws_dscnn", "model.tflite");
  const std::string compiled = dir + "/kws_u55_128.tflite";
  ASSERT_EQ(run_vnpu({"compile", source, "-o", compiled, "--accelerator-config", "ethos-u55-128"})
                .exit_code,
            0);
  const CliResult result = run_vnpu({"verify", compiled, "--source", source});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("on functional, ethos-u55-128, seeds 1..1"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("mapped to layers by the compiler"), std::string::npos) << result.out;
  const CliResult other =
      run_vnpu({"verify", compiled, "--source", source, "--accelerator-config", "ethos-u55-64"});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("payload was compiled for ethos-u55-128"), std::string::npos)
      << other.err;
}

TEST(VerifyCommand, MemoryModeOfTheCompileMapsItsStreams) {
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  const std::string dir = testing::scratch_dir("verify-dedicated");
  const std::string source = testing::model_file("kws_dscnn", "model.tflite");
  const std::string compiled = dir + "/kws_dedicated.tflite";
  ASSERT_EQ(
      run_vnpu({"compile", source, "-o", compiled, "--memory-mode", "Dedicated_Sram"}).exit_code,
      0);
  const CliResult mapped = run_vnpu({"verify", compiled, "--source", source, "--memory-mode",
                                     "Dedicated_Sram", "--backend", "systemc"});
  EXPECT_EQ(mapped.exit_code, 0) << mapped.out << mapped.err;
  EXPECT_NE(mapped.out.find("mapped to layers by the compiler"), std::string::npos) << mapped.out;
  EXPECT_NE(mapped.out.find("42 NPU operations, 12 compared with the CPU reference, 0 mismatching"),
            std::string::npos)
      << mapped.out;
  const CliResult unmapped = run_vnpu({"verify", compiled, "--source", source});
  EXPECT_EQ(unmapped.exit_code, 0) << unmapped.out << unmapped.err;
  EXPECT_NE(unmapped.out.find("or another --memory-mode"), std::string::npos) << unmapped.out;
}

TEST(VerifyCommand, VelaOutputPassesWithItsOutputsComparedByName) {
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  const CliResult result = run_vnpu(
      {"verify", testing::model_file("kws_dscnn", "vela/ethos-u55-256/kws_dscnn_vela.tflite")});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("not mapped to layers"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("49 NPU operations, 1 compared with the CPU reference, 0 mismatching"),
            std::string::npos)
      << result.out;
}

// A copy of the compiled model whose first convolution's bias of channel 0
// is off by 2^22 (byte 2 of the scale stream's 40-bit bias, flipped).
std::string with_flipped_bias(const std::string& compiled, const std::string& dir) {
  auto model = tflite::load_tflite(compiled);
  EXPECT_TRUE(model) << model.status().message();
  ir::Graph& graph = model->main_graph();
  for (ir::Operator& op : graph.operators) {
    if (op.type != ir::OpType::kEthosU) continue;
    const ir::Tensor& payload = graph.tensor(op.inputs[0]);
    auto parsed = isa::parse_cop1_payload(payload.data.data(), payload.data.size());
    EXPECT_TRUE(parsed) << parsed.status().message();
    const isa::DecodedStream decoded =
        isa::decode_stream(parsed->command_stream.data(), parsed->command_stream.size());
    const isa::StreamState& scales = decoded.operations.at(0).state.scales;
    EXPECT_EQ(decoded.operations.at(0).kind, isa::OperationKind::kConv);
    EXPECT_EQ(scales.region, 0) << "the test expects the scales read in place from region 0";
    ir::Tensor& flash = graph.tensor(op.inputs[1]);
    flash.data.at(scales.base + 2) ^= 0x40;
    break;
  }
  auto bytes = tflite::write_tflite(*model);
  EXPECT_TRUE(bytes) << bytes.status().message();
  const std::string path = dir + "/corrupted.tflite";
  EXPECT_TRUE(write_file(path, *bytes));
  return path;
}

TEST(VerifyCommand, FlippedBiasIsCaughtAtItsLayerAndCoordinate) {
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  const std::string dir = testing::scratch_dir("verify-corrupt");
  const std::string source = testing::model_file("hello_world", "model.tflite");
  const std::string corrupted = with_flipped_bias(compile_shared("hello_world", source, dir), dir);
  for (const char* backend : {"functional", "systemc"}) {
    const CliResult result =
        run_vnpu({"verify", corrupted, "--source", source, "--backend", backend});
    EXPECT_EQ(result.exit_code, 1) << backend << "\n" << result.out << result.err;
    EXPECT_NE(result.out.find("FAIL"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("first mismatch (seed 1): layer 1 CONV_2D"), std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("against the CPU reference at (n, h, w, c) = (0, 0, 0, 0)"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("bias[0] = "), std::string::npos) << result.out;
    // The compiler's passes made the FULLY_CONNECTED a 1x1 CONV_2D over a 1x1 IFM.
    EXPECT_NE(result.out.find("IFM 'serving_default_dense_input:0/as_ifm' window rows 0..0, cols "
                              "0..0, all channels: "),
              std::string::npos)
        << result.out;
  }
}

TEST(VerifyCommand, BadInputExitsTwoWithOneLine) {
  const std::string dir = testing::scratch_dir("verify-bad");
  expect_one_line_error(run_vnpu({"verify", dir + "/missing.tflite", "--source", "x"}),
                        "missing file", "missing.tflite");
  const std::string text = dir + "/text.tflite";
  ASSERT_TRUE(write_file(text, std::vector<uint8_t>{'n', 'o', 't', ' ', 'a', ' ', 'm'}));
  expect_one_line_error(run_vnpu({"verify", text, "--source", text}), "not a model", "text.tflite");
  expect_one_line_error(run_vnpu({"verify"}), "no model", "missing MODEL");
  expect_one_line_error(run_vnpu({"verify", "--random", "3", "--seeds", "0"}), "seeds 0",
                        "--seeds must be 1..1000");
  expect_one_line_error(run_vnpu({"verify", "--random", "3", "--seeds", "many"}), "seeds text",
                        "seeds");
  expect_one_line_error(run_vnpu({"verify", "--random", "0"}), "random 0", "--random must be");
  expect_one_line_error(run_vnpu({"verify", "--random", "2", "--source", text}), "random source",
                        "--random takes no MODEL");
  expect_one_line_error(run_vnpu({"verify", "--random", "3", "--backend", "abacus"}),
                        "unknown backend", "unknown backend 'abacus'");
  expect_one_line_error(run_vnpu({"verify", "--random", "3", "--backend", "cpu"}), "cpu backend",
                        "runs no NPU operations");
  if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  const std::string source = testing::model_file("hello_world", "model.tflite");
  expect_one_line_error(run_vnpu({"verify", source, "--source", source}), "no ethos-u",
                        "no ethos-u operators");
  const std::string compiled = compile_shared("hello_world", source, dir);
  expect_one_line_error(run_vnpu({"verify", compiled, "--source", dir + "/nothing.tflite"}),
                        "missing source", "nothing.tflite");
}

TEST(VerifyCommand, RandomOperationsPassAndRepeatForASeed) {
  const CliResult first = run_vnpu({"verify", "--random", "50", "--seed", "1"});
  EXPECT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("50 compared with the CPU reference, 0 mismatching elements: PASS"),
            std::string::npos)
      << first.out;
  for (const char* kind :
       {"CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "MAX_POOL_2D", "AVERAGE_POOL_2D", "ADD",
        "SUB", "MUL", "MAXIMUM", "MINIMUM", "LOGISTIC", "TANH", "SOFTMAX", "(broadcast)"}) {
    EXPECT_NE(first.out.find(kind), std::string::npos) << kind << " not drawn\n" << first.out;
  }
  const CliResult second = run_vnpu({"verify", "--random", "50", "--seed", "1"});
  EXPECT_EQ(second.out, first.out);
  const CliResult other = run_vnpu({"verify", "--random", "50", "--seed", "2"});
  EXPECT_EQ(other.exit_code, 0) << other.out << other.err;
  EXPECT_NE(other.out, first.out);
}

TEST(VerifyCommand, RandomOperationsPassOnSystemcAgainstTheFunctionalModel) {
  const CliResult result =
      run_vnpu({"verify", "--random", "20", "--seed", "3", "--backend", "systemc"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("0 mismatching elements: PASS"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace vnpu
