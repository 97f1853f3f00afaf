// Helpers for the functional-NPU unit tests: memory regions with SHRAM, and
// feature-map register states for plain NHWC or NHCWB16 tensors.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "isa/register_state.h"
#include "sim/functional/exec_result.h"
#include "sim/functional/feature_map.h"

namespace vnpu::testing {

struct TestMemory {
  std::array<std::vector<uint8_t>, 8> buffers;
  std::array<sim::MemoryRegion, 8> regions{};
  std::vector<uint8_t> shram = std::vector<uint8_t>(48 * 1024, 0);

  explicit TestMemory(size_t region_bytes = 1 << 16) {
    for (int i = 0; i < 3; ++i) resize(i, region_bytes);
  }
  void resize(int index, size_t bytes) {
    buffers[static_cast<size_t>(index)].assign(bytes, 0);
    regions[static_cast<size_t>(index)] = {buffers[static_cast<size_t>(index)].data(), bytes};
  }
  sim::NpuMemory memory() {
    sim::NpuMemory m;
    m.regions = &regions;
    m.shram = &shram;
    return m;
  }
};

// One-tile feature map of shape (h, w, c) at `base` in `region`.
inline isa::FeatureMapState make_fm(uint8_t region, uint64_t base, sim::FmShape shape, int bits,
                                    bool is_signed, isa::DataFormat format) {
  isa::FeatureMapState fm;
  fm.region = region;
  fm.type = {is_signed, static_cast<uint8_t>(bits)};
  fm.format = format;
  fm.width0_m1 = static_cast<uint32_t>(shape.width - 1);
  fm.height0_m1 = static_cast<uint32_t>(shape.height - 1);
  fm.height1_m1 = static_cast<uint32_t>(shape.height - 1);
  fm.tile_base = {base, 0, 0, 0};
  const uint64_t elem = static_cast<uint64_t>(bits / 8);
  const uint64_t w = static_cast<uint64_t>(shape.width);
  const uint64_t c = static_cast<uint64_t>(shape.depth);
  if (format == isa::DataFormat::kNhwc) {
    fm.stride_c = elem;
    fm.stride_x = c * elem;
    fm.stride_y = w * c * elem;
  } else {
    const uint64_t c16 = (c + 15) / 16 * 16;
    fm.stride_x = 16 * elem;
    fm.stride_c = 16 * elem * w;
    fm.stride_y = w * c16 * elem;
  }
  return fm;
}

// Bytes a make_fm() feature map occupies.
inline size_t fm_bytes(sim::FmShape shape, int bits, isa::DataFormat format) {
  const size_t c = format == isa::DataFormat::kNhwc ? static_cast<size_t>(shape.depth)
                                                    : (static_cast<size_t>(shape.depth) + 15) / 16 * 16;
  return static_cast<size_t>(shape.height) * static_cast<size_t>(shape.width) * c *
         static_cast<size_t>(bits / 8);
}

// Writes / reads an NHWC int array through the feature map's addressing.
inline void store(const isa::FeatureMapState& state, sim::FmShape shape, TestMemory& memory,
                  const std::vector<int64_t>& nhwc) {
  sim::FeatureMap fm;
  if (!sim::FeatureMap::bind(state, shape, memory.memory(), "test", &fm).ok()) return;
  size_t i = 0;
  for (int32_t y = 0; y < shape.height; ++y)
    for (int32_t x = 0; x < shape.width; ++x)
      for (int32_t c = 0; c < shape.depth && i < nhwc.size(); ++c) fm.write(y, x, c, nhwc[i++]);
}

inline std::vector<int64_t> load(const isa::FeatureMapState& state, sim::FmShape shape,
                                 TestMemory& memory) {
  sim::FeatureMap fm;
  std::vector<int64_t> values;
  if (!sim::FeatureMap::bind(state, shape, memory.memory(), "test", &fm).ok()) return values;
  for (int32_t y = 0; y < shape.height; ++y)
    for (int32_t x = 0; x < shape.width; ++x)
      for (int32_t c = 0; c < shape.depth; ++c) values.push_back(fm.read(y, x, c));
  return values;
}

}  // namespace vnpu::testing
