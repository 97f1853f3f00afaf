#include "driver/npy.h"

#include <cctype>
#include <cstring>
#include <limits>
#include <optional>

#include "core/file_io.h"

namespace vnpu::driver {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
constexpr size_t kPreambleSize = 10;  // magic, version (2), header length (2)
constexpr size_t kAlignment = 64;
constexpr size_t kGrowthAxisMaxDigits = 21;  // numpy's spare room in the header

struct DescrEntry {
  ir::DataType type;
  const char* descr;
};
constexpr DescrEntry kDescrs[] = {
    {ir::DataType::kInt8, "|i1"},    {ir::DataType::kUInt8, "|u1"},
    {ir::DataType::kInt16, "<i2"},   {ir::DataType::kInt32, "<i4"},
    {ir::DataType::kInt64, "<i8"},   {ir::DataType::kFloat32, "<f4"},
    {ir::DataType::kBool, "|b1"},    {ir::DataType::kUInt32, "<u4"},
    {ir::DataType::kUInt64, "<u8"},
};

const char* descr_of(ir::DataType type) {
  for (const DescrEntry& entry : kDescrs) {
    if (entry.type == type) return entry.descr;
  }
  return "|i1";
}

// A tiny cursor over the header dict text.
class HeaderParser {
 public:
  explicit HeaderParser(std::string text) : text_(std::move(text)) {}

  void skip_spaces() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  bool consume(char c) {
    skip_spaces();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool quoted(std::string* out) {
    skip_spaces();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) return false;
    const char quote = text_[pos_++];
    const size_t end = text_.find(quote, pos_);
    if (end == std::string::npos) return false;
    *out = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return true;
  }
  bool word(std::string* out) {
    skip_spaces();
    size_t end = pos_;
    while (end < text_.size() && std::isalpha(static_cast<unsigned char>(text_[end]))) ++end;
    if (end == pos_) return false;
    *out = text_.substr(pos_, end - pos_);
    pos_ = end;
    return true;
  }
  bool integer(int64_t* out) {
    skip_spaces();
    size_t end = pos_;
    int64_t value = 0;
    while (end < text_.size() && std::isdigit(static_cast<unsigned char>(text_[end]))) {
      if (value > (std::numeric_limits<int32_t>::max() - 9) / 10) return false;
      value = value * 10 + (text_[end] - '0');
      ++end;
    }
    if (end == pos_) return false;
    *out = value;
    pos_ = end;
    return true;
  }

 private:
  std::string text_;
  size_t pos_ = 0;
};

Status parse_shape(HeaderParser& parser, ir::Shape* shape) {
  if (!parser.consume('(')) return Status::invalid_input("'shape' is not a tuple");
  while (!parser.consume(')')) {
    int64_t dim = 0;
    if (!parser.integer(&dim)) return Status::invalid_input("'shape' has a bad dimension");
    if (shape->size() >= 8) return Status::invalid_input("'shape' has more than 8 dimensions");
    shape->push_back(static_cast<int32_t>(dim));
    if (!parser.consume(',')) {
      if (!parser.consume(')')) return Status::invalid_input("'shape' tuple is not closed");
      break;
    }
  }
  return Status::ok();
}

Status parse_header(const std::string& text, NpyArray* array) {
  HeaderParser parser(text);
  if (!parser.consume('{')) return Status::invalid_input("header is not a dict");
  bool have_descr = false, have_order = false, have_shape = false;
  while (!parser.consume('}')) {
    std::string key;
    if (!parser.quoted(&key) || !parser.consume(':')) {
      return Status::invalid_input("header dict is malformed");
    }
    if (key == "descr") {
      std::string descr;
      if (!parser.quoted(&descr)) return Status::invalid_input("'descr' is not a string");
      bool known = false;
      for (const DescrEntry& entry : kDescrs) {
        if (descr == entry.descr) {
          array->type = entry.type;
          known = true;
        }
      }
      if (!known) return Status::unsupported("dtype '" + descr + "' is not supported");
      have_descr = true;
    } else if (key == "fortran_order") {
      std::string value;
      if (!parser.word(&value)) return Status::invalid_input("'fortran_order' is not a bool");
      if (value != "False") return Status::unsupported("Fortran-order arrays are not supported");
      have_order = true;
    } else if (key == "shape") {
      Status status = parse_shape(parser, &array->shape);
      if (!status) return status;
      have_shape = true;
    } else {
      return Status::invalid_input("unknown header key '" + key + "'");
    }
    if (!parser.consume(',')) {
      if (!parser.consume('}')) return Status::invalid_input("header dict is not closed");
      break;
    }
  }
  if (!have_descr || !have_order || !have_shape) {
    return Status::invalid_input("header lacks 'descr', 'fortran_order' or 'shape'");
  }
  return Status::ok();
}

std::string shape_repr(const ir::Shape& shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(shape[i]);
  }
  if (shape.size() == 1) text += ",";
  return text + ")";
}

}  // namespace

Expected<NpyArray> parse_npy(const std::vector<uint8_t>& bytes, const std::string& source_name) {
  auto fail = [&](const Status& status) { return status.with_context(source_name); };
  if (bytes.size() < kPreambleSize || std::memcmp(bytes.data(), kMagic, kMagicSize) != 0) {
    return fail(Status::invalid_input("not a .npy file (bad magic)"));
  }
  if (bytes[6] != 1) {
    return fail(Status::unsupported("npy format version " + std::to_string(bytes[6]) + "." +
                                    std::to_string(bytes[7]) + " (only 1.0 is supported)"));
  }
  const size_t header_size = static_cast<size_t>(bytes[8]) | (static_cast<size_t>(bytes[9]) << 8);
  if (kPreambleSize + header_size > bytes.size()) {
    return fail(Status::invalid_input("header length " + std::to_string(header_size) +
                                      " runs past the end of the file"));
  }
  std::string header(reinterpret_cast<const char*>(bytes.data()) + kPreambleSize, header_size);
  while (!header.empty() && (header.back() == '\n' || header.back() == ' ')) header.pop_back();
  NpyArray array;
  Status status = parse_header(header, &array);
  if (!status) return fail(status);
  const std::optional<int64_t> expected = ir::checked_byte_count(array.shape, array.type);
  if (!expected) {
    return fail(Status::invalid_input("shape " + ir::shape_to_string(array.shape) + " of " +
                                      ir::data_type_name(array.type) +
                                      " needs more than 2^63 - 1 bytes"));
  }
  const size_t payload = bytes.size() - kPreambleSize - header_size;
  if (static_cast<uint64_t>(payload) != static_cast<uint64_t>(*expected)) {
    return fail(Status::invalid_input("data holds " + std::to_string(payload) + " bytes, shape " +
                                      ir::shape_to_string(array.shape) + " of " +
                                      ir::data_type_name(array.type) + " needs " +
                                      std::to_string(*expected)));
  }
  array.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(kPreambleSize + header_size),
                    bytes.end());
  return array;
}

Expected<NpyArray> load_npy(const std::string& path) {
  auto bytes = read_file(path);
  if (!bytes) return bytes.status();
  return parse_npy(*bytes, path);
}

std::vector<uint8_t> serialize_npy(const NpyArray& array) {
  std::string header = std::string("{'descr': '") + descr_of(array.type) +
                       "', 'fortran_order': False, 'shape': " + shape_repr(array.shape) + ", }";
  if (!array.shape.empty()) {
    header.append(kGrowthAxisMaxDigits - std::to_string(array.shape[0]).size(), ' ');
  }
  const size_t unpadded = kPreambleSize + header.size() + 1;
  header.append((kAlignment - unpadded % kAlignment) % kAlignment, ' ');
  header += '\n';
  std::vector<uint8_t> bytes(kMagic, kMagic + kMagicSize);
  bytes.push_back(1);
  bytes.push_back(0);
  bytes.push_back(static_cast<uint8_t>(header.size() & 0xFF));
  bytes.push_back(static_cast<uint8_t>(header.size() >> 8));
  bytes.insert(bytes.end(), header.begin(), header.end());
  bytes.insert(bytes.end(), array.data.begin(), array.data.end());
  return bytes;
}

Status save_npy(const std::string& path, const NpyArray& array) {
  return write_file(path, serialize_npy(array));
}

}  // namespace vnpu::driver
