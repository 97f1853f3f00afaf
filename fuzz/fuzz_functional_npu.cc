// Feeds a command stream and memory to the functional NPU (sim::FunctionalNpu),
// as the functional backend runs an ethos-u operator. Input: a 16-bit word
// count n, n little-endian command words, and the rest as region 0 (flash:
// weights, scales, LUTs); region 1 (arena) is 64 KiB seeded from the same
// bytes, region 2 (scratch) 16 KiB of zeros. Work per operation is capped at
// 2^22 steps so a huge operation faults instead of hanging. Asserts no
// out-of-bounds access, UB or abort: a bad stream ends with a fault and a
// message, never a host access outside the mapped regions.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "isa/accelerator_config.h"
#include "sim/functional/functional_npu.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vnpu;
  if (size < 2) return 0;
  size_t words = static_cast<size_t>(data[0]) | static_cast<size_t>(data[1]) << 8;
  data += 2;
  size -= 2;
  if (words > size / 4) words = size / 4;
  std::vector<uint32_t> stream(words);
  if (words > 0) std::memcpy(stream.data(), data, words * 4);
  std::vector<uint8_t> flash(data + words * 4, data + size);
  std::vector<uint8_t> arena(64 * 1024);
  for (size_t i = 0; i < arena.size() && !flash.empty(); ++i) arena[i] = flash[i % flash.size()];
  std::vector<uint8_t> scratch(16 * 1024);

  static const isa::AcceleratorConfig config =
      *isa::find_accelerator_config(isa::kDefaultAcceleratorConfig);
  sim::FunctionalNpu npu(config);
  npu.set_work_limit(uint64_t{1} << 22);
  npu.set_base_pointer(0, {flash.data(), flash.size()});
  npu.set_base_pointer(1, {arena.data(), arena.size()});
  npu.set_base_pointer(2, {scratch.data(), scratch.size()});
  const sim::NpuRunResult result = npu.run(stream.data(), stream.size());
  if (result.fault != sim::NpuFault::kNone && result.message.empty()) std::abort();
  return 0;
}
