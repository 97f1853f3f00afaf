// Feeds arbitrary bytes as a .tflite to what `vnpu compile` does: read_tflite,
// compiler::compile_model with the default options, then tflite::write_tflite
// of the output (the bytes the command writes to its file). Models over the
// fuzz budget of tensor bytes are skipped. Asserts no out-of-bounds access, UB
// or abort, and that a compiled output reads back with read_tflite.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <vector>

#include "compiler/compile_model.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace {

constexpr int64_t kFuzzTensorBytesBudget = int64_t{1} << 26;

bool within_budget(const vnpu::ir::Model& model) {
  int64_t bytes = 0;
  for (const vnpu::ir::Graph& graph : model.graphs) {
    for (const vnpu::ir::Tensor& tensor : graph.tensors) {
      std::optional<int64_t> count = vnpu::ir::checked_byte_count(tensor.shape, tensor.type);
      if (!count) return false;
      bytes += *count;
      if (bytes > kFuzzTensorBytesBudget) return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vnpu;
  Expected<ir::Model> model = tflite::read_tflite(data, size, "fuzz.tflite");
  if (!model || !within_budget(*model)) return 0;
  Expected<compiler::CompiledModel> compiled =
      compiler::compile_model(std::move(*model), compiler::CompilerOptions{});
  if (!compiled) {
    if (compiled.status().message().empty()) std::abort();
    return 0;
  }
  Expected<std::vector<uint8_t>> bytes = tflite::write_tflite(compiled->output);
  if (!bytes) return 0;
  if (!tflite::read_tflite(bytes->data(), bytes->size(), "compiled.tflite")) std::abort();
  return 0;
}
