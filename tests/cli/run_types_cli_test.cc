// `vnpu run` on models with several inputs and outputs of every tensor type:
// one --input per graph input in order, one output_<k>.npy per graph output
// with --output-dir (byte-identical with TFLM's goldens), and a printed summary
// line with the first values of every output, whatever its type.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/file_io.h"
#include "driver/npy.h"
#include "ir/graph.h"
#include "tests/cli/cli_runner.h"
#include "tests/golden/shared_models.h"
#include "tflite/writer.h"

namespace vnpu {
namespace {

using testing::CliResult;
using testing::run_vnpu;

class CliRunTypes : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(testing::conformance_dir() + "/INDEX.json")) {
      if (testing::running_under_ci()) FAIL() << "CI=true but the conformance corpus is missing";
      GTEST_SKIP() << "conformance corpus not found at " << testing::conformance_dir();
    }
  }
};

// Runs conformance case `name` through the CLI and checks every output file and summary line.
void expect_case_outputs_identical(const std::string& name, size_t inputs, size_t outputs) {
  const std::string dir = testing::conformance_dir() + "/" + name;
  const std::string out = testing::scratch_dir("run-types-" + name);
  std::vector<std::string> args = {"run", dir + "/model.tflite", "--backend", "cpu"};
  for (size_t k = 0; k < inputs; ++k) {
    args.insert(args.end(), {"--input", dir + "/input_" + std::to_string(k) + ".npy"});
  }
  args.insert(args.end(), {"--output-dir", out});
  const CliResult result = run_vnpu(args);
  ASSERT_EQ(result.exit_code, 0) << name << ": " << result.err;
  for (size_t k = 0; k < outputs; ++k) {
    const std::string file = "/output_" + std::to_string(k) + ".npy";
    auto ours = read_file(out + file);
    ASSERT_TRUE(ours) << name << ": " << ours.status().message();
    EXPECT_EQ(*ours, *read_file(dir + file)) << name << file;
    auto golden = driver::load_npy(dir + file);
    ASSERT_TRUE(golden);
    const std::string line = "output " + std::to_string(k) + " '";
    const size_t at = result.out.find(line);
    ASSERT_NE(at, std::string::npos) << name << ": no summary for output " << k;
    const std::string summary = result.out.substr(at, result.out.find('\n', at) - at);
    EXPECT_NE(summary.find(std::string(" ") + ir::data_type_name(golden->type) + " ["),
              std::string::npos)
        << summary;
    EXPECT_NE(summary.find("]: "), std::string::npos) << "no values in: " << summary;
  }
  EXPECT_FALSE(std::filesystem::exists(out + "/output_" + std::to_string(outputs) + ".npy"));
}

TEST_F(CliRunTypes, SeveralInputsAndOutputsOfEveryCorpusType) {
  expect_case_outputs_identical("gather_int8_05", 2, 1);                // int8 + int32 in
  expect_case_outputs_identical("dynamic_update_slice_int16_02", 3, 1);  // int16 + int64 in
  expect_case_outputs_identical("embedding_lookup_int8_float32_01", 2, 1);  // float32 out
  expect_case_outputs_identical("split_int16_01", 1, 2);                // two outputs
  expect_case_outputs_identical("unpack_int8_02", 1, 4);                // four outputs
  expect_case_outputs_identical("cast_bool_int8_00", 1, 1);             // bool in
  expect_case_outputs_identical("shape_int8_04", 1, 1);                 // int32 out
  expect_case_outputs_identical("cast_int8_float32_01", 1, 1);
}

TEST_F(CliRunTypes, InspectShowsDataMovementOptions) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"gather_int8_06", "axis 1 batch_dims 1"},
      {"resize_bilinear_int8_02", "half_pixel_centers"},
      {"mirror_pad_int8_01", "SYMMETRIC"},
      {"depth_to_space_int8_00", "block 3"},
      {"strided_slice_int8_02", "begin_mask 0 end_mask 3 shrink_axis_mask 1"},
      {"split_int8_04", "num_splits 4"},
      {"unpack_int8_01", "count 2 axis 1"}};
  for (const auto& [name, options] : cases) {
    const CliResult result =
        run_vnpu({"inspect", testing::conformance_dir() + "/" + name + "/model.tflite"});
    ASSERT_EQ(result.exit_code, 0) << name << ": " << result.err;
    EXPECT_NE(result.out.find(options), std::string::npos) << name << ":\n" << result.out;
  }
}

// `vnpu compile` keeps operators the NPU does not run on the CPU and writes them
// (with their options) into the compiled model, or lowers them (the data
// movement the NPU copies: compiler/codegen/lower_slice.cc), and `vnpu run
// --backend functional` runs it to the golden outputs: one case of each
// data-movement operator.
TEST_F(CliRunTypes, CompiledDataMovementModelsRunOnTheFunctionalBackend) {
  const std::vector<std::string> cases = {
      "shape_int8_04", "expand_dims_int16_01", "strided_slice_int8_01", "slice_int8_03",
      "pack_int16_05", "unpack_int8_02", "split_int8_04", "split_v_int8_03",
      "transpose_int16_08", "broadcast_to_int8_04", "reverse_v2_int8_03", "gather_int8_06",
      "gather_nd_int8_05", "depth_to_space_int8_01", "space_to_depth_int8_01",
      "batch_to_space_nd_int8_04", "space_to_batch_nd_int8_05", "mirror_pad_int8_03",
      "fill_int8_01", "zeros_like_int8_00", "dynamic_update_slice_int16_05",
      "embedding_lookup_int8_05", "embedding_lookup_int8_float32_01", "cast_float32_int16_00",
      "resize_nearest_neighbor_int16_03", "resize_bilinear_int8_02"};
  // The cases that leave nothing on the CPU ("0 on the CPU"): the operator
  // runs on the NPU, or (SHAPE) the compiler folds it into a constant.
  const std::set<std::string> on_npu = {"shape_int8_04",
                                        "expand_dims_int16_01",
                                        "slice_int8_03",
                                        "pack_int16_05",
                                        "unpack_int8_02",
                                        "split_int8_04",
                                        "split_v_int8_03",
                                        "mirror_pad_int8_03",
                                        "reverse_v2_int8_03",
                                        "depth_to_space_int8_01",
                                        "space_to_depth_int8_01",
                                        "broadcast_to_int8_04",
                                        "zeros_like_int8_00",
                                        "batch_to_space_nd_int8_04",
                                        "space_to_batch_nd_int8_05"};
  const std::string out = testing::scratch_dir("run-types-compiled");
  for (const std::string& name : cases) {
    const std::string dir = testing::conformance_dir() + "/" + name;
    const std::string compiled = out + "/" + name + ".tflite";
    const CliResult compile = run_vnpu({"compile", dir + "/model.tflite", "-o", compiled});
    ASSERT_EQ(compile.exit_code, 0) << name << ": " << compile.err;
    const bool all_on_npu = compile.out.find(" 0 on the CPU") != std::string::npos;
    EXPECT_EQ(all_on_npu, on_npu.count(name) == 1) << name << ": " << compile.out;
    std::vector<std::string> args = {"run", compiled, "--backend", "functional"};
    for (size_t k = 0; std::filesystem::exists(dir + "/input_" + std::to_string(k) + ".npy"); ++k) {
      args.insert(args.end(), {"--input", dir + "/input_" + std::to_string(k) + ".npy"});
    }
    args.insert(args.end(), {"--output-dir", out + "/" + name});
    const CliResult run = run_vnpu(args);
    ASSERT_EQ(run.exit_code, 0) << name << ": " << run.err;
    for (size_t k = 0; std::filesystem::exists(dir + "/output_" + std::to_string(k) + ".npy"); ++k) {
      const std::string file = "/output_" + std::to_string(k) + ".npy";
      EXPECT_EQ(*read_file(out + "/" + name + file), *read_file(dir + file)) << name << file;
    }
  }
}

// A model the corpus has no case for: uint8 and int8 inputs, bool and int64 outputs.
ir::Model cast_model() {
  ir::Model model;
  ir::Graph& g = model.graphs.emplace_back();
  auto add = [&g](const std::string& name, ir::DataType type) {
    ir::Tensor t;
    t.name = name;
    t.type = type;
    t.shape = {4};
    g.tensors.push_back(t);
    return static_cast<int32_t>(g.tensors.size() - 1);
  };
  const int32_t a = add("a", ir::DataType::kInt8);
  const int32_t b = add("b", ir::DataType::kUInt8);
  const int32_t flags = add("flags", ir::DataType::kBool);
  const int32_t wide = add("wide", ir::DataType::kInt64);
  g.operators.push_back(ir::Operator{ir::OpType::kCast, {a}, {flags}, std::monostate{}});
  g.operators.push_back(ir::Operator{ir::OpType::kCast, {b}, {wide}, std::monostate{}});
  g.inputs = {a, b};
  g.outputs = {flags, wide};
  return model;
}

TEST(CliRunTypesModel, BoolAndInt64OutputsAreWrittenAndPrinted) {
  const std::string dir = testing::scratch_dir("run-types-cast");
  auto bytes = tflite::write_tflite(cast_model());
  ASSERT_TRUE(bytes) << bytes.status().message();
  ASSERT_TRUE(write_file(dir + "/cast.tflite", *bytes));
  driver::NpyArray a{ir::DataType::kInt8, {4}, {0xfd, 0, 1, 0x80}};
  driver::NpyArray b{ir::DataType::kUInt8, {4}, {0, 7, 200, 255}};
  ASSERT_TRUE(driver::save_npy(dir + "/a.npy", a));
  ASSERT_TRUE(driver::save_npy(dir + "/b.npy", b));
  const CliResult result = run_vnpu({"run", dir + "/cast.tflite", "--input", dir + "/a.npy",
                                     "--input", dir + "/b.npy", "--output-dir", dir + "/out"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("output 0 'flags' bool [4]: true false true true"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("output 1 'wide' int64 [4]: 0 7 200 255"), std::string::npos)
      << result.out;
  auto flags = driver::load_npy(dir + "/out/output_0.npy");
  ASSERT_TRUE(flags) << flags.status().message();
  EXPECT_EQ(flags->type, ir::DataType::kBool);
  EXPECT_EQ(flags->data, (std::vector<uint8_t>{1, 0, 1, 1}));
  auto wide = driver::load_npy(dir + "/out/output_1.npy");
  ASSERT_TRUE(wide) << wide.status().message();
  EXPECT_EQ(wide->type, ir::DataType::kInt64);
  EXPECT_EQ(wide->shape, (ir::Shape{4}));
  std::vector<uint8_t> expected(32, 0);
  expected[8] = 7;
  expected[16] = 200;
  expected[24] = 255;
  EXPECT_EQ(wide->data, expected);
}

// A bool output file is byte-identical with numpy's: CAST bool -> bool of the
// corpus's bool input gives back that very file.
TEST_F(CliRunTypes, BoolOutputFileIsByteIdenticalWithNumpys) {
  const std::string golden = testing::conformance_dir() + "/cast_bool_int8_00/input_0.npy";
  auto input = driver::load_npy(golden);
  ASSERT_TRUE(input) << input.status().message();
  ir::Model model;
  ir::Graph& g = model.graphs.emplace_back();
  for (const char* name : {"in", "out"}) {
    ir::Tensor t;
    t.name = name;
    t.type = ir::DataType::kBool;
    t.shape = input->shape;
    g.tensors.push_back(t);
  }
  g.operators.push_back(ir::Operator{ir::OpType::kCast, {0}, {1}, std::monostate{}});
  g.inputs = {0};
  g.outputs = {1};
  const std::string dir = testing::scratch_dir("run-types-bool");
  auto bytes = tflite::write_tflite(model);
  ASSERT_TRUE(bytes) << bytes.status().message();
  ASSERT_TRUE(write_file(dir + "/bool.tflite", *bytes));
  const CliResult result = run_vnpu(
      {"run", dir + "/bool.tflite", "--input", golden, "--output-dir", dir + "/out"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(*read_file(dir + "/out/output_0.npy"), *read_file(golden));
  EXPECT_NE(result.out.find("output 0 'out' bool [1,4,5,2]: true false false true"),
            std::string::npos)
      << result.out;
}

}  // namespace
}  // namespace vnpu
