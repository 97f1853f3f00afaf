// Feeds arbitrary bytes to the weight-stream decoder (isa/weight_decoder.h),
// the functional NPU's weight decoder: decode_weight_stream with and without
// the 16-byte padding rule. Asserts no out-of-bounds access, UB or abort, and
// that a decoded stream never holds more symbols than max_symbols.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "isa/weight_decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vnpu;
  for (bool padding : {true, false}) {
    isa::WeightDecodeOptions options;
    options.require_padding = padding;
    Expected<std::vector<int16_t>> weights = isa::decode_weight_stream(data, size, options);
    if (!weights) {
      if (weights.status().message().empty()) std::abort();
      continue;
    }
    if (weights->size() > options.max_symbols) std::abort();
  }
  return 0;
}
