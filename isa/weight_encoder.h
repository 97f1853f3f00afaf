// Encoder of the Ethos-U55 compressed weight stream: 9-bit signed weight
// symbols in, a stream that decode_weight_stream (and the hardware's weight
// decoder) turns back into the same symbols.
//
// The encoder cuts the symbols into sections with their own palette (a
// greedy merge of fixed windows on estimated sizes), chooses per section the
// zero-run mode, the palette size and the direct offset with the smallest
// estimated size, then searches Golomb-Rice parameters per slice (a Viterbi
// search over the 13 weight and 4 zero-run codes with a cost per new slice).
// It is not bit-identical to Vela's encoder, only compatible with it.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "isa/weight_layout.h"

namespace vnpu::isa {

// Encodes symbols in -255..255 (invalid_input naming the first one outside),
// ending with the end-of-stream marker and 0xFF padding to 16 bytes.
Expected<std::vector<uint8_t>> encode_weight_stream(const std::vector<int16_t>& symbols);

// Reorders OHWI weights (already minus their zero point) for `params` and
// encodes them: the stream of one OFM depth range, as WEIGHT_BASE/LENGTH see it.
Expected<std::vector<uint8_t>> encode_weights(const WeightLayoutParams& params,
                                              const std::vector<int16_t>& ohwi);

}  // namespace vnpu::isa
