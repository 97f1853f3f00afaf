#include "sim/functional/dma.h"

#include <cstring>
#include <string>

namespace vnpu::sim {
namespace {

struct Span {
  uint8_t* data = nullptr;
  uint64_t size = 0;
  std::string name;
};

ExecResult endpoint(const NpuMemory& memory, uint8_t region, bool internal, const char* which,
                    Span* out) {
  if (internal) {
    out->data = memory.shram->data();
    out->size = memory.shram->size();
    out->name = std::string(which) + " SHRAM";
    return ExecResult::success();
  }
  if (region > 7) return ExecResult::parse(std::string("DMA ") + which + " region out of range");
  const MemoryRegion& r = memory.region(region);
  out->data = r.data;
  out->size = r.data == nullptr ? 0 : r.size;
  out->name = std::string(which) + " region " + std::to_string(region);
  return ExecResult::success();
}

ExecResult check_range(const Span& span, uint64_t address, uint64_t length) {
  if (address > span.size || length > span.size - address) {
    return ExecResult::bus("DMA " + span.name + " [" + std::to_string(address) + ", +" +
                           std::to_string(length) + ") exceeds its size " +
                           std::to_string(span.size));
  }
  return ExecResult::success();
}

}  // namespace

ExecResult execute_dma(const isa::Operation& op, const NpuMemory& memory) {
  const isa::DmaState& dma = op.state.dma;
  if (dma.src_stride_mode != 0 || dma.dst_stride_mode != 0) {
    return ExecResult::parse("DMA stride mode " +
                             std::to_string(dma.src_stride_mode | dma.dst_stride_mode) +
                             " (2-D/3-D transfer) is not available on the U55");
  }
  Span src;
  Span dst;
  ExecResult result = endpoint(memory, dma.src_region, dma.src_internal, "source", &src);
  if (!result.ok()) return result;
  if (!(result = endpoint(memory, dma.dst_region, dma.dst_internal, "destination", &dst)).ok()) {
    return result;
  }
  if (!(result = check_range(src, dma.src, dma.length)).ok()) return result;
  if (!(result = check_range(dst, dma.dst, dma.length)).ok()) return result;
  if (dma.length > 0) {
    std::memmove(dst.data + dma.dst, src.data + dma.src, static_cast<size_t>(dma.length));
  }
  return ExecResult::success();
}

}  // namespace vnpu::sim
