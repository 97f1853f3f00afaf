// Truncations and structural byte patches of a .tflite file. The semantic
// variants are in semantic_corruptions.cc.
#include "tests/tflite/model_corruptions.h"

#include <algorithm>
#include <iterator>
#include <optional>

namespace vnpu::tflite::testing {
namespace {

constexpr uint32_t kHugeLength = 0x7FFFFFF0u;

// Model, SubGraph, Tensor and Buffer field ids of the TFLite schema.
constexpr int kModelVersion = 0;
constexpr int kModelOperatorCodes = 1;
constexpr int kModelSubgraphs = 2;
constexpr int kModelDescription = 3;
constexpr int kModelBuffers = 4;
constexpr int kSubGraphTensors = 0;
constexpr int kSubGraphInputs = 1;
constexpr int kSubGraphOperators = 3;
constexpr int kTensorShape = 0;
constexpr int kTensorBuffer = 2;
constexpr int kTensorName = 3;
constexpr int kBufferData = 0;

// Bounds-checked navigation of a flatbuffer's tables, vtables and vectors.
class FlatView {
 public:
  explicit FlatView(const std::vector<uint8_t>& bytes) : bytes_(bytes) {}

  std::optional<uint32_t> u32(size_t pos) const {
    if (pos + 4 > bytes_.size()) return std::nullopt;
    return static_cast<uint32_t>(bytes_[pos]) | static_cast<uint32_t>(bytes_[pos + 1]) << 8 |
           static_cast<uint32_t>(bytes_[pos + 2]) << 16 |
           static_cast<uint32_t>(bytes_[pos + 3]) << 24;
  }

  std::optional<uint16_t> u16(size_t pos) const {
    if (pos + 2 > bytes_.size()) return std::nullopt;
    return static_cast<uint16_t>(bytes_[pos] | bytes_[pos + 1] << 8);
  }

  // Where the uoffset stored at `pos` points.
  std::optional<size_t> follow(size_t pos) const {
    const auto offset = u32(pos);
    if (!offset || pos + *offset >= bytes_.size()) return std::nullopt;
    return pos + *offset;
  }

  std::optional<size_t> root() const { return follow(0); }

  std::optional<size_t> vtable(size_t table) const {
    const auto soffset = u32(table);
    if (!soffset) return std::nullopt;
    const int64_t position = static_cast<int64_t>(table) - static_cast<int32_t>(*soffset);
    if (position < 0 || static_cast<size_t>(position) + 4 > bytes_.size()) return std::nullopt;
    return static_cast<size_t>(position);
  }

  // Position of the vtable slot of field `id`; nullopt when the vtable is shorter.
  std::optional<size_t> vtable_slot(size_t table, int id) const {
    const auto vt = vtable(table);
    if (!vt) return std::nullopt;
    const auto vsize = u16(*vt);
    const size_t slot = *vt + 4 + 2 * static_cast<size_t>(id);
    if (!vsize || slot + 2 > *vt + *vsize) return std::nullopt;
    return slot;
  }

  // Position of field `id`'s value; nullopt when absent.
  std::optional<size_t> field(size_t table, int id) const {
    const auto slot = vtable_slot(table, id);
    if (!slot) return std::nullopt;
    const auto voffset = u16(*slot);
    if (!voffset || *voffset == 0 || table + *voffset >= bytes_.size()) return std::nullopt;
    return table + *voffset;
  }

  // The table, vector or string that offset field `id` refers to.
  std::optional<size_t> ref(size_t table, int id) const {
    const auto position = field(table, id);
    return position ? follow(*position) : std::nullopt;
  }

  std::optional<size_t> element(size_t vector, uint32_t index) const {
    const auto length = u32(vector);
    if (!length || index >= *length) return std::nullopt;
    return follow(vector + 4 + 4 * static_cast<size_t>(index));
  }

 private:
  const std::vector<uint8_t>& bytes_;
};

void put_u32(std::vector<uint8_t>& bytes, size_t pos, uint32_t value) {
  for (size_t i = 0; i < 4; ++i) bytes[pos + i] = static_cast<uint8_t>(value >> (8 * i));
}

void put_u16(std::vector<uint8_t>& bytes, size_t pos, uint16_t value) {
  bytes[pos] = static_cast<uint8_t>(value);
  bytes[pos + 1] = static_cast<uint8_t>(value >> 8);
}

class StructuralCorruptor {
 public:
  explicit StructuralCorruptor(const std::vector<uint8_t>& bytes) : bytes_(bytes), view_(bytes) {}

  std::vector<NamedCorruption> run() {
    const auto root = view_.root();
    if (!root) return {};
    corrupt_root(*root);
    corrupt_model_fields(*root);
    corrupt_subgraph(*root);
    corrupt_buffer_data(*root);
    return std::move(variants_);
  }

 private:
  void patch_u32(const std::string& name, std::optional<size_t> pos, uint32_t value) {
    if (!pos || *pos + 4 > bytes_.size()) return;
    std::vector<uint8_t> bytes = bytes_;
    put_u32(bytes, *pos, value);
    variants_.push_back({name, std::move(bytes)});
  }

  void patch_u16(const std::string& name, std::optional<size_t> pos, uint16_t value) {
    if (!pos || *pos + 2 > bytes_.size()) return;
    std::vector<uint8_t> bytes = bytes_;
    put_u16(bytes, *pos, value);
    variants_.push_back({name, std::move(bytes)});
  }

  // The uoffset at `pos` made to point at the end of the file.
  void point_past_end(const std::string& name, std::optional<size_t> pos) {
    if (pos) patch_u32(name, pos, static_cast<uint32_t>(bytes_.size() - *pos));
  }

  // A vector or string length set beyond anything the file can hold.
  void huge_length(const std::string& name, std::optional<size_t> vector) {
    patch_u32(name, vector, kHugeLength);
  }

  void corrupt_root(size_t root) {
    patch_u32("root_offset_past_end", 0, static_cast<uint32_t>(bytes_.size()));
    patch_u32("root_offset_huge", 0, 0xFFFFFFFFu);
    patch_u32("root_offset_misaligned", 0, static_cast<uint32_t>(root + 1));
    // soffset such that the vtable would lie past the end of the file.
    const int64_t soffset = static_cast<int64_t>(root) - static_cast<int64_t>(bytes_.size()) - 8;
    patch_u32("root_vtable_offset_past_end", root, static_cast<uint32_t>(soffset));
    const auto vtable = view_.vtable(root);
    const auto vsize = vtable ? view_.u16(*vtable) : std::nullopt;
    if (vsize) patch_u16("root_vtable_size_odd", vtable, static_cast<uint16_t>(*vsize | 1));
    if (bytes_.size() >= 8 && std::equal(bytes_.begin() + 4, bytes_.begin() + 8, "TFL3")) {
      std::vector<uint8_t> bytes = bytes_;
      bytes[7] = 'X';
      variants_.push_back({"file_identifier_TFLX", std::move(bytes)});
    }
  }

  void corrupt_model_fields(size_t root) {
    patch_u32("schema_version_2", view_.field(root, kModelVersion), 2);
    const std::pair<int, const char*> fields[] = {{kModelOperatorCodes, "operator_codes"},
                                                  {kModelSubgraphs, "subgraphs"},
                                                  {kModelDescription, "description"},
                                                  {kModelBuffers, "buffers"}};
    for (const auto& [id, name] : fields) {
      const auto position = view_.field(root, id);
      if (!position) continue;
      point_past_end(std::string(name) + "_offset_past_end", position);
      const auto slot = view_.vtable_slot(root, id);
      const auto voffset = slot ? view_.u16(*slot) : std::nullopt;
      if (voffset) {
        patch_u16(std::string(name) + "_field_misaligned", slot,
                  static_cast<uint16_t>(*voffset + 1));
      }
      huge_length(std::string(name) + "_length_huge", view_.follow(*position));
    }
    patch_u16("subgraphs_field_removed", view_.vtable_slot(root, kModelSubgraphs), 0);
    const auto description = view_.ref(root, kModelDescription);
    const auto length = description ? view_.u32(*description) : std::nullopt;
    if (length && *description + 4 + *length < bytes_.size()) {
      std::vector<uint8_t> bytes = bytes_;
      bytes[*description + 4 + *length] = 'X';  // overwrite the terminating NUL
      variants_.push_back({"description_missing_terminator", std::move(bytes)});
    }
  }

  void corrupt_subgraph(size_t root) {
    const auto subgraphs = view_.ref(root, kModelSubgraphs);
    if (!subgraphs) return;
    point_past_end("subgraph0_offset_past_end", view_.u32(*subgraphs) && *view_.u32(*subgraphs) > 0
                                                    ? std::optional<size_t>(*subgraphs + 4)
                                                    : std::nullopt);
    const auto subgraph = view_.element(*subgraphs, 0);
    if (!subgraph) return;
    huge_length("subgraph0_tensors_length_huge", view_.ref(*subgraph, kSubGraphTensors));
    huge_length("subgraph0_inputs_length_huge", view_.ref(*subgraph, kSubGraphInputs));
    const auto operators = view_.ref(*subgraph, kSubGraphOperators);
    huge_length("subgraph0_operators_length_huge", operators);
    const auto op_count = operators ? view_.u32(*operators) : std::nullopt;
    if (op_count && *op_count > 0) {
      patch_u16("operator_codes_field_removed", view_.vtable_slot(root, kModelOperatorCodes), 0);
      point_past_end("operator0_offset_past_end", *operators + 4);
    }
    const auto tensors = view_.ref(*subgraph, kSubGraphTensors);
    const auto tensor = tensors ? view_.element(*tensors, 0) : std::nullopt;
    if (tensor) {
      huge_length("tensor0_shape_length_huge", view_.ref(*tensor, kTensorShape));
      huge_length("tensor0_name_length_huge", view_.ref(*tensor, kTensorName));
    }
  }

  // The data vector of the largest buffer a tensor of subgraph 0 uses, one byte
  // shorter or longer than its shape needs (or past the end of the file).
  void corrupt_buffer_data(size_t root) {
    const auto buffers = view_.ref(root, kModelBuffers);
    const auto subgraphs = view_.ref(root, kModelSubgraphs);
    const auto subgraph = subgraphs ? view_.element(*subgraphs, 0) : std::nullopt;
    const auto tensors = subgraph ? view_.ref(*subgraph, kSubGraphTensors) : std::nullopt;
    const auto tensor_count = tensors ? view_.u32(*tensors) : std::nullopt;
    if (!buffers || !tensor_count) return;
    std::optional<size_t> largest;
    uint32_t largest_length = 0;
    for (uint32_t i = 0; i < *tensor_count; ++i) {
      const auto tensor = view_.element(*tensors, i);
      const auto index_field = tensor ? view_.field(*tensor, kTensorBuffer) : std::nullopt;
      const auto index = index_field ? view_.u32(*index_field) : std::nullopt;
      if (!index || *index == 0) continue;
      const auto buffer = view_.element(*buffers, *index);
      const auto data = buffer ? view_.ref(*buffer, kBufferData) : std::nullopt;
      const auto length = data ? view_.u32(*data) : std::nullopt;
      if (length && *length >= 2 && *length > largest_length) {
        largest = data;
        largest_length = *length;
      }
    }
    if (!largest) return;
    patch_u16("buffers_field_removed", view_.vtable_slot(root, kModelBuffers), 0);
    patch_u32("tensor_buffer_one_byte_short", largest, largest_length - 1);
    patch_u32("tensor_buffer_one_byte_long", largest, largest_length + 1);
    huge_length("tensor_buffer_length_huge", largest);
  }

  const std::vector<uint8_t>& bytes_;
  FlatView view_;
  std::vector<NamedCorruption> variants_;
};

}  // namespace

std::vector<NamedCorruption> make_truncations(const std::vector<uint8_t>& model_bytes) {
  const size_t size = model_bytes.size();
  std::vector<size_t> lengths;
  for (size_t length = 0; length <= 64; ++length) lengths.push_back(length);
  for (size_t k = 1; k < 64; ++k) lengths.push_back(size * k / 64);
  lengths.push_back(size - std::min<size_t>(size, 1));
  std::sort(lengths.begin(), lengths.end());
  lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
  std::vector<NamedCorruption> variants;
  for (size_t length : lengths) {
    if (length >= size) continue;
    const bool tail_all_zero =
        std::all_of(model_bytes.begin() + static_cast<std::ptrdiff_t>(length), model_bytes.end(),
                    [](uint8_t byte) { return byte == 0; });
    if (tail_all_zero) continue;
    variants.push_back(
        {"truncated_to_" + std::to_string(length) + "_bytes",
         std::vector<uint8_t>(model_bytes.begin(),
                              model_bytes.begin() + static_cast<std::ptrdiff_t>(length))});
  }
  return variants;
}

std::vector<NamedCorruption> make_structural_corruptions(const std::vector<uint8_t>& model_bytes) {
  return StructuralCorruptor(model_bytes).run();
}

std::vector<NamedCorruption> make_model_corruptions(const std::vector<uint8_t>& model_bytes) {
  std::vector<NamedCorruption> all = make_truncations(model_bytes);
  for (auto* family : {&make_structural_corruptions, &make_semantic_corruptions}) {
    std::vector<NamedCorruption> more = family(model_bytes);
    std::move(more.begin(), more.end(), std::back_inserter(all));
  }
  return all;
}

}  // namespace vnpu::tflite::testing
