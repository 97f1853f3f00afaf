// Feeds arbitrary bytes as a .tflite to what `vnpu run untrusted.tflite` does:
// read_tflite, the offline memory plan, CpuRuntime::create with the functional
// NPU backend (so ethos-u operators run too), deterministic random inputs,
// invoke. A model over the fuzz work budget (MACs, tensor bytes) is skipped
// before it runs, so a valid but huge model is not a hang. Asserts no
// out-of-bounds access, UB or abort; every failure is a Status with a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <vector>

#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/backend_registry.h"
#include "driver/tensor_io.h"
#include "ir/model_stats.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/reader.h"

namespace {

// Work per input the harness runs: about a second at most under ASan and
// coverage. Larger valid models are the product's limits' business
// (core/input_limits.h, tested on their own); a SUM over 33 M int8 elements
// took 0.34 s in the release build and 4.8 s here, past the 10 s timeout when
// the machine was loaded.
constexpr int64_t kFuzzMacBudget = int64_t{1} << 24;
constexpr int64_t kFuzzTensorBytesBudget = int64_t{1} << 24;

void require_message(const vnpu::Status& status) {
  if (!status && status.message().empty()) std::abort();
}

bool within_budget(const vnpu::ir::Graph& graph) {
  using namespace vnpu;
  int64_t macs = 0;
  for (const ir::Operator& op : graph.operators) {
    macs += ir::mac_count(graph, op);  // each at most 2^62: the reader bounds tensor bytes
    if (macs > kFuzzMacBudget) return false;
  }
  int64_t bytes = 0;
  for (const ir::Tensor& tensor : graph.tensors) {
    const std::optional<int64_t> count = ir::checked_byte_count(tensor.shape, tensor.type);
    if (!count) return false;
    bytes += *count;
    if (bytes > kFuzzTensorBytesBudget) return false;
  }
  return true;
}

const vnpu::driver::npu::BackendRegistry& registry() {
  static const vnpu::driver::npu::BackendRegistry backends = [] {
    vnpu::driver::npu::BackendRegistry r;
    vnpu::driver::npu::register_functional_backend(r);
    return r;
  }();
  return backends;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vnpu;
  Expected<ir::Model> model = tflite::read_tflite(data, size, "fuzz.tflite");
  if (!model) return require_message(model.status()), 0;
  const ir::Graph& graph = model->main_graph();
  if (!within_budget(graph)) return 0;
  auto offsets = tflite::read_offline_memory_plan(*model);
  if (!offsets) return require_message(offsets.status()), 0;
  auto session = registry().find("functional")->open(driver::npu::BackendChoice{});
  if (!session) std::abort();
  driver::cpu::CpuOptions options;
  options.fixed_offsets = std::move(*offsets);
  options.npu_prepare = (*session)->npu_prepare();
  auto runtime = driver::cpu::CpuRuntime::create(graph, options);
  if (!runtime) return require_message(runtime.status()), 0;
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    const ir::Tensor& tensor = graph.tensor(graph.inputs[i]);
    Status status = (*runtime)->set_input(i, driver::random_input_bytes(tensor, 1000 + i));
    if (!status) return require_message(status), 0;
  }
  require_message((*runtime)->invoke());
  return 0;
}
