#include "isa/weight_bits.h"

#include <utility>

namespace vnpu::isa {

bool WeightBitReader::read(int bits, uint32_t* value) {
  if (static_cast<uint64_t>(bits) > remaining()) return false;
  uint64_t result = 0;
  int filled = 0;
  while (filled < bits) {
    const uint64_t byte_index = position_ >> 3;
    const int bit_in_byte = static_cast<int>(position_ & 7);
    const int take = bits - filled < 8 - bit_in_byte ? bits - filled : 8 - bit_in_byte;
    const uint64_t chunk =
        (uint64_t{data_[byte_index]} >> bit_in_byte) & ((uint64_t{1} << take) - 1);
    result |= chunk << filled;
    filled += take;
    position_ += static_cast<uint64_t>(take);
  }
  *value = static_cast<uint32_t>(result);
  return true;
}

void WeightBitReader::align_to_byte(uint32_t* skipped_bits) {
  const int pad = static_cast<int>((8 - (position_ & 7)) & 7);
  *skipped_bits = 0;
  if (pad > 0) read(pad, skipped_bits);  // a partial byte always holds its remaining bits
}

void WeightBitWriter::write(int bits, uint32_t value) {
  for (int i = 0; i < bits; ++i) {
    const int bit_in_byte = static_cast<int>(position_ & 7);
    if (bit_in_byte == 0) bytes_.push_back(0);
    if (((value >> i) & 1U) != 0) {
      bytes_.back() = static_cast<uint8_t>(bytes_.back() | (1U << bit_in_byte));
    }
    ++position_;
  }
}

void WeightBitWriter::pad_with_ones(int alignment) {
  const int pad = static_cast<int>((8 - (position_ & 7)) & 7);
  write(pad, 0xFFU);
  while (bytes_.size() % static_cast<size_t>(alignment) != 0) {
    bytes_.push_back(0xFF);
    position_ += 8;
  }
}

}  // namespace vnpu::isa
