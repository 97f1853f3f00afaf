// Bit-level reader and writer for the weight stream: bits are packed least
// significant first within each byte, and multi-bit fields are sent least
// significant bit first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace vnpu::isa {

class WeightBitReader {
 public:
  WeightBitReader(const uint8_t* data, size_t size) : data_(data), size_bits_(uint64_t{size} * 8) {}

  uint64_t position() const { return position_; }
  uint64_t remaining() const { return size_bits_ - position_; }

  // Reads `bits` (0..32) bits into *value. Returns false, and reads nothing,
  // when fewer bits remain.
  bool read(int bits, uint32_t* value);

  // Skips to the next byte boundary; returns the skipped bits in *value.
  void align_to_byte(uint32_t* skipped_bits);

 private:
  const uint8_t* data_;
  uint64_t size_bits_;
  uint64_t position_ = 0;
};

class WeightBitWriter {
 public:
  uint64_t position() const { return position_; }

  // Appends the low `bits` (0..32) bits of value.
  void write(int bits, uint32_t value);

  // Appends ones up to the next byte boundary, then 0xFF bytes until the
  // size is a multiple of `alignment` bytes.
  void pad_with_ones(int alignment);

  const std::vector<uint8_t>& bytes() const { return bytes_; }
  std::vector<uint8_t> take_bytes() { return std::move(bytes_); }

 private:
  std::vector<uint8_t> bytes_;
  uint64_t position_ = 0;
};

}  // namespace vnpu::isa
