// Feature-map addressing: where element (y, x, c) of an IFM, IFM2 or OFM lives.
//
// A feature map is split into up to four tiles (isa::FeatureMapState): columns
// x < width0 are tiles 0 (y < height0) and 2 (below, y - height0); columns
// x >= width0 are tiles 1 (y < height1) and 3 (below, y - height1), with
// x - width0. Within a tile, NHWC puts c at c * stride_c; NHCWB16 at
// (c / 16) * stride_c + (c % 16) * element bytes. Every byte address is an
// offset inside the region BASEP[region].
//
// bind() checks the whole extent every tile can reach against the region's
// size before any access, so a stream that addresses memory it was not given
// faults (kBus, naming the feature map) before the first element is touched.
// The accessors also check each address and latch a fault flag, a second
// line of defence: host memory is never read or written out of bounds.
#pragma once

#include <cstdint>
#include <string>

#include "isa/register_state.h"
#include "sim/functional/exec_result.h"

namespace vnpu::sim {

struct FmShape {
  int32_t height = 1;
  int32_t width = 1;
  int32_t depth = 1;
};

class FeatureMap {
 public:
  // Binds `state` with logical `shape` to memory. `name` ("IFM", "IFM2", "OFM")
  // goes into fault messages. Element widths other than 8, 16 and 32 bits and
  // region indices above 7 are command-parse faults.
  static ExecResult bind(const isa::FeatureMapState& state, FmShape shape, const NpuMemory& memory,
                         const char* name, FeatureMap* out);

  const FmShape& shape() const { return shape_; }
  int element_bytes() const { return element_bytes_; }
  bool is_signed() const { return is_signed_; }

  // Element value, sign- or zero-extended.
  int64_t read(int32_t y, int32_t x, int32_t c) const;
  // Stores the low element_bytes() bytes of `value` (little-endian).
  void write(int32_t y, int32_t x, int32_t c, int64_t value);

  // Byte offset of (y, x, c) inside the region.
  uint64_t offset(int32_t y, int32_t x, int32_t c) const;
  // True once an access fell outside the region (never expected after bind()).
  bool access_fault() const { return access_fault_; }

  // Channels [0, count) of (y, x), sign- or zero-extended, into out[0, count): the
  // fast paths' row access for 8- and 16-bit maps. False (nothing latched, `out`
  // undefined) when the map is 32-bit or any element lies outside the region.
  bool read_channels(int32_t y, int32_t x, int32_t count, int32_t* out) const;
  // write(y, x, c, values[c]) for c in [0, count), in that order, same faults.
  void write_channels(int32_t y, int32_t x, int32_t count, const int64_t* values);
  // True when the bytes the bound shape can reach share an address with
  // [data, data + bytes): a fast path that reorders accesses must not run then.
  bool overlaps(const uint8_t* data, uint64_t bytes) const;
  bool overlaps(const FeatureMap& other) const {
    return overlaps(other.data_ + other.first_byte_, other.end_byte_ - other.first_byte_);
  }

 private:
  FmShape shape_;
  uint8_t* data_ = nullptr;
  uint64_t size_ = 0;
  int element_bytes_ = 1;
  bool is_signed_ = false;
  bool brick_ = false;
  int32_t width0_ = 0;
  int32_t height0_ = 0;
  int32_t height1_ = 0;
  uint64_t base_[4] = {0, 0, 0, 0};
  uint64_t stride_x_ = 0;
  uint64_t stride_y_ = 0;
  uint64_t stride_c_ = 0;
  uint64_t first_byte_ = 0;  // [first_byte_, end_byte_): what the bound shape can reach
  uint64_t end_byte_ = 0;
  mutable bool access_fault_ = false;
};

// Value range of an element type of `bits` width.
int64_t element_min(bool is_signed, int bits);
int64_t element_max(bool is_signed, int bits);

}  // namespace vnpu::sim
