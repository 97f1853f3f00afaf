#include "sim/functional/feature_map.h"

#include <algorithm>

namespace vnpu::sim {
namespace {

// Largest in-tile channel offset over channels [0, depth).
uint64_t max_channel_offset(bool brick, int32_t depth, uint64_t stride_c, int element_bytes) {
  const uint64_t last = static_cast<uint64_t>(depth - 1);
  if (!brick) return last * stride_c;
  const uint64_t bytes = static_cast<uint64_t>(element_bytes);
  uint64_t best = (last / 16) * stride_c + (last % 16) * bytes;
  if (last >= 16) best = std::max(best, (last / 16 - 1) * stride_c + 15 * bytes);
  return best;
}

std::string hex(uint64_t value) {
  static const char kDigits[] = "0123456789abcdef";
  std::string text;
  do {
    text.insert(text.begin(), kDigits[value & 0xF]);
    value >>= 4;
  } while (value != 0);
  return "0x" + text;
}

}  // namespace

int64_t element_min(bool is_signed, int bits) {
  return is_signed ? -(int64_t{1} << (bits - 1)) : 0;
}

int64_t element_max(bool is_signed, int bits) {
  return is_signed ? (int64_t{1} << (bits - 1)) - 1 : (int64_t{1} << bits) - 1;
}

ExecResult FeatureMap::bind(const isa::FeatureMapState& state, FmShape shape,
                            const NpuMemory& memory, const char* name, FeatureMap* out) {
  const std::string where = std::string(name);
  if (state.type.bits != 8 && state.type.bits != 16 && state.type.bits != 32) {
    return ExecResult::parse(where + " precision of " + std::to_string(state.type.bits) +
                             " bits is not supported (8, 16 or 32)");
  }
  if (state.region > 7) {
    return ExecResult::parse(where + " region " + std::to_string(state.region) + " out of range");
  }
  if (shape.height <= 0 || shape.width <= 0 || shape.depth <= 0) {
    return ExecResult::parse(where + " has an empty shape");
  }
  FeatureMap fm;
  fm.shape_ = shape;
  const MemoryRegion& region = memory.region(state.region);
  fm.data_ = region.data;
  fm.size_ = region.data == nullptr ? 0 : region.size;
  fm.element_bytes_ = state.type.bits / 8;
  fm.is_signed_ = state.type.is_signed;
  fm.brick_ = state.format == isa::DataFormat::kNhcwb16;
  fm.width0_ = static_cast<int32_t>(state.width0_m1) + 1;
  fm.height0_ = static_cast<int32_t>(state.height0_m1) + 1;
  fm.height1_ = static_cast<int32_t>(state.height1_m1) + 1;
  for (int t = 0; t < 4; ++t) fm.base_[t] = state.tile_base[static_cast<size_t>(t)];
  fm.stride_x_ = state.stride_x;
  fm.stride_y_ = state.stride_y;
  fm.stride_c_ = state.stride_c;

  // Rows and columns each tile covers inside the logical shape.
  const int32_t left_cols = std::min(fm.width0_, shape.width);
  const int32_t right_cols = shape.width - left_cols;
  const int32_t rows[4] = {std::min(fm.height0_, shape.height),
                           std::min(fm.height1_, shape.height),
                           shape.height - std::min(fm.height0_, shape.height),
                           shape.height - std::min(fm.height1_, shape.height)};
  const int32_t cols[4] = {left_cols, right_cols, left_cols, right_cols};
  const uint64_t channel_max =
      max_channel_offset(fm.brick_, shape.depth, fm.stride_c_, fm.element_bytes_);
  fm.first_byte_ = UINT64_MAX;
  for (int t = 0; t < 4; ++t) {
    if (rows[t] <= 0 || cols[t] <= 0) continue;
    // Each term is below 2^48, so the sum cannot wrap.
    const uint64_t last = fm.base_[t] + static_cast<uint64_t>(rows[t] - 1) * fm.stride_y_ +
                          static_cast<uint64_t>(cols[t] - 1) * fm.stride_x_ + channel_max +
                          static_cast<uint64_t>(fm.element_bytes_);
    if (last > fm.size_) {
      return ExecResult::bus(where + " tile " + std::to_string(t) + " reaches byte " +
                             hex(last - 1) + " of region " + std::to_string(state.region) +
                             " (size " + hex(fm.size_) + ")");
    }
    fm.first_byte_ = std::min(fm.first_byte_, fm.base_[t]);
    fm.end_byte_ = std::max(fm.end_byte_, last);
  }
  *out = fm;
  return ExecResult::success();
}

uint64_t FeatureMap::offset(int32_t y, int32_t x, int32_t c) const {
  int tile = 0;
  if (x >= width0_) {
    x -= width0_;
    tile = 1;
    if (y >= height1_) {
      y -= height1_;
      tile = 3;
    }
  } else if (y >= height0_) {
    y -= height0_;
    tile = 2;
  }
  uint64_t address = base_[tile] + static_cast<uint64_t>(y) * stride_y_ +
                     static_cast<uint64_t>(x) * stride_x_;
  const uint64_t channel = static_cast<uint64_t>(c);
  if (brick_) {
    address += (channel / 16) * stride_c_ + (channel % 16) * static_cast<uint64_t>(element_bytes_);
  } else {
    address += channel * stride_c_;
  }
  return address;
}

int64_t FeatureMap::read(int32_t y, int32_t x, int32_t c) const {
  const uint64_t address = offset(y, x, c);
  if (address + static_cast<uint64_t>(element_bytes_) > size_) {
    access_fault_ = true;
    return 0;
  }
  const uint8_t* p = data_ + address;
  switch (element_bytes_) {
    case 1:
      return is_signed_ ? static_cast<int64_t>(static_cast<int8_t>(p[0])) : p[0];
    case 2: {
      const uint16_t v = static_cast<uint16_t>(p[0] | (p[1] << 8));
      return is_signed_ ? static_cast<int64_t>(static_cast<int16_t>(v)) : v;
    }
    default: {
      const uint32_t v = static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
                         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
      return is_signed_ ? static_cast<int64_t>(static_cast<int32_t>(v)) : v;
    }
  }
}

bool FeatureMap::read_channels(int32_t y, int32_t x, int32_t count, int32_t* out) const {
  if (element_bytes_ > 2 || count <= 0) return element_bytes_ <= 2;
  const uint64_t base = offset(y, x, 0);
  const uint64_t bytes = static_cast<uint64_t>(element_bytes_);
  const uint64_t last = base + max_channel_offset(brick_, count, stride_c_, element_bytes_);
  if (last < base || last + bytes > size_) return false;
  for (int32_t c = 0; c < count; ++c) {
    const uint64_t channel = static_cast<uint64_t>(c);
    const uint8_t* p = data_ + base +
                       (brick_ ? (channel / 16) * stride_c_ + (channel % 16) * bytes
                               : channel * stride_c_);
    if (element_bytes_ == 1) {
      out[c] = is_signed_ ? static_cast<int8_t>(p[0]) : p[0];
    } else {
      const uint16_t v = static_cast<uint16_t>(p[0] | (p[1] << 8));
      out[c] = is_signed_ ? static_cast<int16_t>(v) : v;
    }
  }
  return true;
}

void FeatureMap::write_channels(int32_t y, int32_t x, int32_t count, const int64_t* values) {
  const uint64_t base = offset(y, x, 0);
  const uint64_t bytes = static_cast<uint64_t>(element_bytes_);
  for (int32_t c = 0; c < count; ++c) {
    const uint64_t channel = static_cast<uint64_t>(c);
    const uint64_t address =
        base + (brick_ ? (channel / 16) * stride_c_ + (channel % 16) * bytes : channel * stride_c_);
    if (address + bytes > size_) {
      access_fault_ = true;
      continue;
    }
    uint8_t* p = data_ + address;
    const uint64_t v = static_cast<uint64_t>(values[c]);
    for (uint64_t i = 0; i < bytes; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
  }
}

bool FeatureMap::overlaps(const uint8_t* data, uint64_t bytes) const {
  if (data == nullptr || data_ == nullptr || bytes == 0 || end_byte_ <= first_byte_) return false;
  const uintptr_t begin = reinterpret_cast<uintptr_t>(data_) + first_byte_;
  const uintptr_t end = reinterpret_cast<uintptr_t>(data_) + end_byte_;
  const uintptr_t other = reinterpret_cast<uintptr_t>(data);
  return begin < other + bytes && other < end;
}

void FeatureMap::write(int32_t y, int32_t x, int32_t c, int64_t value) {
  const uint64_t address = offset(y, x, c);
  if (address + static_cast<uint64_t>(element_bytes_) > size_) {
    access_fault_ = true;
    return;
  }
  uint8_t* p = data_ + address;
  const uint64_t bits = static_cast<uint64_t>(value);
  for (int i = 0; i < element_bytes_; ++i) p[i] = static_cast<uint8_t>(bits >> (8 * i));
}

}  // namespace vnpu::sim
