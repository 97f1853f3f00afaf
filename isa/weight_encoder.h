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
#include "isa/scale_stream.h"
#include "isa/weight_layout.h"

namespace vnpu::isa {

// Encodes symbols in -255..255 (invalid_input naming the first one outside),
// ending with the end-of-stream marker and 0xFF padding to 16 bytes.
Expected<std::vector<uint8_t>> encode_weight_stream(const std::vector<int16_t>& symbols);

// Reorders OHWI weights (already minus their zero point) for `params` and
// encodes them: the stream of one OFM depth range, as WEIGHT_BASE/LENGTH see it.
Expected<std::vector<uint8_t>> encode_weights(const WeightLayoutParams& params,
                                              const std::vector<int16_t>& ohwi);

// One OFM depth range of a layer in an encoded buffer (offsets in bytes from
// the buffer start; every one 16-byte aligned).
struct EncodedWeightRange {
  int32_t ofm_begin = 0;  // channels [ofm_begin, ofm_end) of the layer
  int32_t ofm_end = 0;
  uint64_t scale_offset = 0;   // SCALE_BASE relative to the buffer
  uint64_t scale_length = 0;   // SCALE_LENGTH
  uint64_t weight_offset = 0;  // WEIGHT_BASE relative to the buffer
  uint64_t weight_length = 0;  // WEIGHT_LENGTH
};

struct EncodedWeights {
  std::vector<uint8_t> buffer;
  std::vector<EncodedWeightRange> ranges;
};

// Vela's constant buffer of a layer: for each OFM depth range [d_i, d_i+1)
// of `depth_offsets` (0 = d_0 < d_1 < ... = layer.ofm_depth), the range's
// scale/bias stream then its weight stream (layout `layer` restricted to the
// range's channels). `ohwi` holds all the layer's weights and `scales` one
// entry per OFM channel. invalid_input for offsets that do not cut the OFM
// depth, a scale count other than the OFM depth, or what the encoders reject.
Expected<EncodedWeights> encode_weight_ranges(const WeightLayoutParams& layer,
                                              const std::vector<int16_t>& ohwi,
                                              const std::vector<ScaleBiasEntry>& scales,
                                              const std::vector<int32_t>& depth_offsets);

}  // namespace vnpu::isa
