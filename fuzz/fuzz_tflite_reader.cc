// Feeds arbitrary bytes to tflite::read_tflite, the reader every command runs
// on an untrusted .tflite. Asserts (through ASan/UBSan and the checks below)
// that it never reads out of bounds, overflows or aborts: it returns a model
// (whose graphs ir::verify_graph then checks without crashing) or an error
// with a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "ir/verifier.h"
#include "tflite/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vnpu::Expected<vnpu::ir::Model> model = vnpu::tflite::read_tflite(data, size, "fuzz.tflite");
  if (!model) {
    if (model.status().message().empty()) std::abort();
    return 0;
  }
  for (const vnpu::ir::Graph& graph : model->graphs) {
    (void)vnpu::ir::verify_graph(graph);
  }
  return 0;
}
