// Internal to the TFLite reader: the state its translation units share while
// reading one file, and the small helpers they all use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/status.h"
#include "ir/graph.h"
#include "tflite/schema/tflite_subset_generated.h"

namespace vnpu::tflite::detail {

struct ByteSpan {
  const uint8_t* data = nullptr;
  size_t size = 0;
};

// A verified file being read. `buffers` holds the resolved bytes of every Buffer
// (inline data or an offset/size range of the file; empty for none).
//
// The budget bounds the bytes copied out of the file. Flatbuffers may share one
// vector, string or table between many referrers, so without it a small file
// could make the reader copy one large buffer thousands of times.
class ReadContext {
 public:
  ReadContext(const uint8_t* file, size_t file_size, const schema::Model& model);

  const uint8_t* file() const { return file_; }
  size_t file_size() const { return file_size_; }
  const schema::Model& model() const { return model_; }

  std::vector<ByteSpan>& buffers() { return buffers_; }
  const std::vector<ByteSpan>& buffers() const { return buffers_; }

  // Accounts for copying `bytes` more bytes; fails once the budget is spent.
  Status charge(uint64_t bytes, const std::string& where);

  // Accounts for a tensor of `bytes` (as its shape declares); fails once all
  // tensors of the model together pass kMaxModelTensorBytes (core/input_limits.h).
  Status add_tensor_bytes(int64_t bytes, const std::string& where);

 private:
  const uint8_t* file_;
  size_t file_size_;
  const schema::Model& model_;
  std::vector<ByteSpan> buffers_;
  uint64_t budget_left_bytes_;
  int64_t tensor_bytes_ = 0;
};

// Maps an offset/size pair that points outside the flatbuffer to a range of the
// file, checking that it lies inside it. `what` names the owner for the message.
Expected<ByteSpan> file_range(const ReadContext& context, uint64_t offset, uint64_t size,
                              const std::string& what);

// A name for messages: quoted, at most 64 characters, control characters replaced.
std::string quoted(const std::string& name);
std::string quoted(const flatbuffers::String* name);

std::string to_text(const flatbuffers::String* text);

static_assert(FLATBUFFERS_LITTLEENDIAN, "the reader copies little-endian flatbuffer data as is");

// Copies an optional flatbuffer vector of scalars (null gives an empty vector),
// charging the budget. Byte-wise: the verifier only checks 4-byte alignment of a
// vector, so the elements of an int64 vector in a hostile file may be misaligned.
template <typename T>
Expected<std::vector<T>> copy_vector(ReadContext& context, const flatbuffers::Vector<T>* vector,
                                     const std::string& where) {
  std::vector<T> values;
  if (vector == nullptr) return values;
  Status charged = context.charge(uint64_t{vector->size()} * sizeof(T), where);
  if (!charged) return charged;
  values.resize(vector->size());
  if (!values.empty()) std::memcpy(values.data(), vector->Data(), values.size() * sizeof(T));
  return values;
}

// Reads tensor `index` of a subgraph; `where` is "subgraph S tensor I 'name'".
Expected<ir::Tensor> read_tensor(ReadContext& context, const schema::Tensor& tensor,
                                 const std::string& where);

// Reads an operator of a subgraph with `tensor_count` tensors; `where` is
// "subgraph S operator I".
Expected<ir::Operator> read_operator(ReadContext& context, const schema::Operator& op,
                                     size_t tensor_count, const std::string& where);

// The options table of `source` if it is of type T; nullptr when the operator has
// none; an error when it holds a different options type.
template <typename T>
Expected<const T*> options_table(const schema::Operator& source, const std::string& where) {
  const schema::BuiltinOptions expected = schema::BuiltinOptionsTraits<T>::enum_value;
  const schema::BuiltinOptions actual = source.builtin_options_type();
  if (actual == schema::BuiltinOptions_NONE) return static_cast<const T*>(nullptr);
  if (actual != expected) {
    const std::string name = schema::EnumNameBuiltinOptions(actual);
    return Status::invalid_input(
        where + ": builtin options are " +
        (name.empty() ? "of union type " + std::to_string(static_cast<int>(actual)) : name) +
        ", expected " + schema::EnumNameBuiltinOptions(expected));
  }
  return static_cast<const T*>(source.builtin_options());
}

// Unpacks the options table (or the schema defaults when it is absent) into T's
// object-API form.
template <typename TableT, typename T>
Status unpack_options(const schema::Operator& source, TableT& unpacked, const std::string& where) {
  auto table = options_table<T>(source, where);
  if (!table) return table.status();
  if (*table != nullptr) (*table)->UnPackTo(&unpacked);
  return Status::ok();
}

// The IR form of a schema padding or fused activation; an error naming `where`
// for values the IR cannot hold.
Expected<ir::Padding> map_padding(schema::Padding padding, const std::string& where);
Expected<ir::FusedActivation> map_activation(schema::ActivationFunctionType activation,
                                             const std::string& where);

// invalid_input unless value >= 1.
Status check_positive(int32_t value, const char* field, const std::string& where);

// The options readers of TRANSPOSE_CONV and BATCH_MATMUL (read_options_conv_matmul.cc).
Status read_transpose_conv(ReadContext& context, const schema::Operator& source, ir::Operator& op,
                           const std::string& where);
Status read_batch_matmul(ReadContext& context, const schema::Operator& source, ir::Operator& op,
                         const std::string& where);

// Reads an operator's builtin options into op.options (`where` names the
// operator and its type); the reader of each
// operator type vnpu reads (builtin_options_reader), nullptr for the types it
// names but does not read, which the reader refuses as unsupported.
using BuiltinOptionsReader = Status (*)(ReadContext& context, const schema::Operator& source,
                                        ir::Operator& op, const std::string& where);
BuiltinOptionsReader builtin_options_reader(ir::OpType type);

}  // namespace vnpu::tflite::detail
