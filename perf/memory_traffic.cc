#include "perf/memory_traffic.h"

namespace vnpu::perf {
namespace {

Shape rounded(const Shape& shape, isa::DataFormat format) {
  if (format != isa::DataFormat::kNhcwb16) return shape;
  return {shape.height, shape.width, round_up(shape.depth, 16)};
}

}  // namespace

ElementAccess measure_element_access(const OpGeometry& g, isa::DataFormat ifm_format,
                                     isa::DataFormat ofm_format) {
  ElementAccess access;
  access.ofm_write = static_cast<double>(rounded(g.ofm, ofm_format).elements());
  if (g.type == BlockType::kElementwise) {
    const double ofm_elements = static_cast<double>(rounded(g.ofm, ifm_format).elements());
    if (g.ifm.elements() == 1) {
      if (g.ifm_bits > 8) access.ifm_read = static_cast<double>(rounded(g.ifm, ifm_format).elements());
      if (g.has_ifm2) access.ifm2_read = ofm_elements;
    } else {
      access.ifm_read = ofm_elements;
      if (g.has_ifm2) {
        if (g.ifm2.elements() > 1) {
          access.ifm2_read = ofm_elements;
        } else if (g.ifm2_bits > 8) {
          access.ifm2_read = static_cast<double>(rounded(g.ifm2, ifm_format).elements());
        }
      }
    }
    return access;
  }
  const bool per_channel = g.type == BlockType::kDepthwise || g.type == BlockType::kPooling;
  // Depthwise and pooling blocks span the whole depth: one block column.
  const double blocks = static_cast<double>(per_channel ? g.ofm_xy_blocks : g.ofm_blocks);
  const Shape ifm_block = rounded(g.ifm_block, ifm_format);
  const double ifm_fetch = static_cast<double>(ifm_block.height * ifm_block.width *
                                               rounded(g.ifm, ifm_format).depth);
  access.ifm_read = ifm_fetch * g.sub_kernels * blocks;
  if (g.type != BlockType::kPooling && g.type != BlockType::kReduceSum) {
    const double depth_blocks =
        per_channel ? 1.0
                    : static_cast<double>(ceil_div(g.ofm.depth, g.ofm_block.depth) * g.ofm_block.depth) /
                          static_cast<double>(g.ofm.depth);
    access.weight_passes = static_cast<double>(g.ofm_xy_blocks) * depth_blocks;
    access.reads_scales = true;
  }
  return access;
}

}  // namespace vnpu::perf
