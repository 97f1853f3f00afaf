// The one CSV writer, the JSON helpers and the file writer every report uses.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <limits>
#include <string>

#include "core/csv.h"
#include "core/file_io.h"
#include "core/json.h"

namespace vnpu {
namespace {

TEST(CsvWriter, QuotesOnlyFieldsThatNeedIt) {
  CsvWriter csv({"name", "value"});
  csv.add_row({"plain", "1.50"});
  csv.add_row({"a,b", "say \"hi\""});
  csv.add_row({"two\nlines", ""});
  EXPECT_EQ(csv.text(),
            "name,value\nplain,1.50\n\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",\n");
}

TEST(Json, KeepsInsertionOrderAndEndsWithANewline) {
  const Json document = {{"zeta", 1}, {"alpha", "x\"y"}, {"list", {1, 2}}};
  EXPECT_EQ(json_text(document),
            "{\n  \"zeta\": 1,\n  \"alpha\": \"x\\\"y\",\n  \"list\": [\n    1,\n    2\n  ]\n}\n");
}

// A tensor name need not be UTF-8 (`vnpu compile` of such a model failed
// with an internal error writing its report): the bad byte becomes U+FFFD.
TEST(Json, ANameThatIsNotUtf8IsWrittenWithAReplacementCharacter) {
  const Json document = {{"name", std::string("in\xff"
                                              "put")}};
  EXPECT_EQ(json_text(document),
            "{\n  \"name\": \"in\xef\xbf\xbd"
            "put\"\n}\n");
}

TEST(Json, NumbersKeepTheDocumentedPrecision) {
  EXPECT_EQ(significant_digits(123456789.0, 6), 123457000.0);
  EXPECT_EQ(significant_digits(0.000123456789, 3), 0.000123);
  EXPECT_EQ(fixed_decimals(2.0 / 3.0, 2), 0.67);
  EXPECT_EQ(Json(fixed_decimals(1234.5, 2)).dump(), "1234.5");
  EXPECT_EQ(Json(significant_digits(5e8, 6)).dump(), "500000000.0");
  // JSON has no NaN: nlohmann writes null rather than an unreadable "nan".
  EXPECT_EQ(Json(std::numeric_limits<double>::quiet_NaN()).dump(), "null");
}

TEST(FileIo, WritesTextAndNamesThePathOnFailure) {
  const std::string dir = testing::TempDir() + "vnpu_file_io";
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/text.txt";
  ASSERT_TRUE(write_text_file(path, "a,b\n").is_ok());
  Expected<std::vector<uint8_t>> bytes = read_file(path);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(std::string(bytes->begin(), bytes->end()), "a,b\n");
  ASSERT_TRUE(write_text_file(path, "").is_ok());
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
  const Status failed = write_text_file(dir + "/missing/dir/x.json", "{}");
  EXPECT_FALSE(failed.is_ok());
  EXPECT_NE(failed.message().find(dir + "/missing/dir/x.json"), std::string::npos)
      << failed.message();
}

}  // namespace
}  // namespace vnpu
