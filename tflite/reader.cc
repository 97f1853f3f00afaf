#include "tflite/reader.h"

#include <cstring>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "core/input_limits.h"
#include "ir/verifier.h"
#include "tflite/builtin_codes.h"
#include "tflite/reader_context.h"

namespace vnpu::tflite {
namespace detail {
namespace {

constexpr size_t kMaxNameInMessage = 64;

}  // namespace

ReadContext::ReadContext(const uint8_t* file, size_t file_size, const schema::Model& model)
    : file_(file),
      file_size_(file_size),
      model_(model),
      budget_left_bytes_(kCopyBudgetFactor * file_size + kCopyBudgetSlackBytes) {}

Status ReadContext::charge(uint64_t bytes, const std::string& where) {
  if (bytes <= budget_left_bytes_) {
    budget_left_bytes_ -= bytes;
    return Status::ok();
  }
  return Status::invalid_input(
      where + ": the model's contents exceed " + std::to_string(kCopyBudgetFactor) + " times the " +
      std::to_string(file_size_) + "-byte file (data, strings or tables referenced too often)");
}

Status ReadContext::add_tensor_bytes(int64_t bytes, const std::string& where) {
  // Both terms are at most kMaxTensorBytes and kMaxModelTensorBytes: no overflow.
  tensor_bytes_ += bytes;
  if (tensor_bytes_ <= kMaxModelTensorBytes) return Status::ok();
  return Status::invalid_input(where + ": the model's tensors need " +
                               std::to_string(tensor_bytes_) + " bytes so far, more than the " +
                               std::to_string(kMaxModelTensorBytes) +
                               "-byte limit on all tensors of a model");
}

Expected<ByteSpan> file_range(const ReadContext& context, uint64_t offset, uint64_t size,
                              const std::string& what) {
  if (offset > context.file_size() || size > context.file_size() - offset) {
    return Status::invalid_input(what + ": range of " + std::to_string(size) + " bytes at offset " +
                                 std::to_string(offset) + " lies outside the " +
                                 std::to_string(context.file_size()) + "-byte file");
  }
  return ByteSpan{context.file() + offset, static_cast<size_t>(size)};
}

std::string quoted(const std::string& name) {
  std::string text = "'";
  for (size_t i = 0; i < name.size() && i < kMaxNameInMessage; ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    text += (c < 0x20 || c == 0x7f) ? '?' : name[i];
  }
  if (name.size() > kMaxNameInMessage) text += "...";
  return text + "'";
}

std::string quoted(const flatbuffers::String* name) { return quoted(to_text(name)); }

std::string to_text(const flatbuffers::String* text) {
  return text == nullptr ? std::string() : text->str();
}

}  // namespace detail

namespace {

using detail::ByteSpan;
using detail::ReadContext;

constexpr uint32_t kSchemaVersion = 3;
constexpr size_t kMinFileBytes = 8;  // root offset and file identifier
constexpr flatbuffers::uoffset_t kMaxVerifierDepth = 64;
constexpr flatbuffers::uoffset_t kMaxVerifierTables = 1000000;
constexpr size_t kAlignment = 16;  // Buffer.data is force_align 16

// One-line messages even when names in the file hold control characters.
Status one_line(const Status& status) {
  if (status) return status;
  std::string message = status.message();
  for (char& c : message) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = '?';
  }
  return Status(status.code(), message);
}

// Bytes 4..7 hold the file identifier when the writer set one. Four printable
// characters other than "TFL3" mean another kind of file; anything else is taken
// as a file written without identifier (bytes of its first table or vtable).
Status check_identifier(const uint8_t* data, bool& has_identifier) {
  const char* expected = schema::ModelIdentifier();
  has_identifier = std::memcmp(data + 4, expected, 4) == 0;
  if (has_identifier) return Status::ok();
  for (size_t i = 4; i < 8; ++i) {
    if (data[i] < 0x21 || data[i] > 0x7e) return Status::ok();
  }
  return Status::invalid_input("file identifier '" +
                               std::string(reinterpret_cast<const char*>(data + 4), 4) +
                               "' is not 'TFL3': not a TensorFlow Lite model");
}

Expected<const schema::Model*> verify_structure(const uint8_t* data, size_t size) {
  if (size < kMinFileBytes) {
    return Status::invalid_input("file is " + std::to_string(size) +
                                 " bytes, too short for a TensorFlow Lite model");
  }
  if (size >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    return Status::invalid_input("file is " + std::to_string(size) +
                                 " bytes, more than a flatbuffer can address");
  }
  bool has_identifier = false;
  Status identifier = check_identifier(data, has_identifier);
  if (!identifier) return identifier;
  flatbuffers::Verifier verifier(data, size, kMaxVerifierDepth, kMaxVerifierTables);
  const bool ok = has_identifier ? schema::VerifyModelBuffer(verifier)
                                 : verifier.VerifyBuffer<schema::Model>(nullptr);
  if (!ok) {
    return Status::invalid_input(
        "not a valid TensorFlow Lite flatbuffer: an offset, length or alignment lies outside "
        "the " +
        std::to_string(size) + "-byte file, or tables nest deeper than " +
        std::to_string(kMaxVerifierDepth) + " or number more than " +
        std::to_string(kMaxVerifierTables));
  }
  const schema::Model* model = schema::GetModel(data);
  if (model->version() != kSchemaVersion) {
    return Status::unsupported("schema version " + std::to_string(model->version()) +
                               ", expected " + std::to_string(kSchemaVersion));
  }
  return model;
}

Status resolve_buffer(ReadContext& context, const schema::Buffer* buffer, size_t index) {
  const std::string where = "buffer " + std::to_string(index);
  ByteSpan span;
  if (buffer != nullptr && buffer->offset() > 1) {
    // As in TFLite, an offset above 1 locates the data outside the flatbuffer.
    if (buffer->data() != nullptr && buffer->data()->size() > 0) {
      return Status::invalid_input(where + ": has both inline data and an offset");
    }
    auto range = detail::file_range(context, buffer->offset(), buffer->size(), where);
    if (!range) return range.status();
    span = *range;
  } else if (buffer != nullptr && buffer->data() != nullptr) {
    span = ByteSpan{buffer->data()->data(), buffer->data()->size()};
  }
  if (index == 0 && span.size > 0) {
    return Status::invalid_input("buffer 0 must be the empty sentinel but holds " +
                                 std::to_string(span.size) + " bytes");
  }
  context.buffers().push_back(span);
  return Status::ok();
}

Status resolve_buffers(ReadContext& context) {
  const auto* buffers = context.model().buffers();
  if (buffers == nullptr) return Status::ok();
  Status charged = context.charge(uint64_t{buffers->size()} * sizeof(ByteSpan), "buffers");
  if (!charged) return charged;
  context.buffers().reserve(buffers->size());
  for (flatbuffers::uoffset_t i = 0; i < buffers->size(); ++i) {
    Status status = resolve_buffer(context, buffers->Get(i), i);
    if (!status) return status;
  }
  return Status::ok();
}

Status check_buffer_index(const ReadContext& context, int64_t index, const std::string& where) {
  const size_t count = context.buffers().size();
  if (index >= 0 && static_cast<uint64_t>(index) < count) return Status::ok();
  return Status::invalid_input(where + ": buffer " + std::to_string(index) +
                               " out of range (model has " + std::to_string(count) + " buffers)");
}

Status read_metadata(ReadContext& context, ir::Model& model) {
  const schema::Model& source = context.model();
  if (const auto* indices = source.metadata_buffer()) {
    for (flatbuffers::uoffset_t i = 0; i < indices->size(); ++i) {
      Status status = check_buffer_index(context, indices->Get(i),
                                         "metadata_buffer entry " + std::to_string(i));
      if (!status) return status;
    }
  }
  const auto* entries = source.metadata();
  if (entries == nullptr) return Status::ok();
  Status charged =
      context.charge(uint64_t{entries->size()} * sizeof(ir::Model::Metadata), "metadata");
  if (!charged) return charged;
  for (flatbuffers::uoffset_t i = 0; i < entries->size(); ++i) {
    const schema::Metadata* entry = entries->Get(i);
    ir::Model::Metadata metadata;
    metadata.name = detail::to_text(entry->name());
    const std::string where = "metadata " + std::to_string(i) + " " + detail::quoted(metadata.name);
    Status status = check_buffer_index(context, entry->buffer(), where);
    if (status) status = context.charge(metadata.name.size(), where);
    if (!status) return status;
    const ByteSpan span = context.buffers()[entry->buffer()];
    status = context.charge(span.size, where);
    if (!status) return status;
    metadata.data.assign(span.data, span.data + span.size);
    model.metadata.push_back(std::move(metadata));
  }
  return Status::ok();
}

Status read_io_indices(ReadContext& context, const flatbuffers::Vector<int32_t>* source,
                       size_t tensor_count, const std::string& what, std::vector<int32_t>& out) {
  auto indices = detail::copy_vector(context, source, what);
  if (!indices) return indices.status();
  out = std::move(*indices);
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] < 0 || static_cast<size_t>(out[i]) >= tensor_count) {
      return Status::invalid_input(what + " " + std::to_string(i) + " refers to tensor " +
                                   std::to_string(out[i]) + ", subgraph has " +
                                   std::to_string(tensor_count) + " tensors");
    }
  }
  return Status::ok();
}

Status read_tensors(ReadContext& context, const schema::SubGraph& source, ir::Graph& graph,
                    const std::string& where) {
  const auto* tensors = source.tensors();
  if (tensors == nullptr) return Status::ok();
  Status charged = context.charge(uint64_t{tensors->size()} * sizeof(ir::Tensor), where);
  if (!charged) return charged;
  graph.tensors.reserve(tensors->size());
  for (flatbuffers::uoffset_t i = 0; i < tensors->size(); ++i) {
    const schema::Tensor* tensor = tensors->Get(i);
    auto read = detail::read_tensor(
        context, *tensor,
        where + " tensor " + std::to_string(i) + " " + detail::quoted(tensor->name()));
    if (!read) return read.status();
    graph.tensors.push_back(std::move(*read));
  }
  return Status::ok();
}

Status read_operators(ReadContext& context, const schema::SubGraph& source, ir::Graph& graph,
                      const std::string& where) {
  const auto* operators = source.operators();
  if (operators == nullptr) return Status::ok();
  Status charged = context.charge(uint64_t{operators->size()} * sizeof(ir::Operator), where);
  if (!charged) return charged;
  graph.operators.reserve(operators->size());
  for (flatbuffers::uoffset_t i = 0; i < operators->size(); ++i) {
    auto op = detail::read_operator(context, *operators->Get(i), graph.tensors.size(),
                                    where + " operator " + std::to_string(i));
    if (!op) return op.status();
    graph.operators.push_back(std::move(*op));
  }
  return Status::ok();
}

// Vela's scratch areas are operands no operator produces: variables (storage
// that exists from the start) marked as scratch, which no reset touches.
void mark_ethos_u_scratch(ir::Graph& graph) {
  for (const ir::Operator& op : graph.operators) {
    if (op.type != ir::OpType::kEthosU) continue;
    for (size_t slot : {kEthosUScratchInput, kEthosUFastScratchInput}) {
      if (slot >= op.inputs.size() || op.inputs[slot] == ir::kNoTensor) continue;
      ir::Tensor& tensor = graph.tensor(op.inputs[slot]);
      if (tensor.is_constant()) continue;
      tensor.is_variable = true;
      tensor.is_scratch = true;
    }
  }
}

Expected<ir::Graph> read_subgraph(ReadContext& context, const schema::SubGraph& source,
                                  size_t index) {
  const std::string where = "subgraph " + std::to_string(index);
  ir::Graph graph;
  graph.name = detail::to_text(source.name());
  Status status = context.charge(graph.name.size(), where);
  if (status) status = read_tensors(context, source, graph, where);
  if (status) {
    status = read_io_indices(context, source.inputs(), graph.tensors.size(), where + " input",
                             graph.inputs);
  }
  if (status) {
    status = read_io_indices(context, source.outputs(), graph.tensors.size(), where + " output",
                             graph.outputs);
  }
  if (status) status = read_operators(context, source, graph, where);
  if (!status) return status;
  mark_ethos_u_scratch(graph);
  return graph;
}

Expected<ir::Model> read_model(ReadContext& context) {
  const schema::Model& source = context.model();
  const auto* subgraphs = source.subgraphs();
  if (subgraphs == nullptr || subgraphs->size() == 0) {
    return Status::invalid_input("model has no subgraphs");
  }
  ir::Model model;
  Status status = resolve_buffers(context);
  if (status) status = read_metadata(context, model);
  if (status) {
    model.description = detail::to_text(source.description());
    status = context.charge(model.description.size(), "description");
  }
  if (status) {
    status = context.charge(uint64_t{subgraphs->size()} * sizeof(ir::Graph), "subgraphs");
  }
  if (!status) return status;
  for (flatbuffers::uoffset_t i = 0; i < subgraphs->size(); ++i) {
    auto graph = read_subgraph(context, *subgraphs->Get(i), i);
    if (!graph) return graph.status();
    model.graphs.push_back(std::move(*graph));
  }
  Status verified = ir::verify_model(model);
  if (!verified) return verified;
  return model;
}

Expected<ir::Model> read_verified(const uint8_t* data, size_t size) {
  auto model = verify_structure(data, size);
  if (!model) return model.status();
  ReadContext context(data, size, **model);
  return read_model(context);
}

}  // namespace

Expected<ir::Model> read_tflite(const uint8_t* data, size_t size, const std::string& source_name) {
  if (data == nullptr && size > 0) {
    return Status::invalid_input(source_name + ": no data");
  }
  // The verifier checks alignment against the address, and reading scalars
  // assumes it: work on an aligned copy when the caller's bytes are not.
  std::vector<uint8_t> aligned;
  if (reinterpret_cast<uintptr_t>(data) % kAlignment != 0) {
    aligned.assign(data, data + size);
    data = aligned.data();
  }
  auto model = read_verified(data, size);
  if (!model) return one_line(model.status().with_context(source_name));
  return model;
}

Expected<ir::Model> load_tflite(const std::string& path) {
  auto bytes = read_file(path);
  if (!bytes) return one_line(bytes.status());
  return read_tflite(bytes->data(), bytes->size(), path);
}

}  // namespace vnpu::tflite
