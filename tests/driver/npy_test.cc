#include "driver/npy.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/file_io.h"

namespace vnpu::driver {
namespace {

std::vector<uint8_t> text_bytes(const std::string& text) {
  return std::vector<uint8_t>(text.begin(), text.end());
}

TEST(Npy, RoundTripsEverySupportedType) {
  for (ir::DataType type : {ir::DataType::kInt8, ir::DataType::kUInt8, ir::DataType::kInt16,
                            ir::DataType::kInt32, ir::DataType::kFloat32}) {
    NpyArray array;
    array.type = type;
    array.shape = {2, 3, 5};
    array.data.resize(30 * ir::element_size(type));
    for (size_t i = 0; i < array.data.size(); ++i) array.data[i] = static_cast<uint8_t>(i * 7);
    auto parsed = parse_npy(serialize_npy(array), "mem");
    ASSERT_TRUE(parsed) << parsed.status().message();
    EXPECT_EQ(parsed->type, type);
    EXPECT_EQ(parsed->shape, array.shape);
    EXPECT_EQ(parsed->data, array.data);
  }
}

TEST(Npy, HeaderIsSixtyFourByteAlignedLikeNumpy) {
  for (const ir::Shape& shape : std::vector<ir::Shape>{{}, {7}, {1, 12}, {1, 96, 96, 3}}) {
    NpyArray array;
    array.shape = shape;
    array.data.resize(static_cast<size_t>(ir::element_count(shape)));
    const std::vector<uint8_t> bytes = serialize_npy(array);
    const size_t header_end = bytes.size() - array.data.size();
    EXPECT_EQ(header_end % 64, 0u) << ir::shape_to_string(shape);
    EXPECT_EQ(bytes[header_end - 1], '\n');
  }
}

TEST(Npy, MatchesGoldenFilesByteForByte) {
  const std::string root = VNPU_SHARED_MODELS_DIR;
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "shared models not found at " << root;
  for (const char* name : {"kws_dscnn/input_1_0.npy", "kws_dscnn/output_1_0.npy",
                           "vww_mobilenetv1/input_2_0.npy", "hello_world/output_3_0.npy"}) {
    const std::string path = root + "/" + name;
    auto bytes = read_file(path);
    ASSERT_TRUE(bytes) << bytes.status().message();
    auto parsed = parse_npy(*bytes, path);
    ASSERT_TRUE(parsed) << parsed.status().message();
    EXPECT_EQ(serialize_npy(*parsed), *bytes) << name;
  }
}

TEST(Npy, RejectsMalformedFilesWithOneLineMessages) {
  NpyArray good;
  good.shape = {4};
  good.data = {1, 2, 3, 4};
  const std::vector<uint8_t> valid = serialize_npy(good);
  std::vector<std::pair<std::string, std::vector<uint8_t>>> cases;
  cases.push_back({"empty", {}});
  cases.push_back({"bad magic", text_bytes("NOTNUMPY..........")});
  for (size_t cut : {size_t{5}, size_t{9}, size_t{20}, valid.size() - 1}) {
    cases.push_back({"truncated at " + std::to_string(cut),
                     std::vector<uint8_t>(valid.begin(), valid.begin() + static_cast<long>(cut))});
  }
  auto with_header = [&](const std::string& header) {
    NpyArray none;
    std::vector<uint8_t> bytes = serialize_npy(none);
    bytes.resize(10);
    bytes[8] = static_cast<uint8_t>(header.size());
    bytes[9] = 0;
    bytes.insert(bytes.end(), header.begin(), header.end());
    bytes.insert(bytes.end(), 4, 0);
    return bytes;
  };
  cases.push_back({"float64", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }")});
  cases.push_back({"fortran", with_header("{'descr': '|i1', 'fortran_order': True, 'shape': (4,), }")});
  cases.push_back({"shape mismatch", with_header("{'descr': '|i1', 'fortran_order': False, 'shape': (5,), }")});
  cases.push_back({"huge dim", with_header("{'descr': '|i1', 'fortran_order': False, 'shape': (99999999999,), }")});
  cases.push_back({"not a dict", with_header("[1, 2]")});
  cases.push_back({"missing shape", with_header("{'descr': '|i1', 'fortran_order': False, }")});
  std::vector<uint8_t> version2 = valid;
  version2[6] = 2;
  cases.push_back({"version 2", version2});
  for (const auto& [label, bytes] : cases) {
    auto parsed = parse_npy(bytes, "in.npy");
    EXPECT_FALSE(parsed) << label;
    if (!parsed) {
      EXPECT_EQ(parsed.status().message().find('\n'), std::string::npos) << label;
      EXPECT_EQ(parsed.status().message().rfind("in.npy: ", 0), 0u) << label;
    }
  }
}

std::vector<uint8_t> npy_with_header(const std::string& header, size_t data_bytes) {
  std::vector<uint8_t> bytes = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                                static_cast<uint8_t>(header.size()), 0};
  bytes.insert(bytes.end(), header.begin(), header.end());
  bytes.insert(bytes.end(), data_bytes, 0);
  return bytes;
}

TEST(Npy, AnElementCountBeyondInt64IsRejectedWithoutANegativeByteCount) {
  // The fuzzer's file: 1 * 920 * 11951 * 2100961951 * 52524 overflows int64.
  const auto parsed = parse_npy(
      npy_with_header("{'descr': '|i1', 'fortran_order': False, "
                      "'shape': (1, 920,11951 ,2100961951 ,052524), }",
                      0),
      "in.npy");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(parsed.status().message(),
            "in.npy: shape [1,920,11951,2100961951,52524] of int8 needs more than 2^63 - 1 bytes");
}

TEST(Npy, AByteCountThatWouldWrapToZeroFailsTheSizeCheck) {
  // 65536^4 elements: 2^64 wraps to 0, which equals an empty payload.
  const auto parsed = parse_npy(
      npy_with_header("{'descr': '|i1', 'fortran_order': False, "
                      "'shape': (65536, 65536, 65536, 65536), }",
                      0),
      "in.npy");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.status().message(),
            "in.npy: shape [65536,65536,65536,65536] of int8 needs more than 2^63 - 1 bytes");
  // 2^62 int16 elements: the element count fits, the byte count (2^63) does not.
  const auto wide = parse_npy(npy_with_header("{'descr': '<i2', 'fortran_order': False, "
                                              "'shape': (65536, 65536, 65536, 16384), }",
                                              0),
                              "in.npy");
  ASSERT_FALSE(wide);
  EXPECT_NE(wide.status().message().find("needs more than 2^63 - 1 bytes"), std::string::npos)
      << wide.status().message();
}

TEST(Npy, AnEmptyShapeWithZeroDimensionNeedsNoData) {
  const auto parsed = parse_npy(
      npy_with_header("{'descr': '|i1', 'fortran_order': False, 'shape': (65536, 0), }", 0),
      "in.npy");
  ASSERT_TRUE(parsed) << parsed.status().message();
  EXPECT_TRUE(parsed->data.empty());
}

}  // namespace
}  // namespace vnpu::driver
