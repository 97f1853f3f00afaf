// Feeds arbitrary bytes as a model to the firmware runner (firmware/runner:
// the in-place flatbuffer reader vnpu_model_load, then vnpu_runner_init and,
// when that succeeds, vnpu_runner_invoke without an NPU), what an MCU does with
// a model image it is given. Asserts no out-of-bounds access, UB or abort,
// that every refusal says what and where (a non-empty error) and that a model
// init accepted runs. The arena is
// small (16 KiB) and models above 64 KiB are skipped, which bounds the work an
// invoke can do: every tensor fits the arena and every reduction reads
// constant data from the model or an arena tensor. Within that bound a
// convolution or pooling can still read its whole input for every output
// (8,000 x 8,000 reads), slow under ASan: the long campaign fell from 40,000
// to 1,500 executions a second once the corpus held such models. So, as
// fuzz_cpu_run's MAC budget, a model with an operator whose output elements
// times input elements (a bound on any kernel's reads) exceed kWorkBudget is
// read and planned but not run.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "firmware/runner/include/vnpu_runner.h"

namespace {

constexpr size_t kMaxModelBytes = 64 * 1024;
constexpr uint32_t kArenaBytes = 16 * 1024;
constexpr uint64_t kWorkBudget = uint64_t{1} << 22;

uint64_t elements(const vnpu_tensor& tensor) {
  uint64_t count = 1;
  for (uint32_t d = 0; d < tensor.rank; ++d) count *= static_cast<uint64_t>(tensor.dims[d]);
  return count;
}

// Whether every operator's output elements x input 0 elements (a bound on a
// pooling or convolution window's reads) is within kWorkBudget.
bool within_work_budget(const vnpu_model& model) {
  for (uint32_t o = 0; o < model.operator_count; ++o) {
    const vnpu_operator& op = model.operators[o];
    if (op.input_count == 0 || op.output_count == 0 || op.inputs[0] < 0) continue;
    const uint64_t in = elements(model.tensors[op.inputs[0]]);
    const uint64_t out = elements(model.tensors[op.outputs[0]]);
    if (in != 0 && out > kWorkBudget / in) return false;
  }
  return true;
}

struct Runner {
  vnpu_model model{};
  vnpu_runner runner{};
  uint8_t arena[kArenaBytes]{};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxModelBytes) return 0;
  // The runner reads the model in place: give it a buffer of exactly `size`
  // bytes so that ASan sees any read past the end.
  const std::vector<uint8_t> model_bytes(data, data + size);
  auto host = std::make_unique<Runner>();
  const vnpu_run_status init =
      vnpu_runner_init(&host->runner, &host->model, model_bytes.data(),
                       static_cast<uint32_t>(model_bytes.size()), host->arena, kArenaBytes, nullptr);
  if (init != VNPU_RUN_OK) {
    if (host->runner.error[0] == '\0') std::abort();
    return 0;
  }
  if (!within_work_budget(host->model)) return 0;
  // init checked every operator against its kernel, and without an NPU it
  // refuses ethos-u operators: the invoke cannot fail.
  if (vnpu_runner_invoke(&host->runner) != VNPU_RUN_OK) std::abort();
  return 0;
}
