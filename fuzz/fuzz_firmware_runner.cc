// Feeds arbitrary bytes as a model to the firmware runner (firmware/runner:
// the in-place flatbuffer reader vnpu_model_load, then vnpu_runner_init and,
// when that succeeds, vnpu_runner_invoke without an NPU), what an MCU does with
// a model image it is given. Asserts no out-of-bounds access, UB or abort,
// that every refusal says what and where (a non-empty error) and that a model
// init accepted runs. The arena is
// small (16 KiB) and models above 64 KiB are skipped, which bounds the work an
// invoke can do: every tensor fits the arena and every reduction reads
// constant data from the model or an arena tensor.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "firmware/runner/include/vnpu_runner.h"

namespace {

constexpr size_t kMaxModelBytes = 64 * 1024;
constexpr uint32_t kArenaBytes = 16 * 1024;

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
  // init checked every operator against its kernel, and without an NPU it
  // refuses ethos-u operators: the invoke cannot fail.
  if (vnpu_runner_invoke(&host->runner) != VNPU_RUN_OK) std::abort();
  return 0;
}
