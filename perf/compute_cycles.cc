#include "perf/compute_cycles.h"

#include <algorithm>
#include <cmath>

namespace vnpu::perf {
namespace {

bool is_u55_32(const isa::AcceleratorConfig& a) { return a.macs_per_cycle == 32; }

int64_t ofm_rounded_elements(const Shape& ofm, isa::DataFormat format) {
  const int64_t depth = format == isa::DataFormat::kNhcwb16 ? round_up(ofm.depth, 16) : ofm.depth;
  return ofm.height * ofm.width * depth;
}

// Pipeline bubble of a block with a single XY micro-block (Vela's delay_cycles).
double delay_cycles(const isa::AcceleratorConfig& a, bool acc40, int64_t ublk_x, int64_t ublk_y,
                    int64_t ublk_z, int64_t steps) {
  double cycles = 0;
  int64_t delay = 2;
  if (is_u55_32(a)) {
    delay = acc40 ? 7 : 3;
  } else if (acc40 && (a.macs_per_cycle == 64 || a.macs_per_cycle == 128)) {
    delay = 3;
  }
  if (ublk_x == 1 && ublk_y == 1) {
    if (ublk_z == 1) {
      cycles = static_cast<double>(delay * steps);
    } else if (steps > 1) {
      cycles = static_cast<double>(delay * (steps - 1) * ublk_z);
    }
  }
  if (is_u55_32(a) && (ublk_x == 1 || ublk_y == 1) && ublk_z > 1 && acc40) {
    cycles += static_cast<double>(delay * ublk_z);
  }
  return cycles;
}

double output_cycles_per_element(const isa::Operation& operation, const OpGeometry& g,
                                 const isa::AcceleratorConfig& a) {
  return std::max(output_cycles_table(a)[static_cast<size_t>(output_perf_index(operation, g))],
                  activation_cycles_table(a)[static_cast<size_t>(activation_perf_index(operation))]);
}

}  // namespace

const std::array<double, 8>& output_cycles_table(const isa::AcceleratorConfig& a) {
  static const std::array<double, 8> k32 = {2.0, 3.0, 3.0, 3.0, 4.0, 6.0, 1.0, 2.0};
  static const std::array<double, 8> k64 = {1.0, 1.5, 1.5, 1.5, 2.0, 3.0, 0.5, 1.0};
  static const std::array<double, 8> k128 = {0.75, 1.25, 0.75, 0.75, 1.0, 1.5, 0.25, 0.5};
  static const std::array<double, 8> k256 = {0.625, 1.125, 0.5, 0.375, 0.5, 0.75, 0.125, 0.25};
  if (a.macs_per_cycle <= 32) return k32;
  if (a.macs_per_cycle <= 64) return k64;
  if (a.macs_per_cycle <= 128) return k128;
  return k256;
}

const std::array<double, 3>& activation_cycles_table(const isa::AcceleratorConfig& a) {
  static const std::array<double, 3> k32 = {1.0, 1.0, 0.0};
  static const std::array<double, 3> k128 = {1.0, 0.5, 0.0};
  static const std::array<double, 3> k256 = {1.0, 0.25, 0.0};
  if (a.macs_per_cycle <= 64) return k32;
  if (a.macs_per_cycle <= 128) return k128;
  return k256;
}

int output_perf_index(const isa::Operation& operation, const OpGeometry& g) {
  const bool elementwise = g.type == BlockType::kElementwise;
  const isa::ElementwiseMode mode = operation.elementwise_mode();
  const bool is_mul = elementwise && mode == isa::ElementwiseMode::kMul;
  if (elementwise && g.ifm_bits == 32) return g.has_ifm2 ? 0 : 1;  // as Vela 3.10's code reads
  if (is_mul && g.ofm_bits == 32) return 2;
  if (is_mul || (!elementwise && g.acc_40_bits)) return 3;
  if (elementwise && (mode == isa::ElementwiseMode::kAdd || mode == isa::ElementwiseMode::kSub)) {
    return 5;
  }
  if (g.type == BlockType::kPooling && operation.pooling_mode() == isa::PoolingMode::kMax) return 6;
  return 7;
}

int activation_perf_index(const isa::Operation& operation) {
  const isa::ActivationState& act = operation.state.activation;
  if (act.function == 3 || act.function == 4 || act.function >= 16) return 0;
  const isa::ElementType type = operation.state.ofm.type;
  const int bits = std::min<int>(type.bits, 16);  // the clamp registers are 16-bit
  const int64_t type_min = type.is_signed ? -(int64_t{1} << (bits - 1)) : 0;
  const int64_t type_max = type.is_signed ? (int64_t{1} << (bits - 1)) - 1 : (int64_t{1} << bits) - 1;
  if (act.min > type_min || act.max < type_max) return 1;
  return 2;
}

double mac_cycles_per_block(const OpGeometry& g, const isa::AcceleratorConfig& a) {
  isa::Ublock ublock = a.ofm_ublock;
  Shape block = g.ofm_block;
  const bool conv_like = g.type == BlockType::kConvolution || g.type == BlockType::kDepthwise;
  if (ublock.height == 2 && conv_like && g.ofm.height == 1 && g.ofm.width % 2 == 0 &&
      g.kernel_height == 1) {
    ublock = {4, 1, ublock.depth};  // the 2x2 ublock re-shaped to 1x4
    block.height = 1;
  }
  const int64_t ublk_x = ceil_div(block.width, ublock.width);
  const int64_t ublk_y = ceil_div(block.height, ublock.height);
  const int64_t ublk_xy = ublk_x * ublk_y;
  const int64_t ublk_z = ceil_div(block.depth, ublock.depth);
  const double wb_cycles = static_cast<double>(32 * ublock.depth / 8);
  const int64_t ifm_depth_passes = ceil_div(g.ifm_block.depth, 8);

  double cycles_per_block = 0;
  for (int32_t y = 0; y < g.kernel_height; y += 8) {
    for (int32_t x = 0; x < g.kernel_width; x += 8) {
      const int64_t elems = int64_t{std::min(8, g.kernel_height - y)} * std::min(8, g.kernel_width - x);
      int64_t steps = 1;
      double cycles = 0;
      if (g.type == BlockType::kPooling) {
        cycles = static_cast<double>(std::max<int64_t>(4, elems) * ublk_xy * ublk_z);
        if (g.ifm_bits == 16 && !is_u55_32(a)) cycles *= 2;
      } else if (g.type == BlockType::kDepthwise) {
        const double per = static_cast<double>(4 * ublk_xy * (g.ifm_bits == 16 ? 2 : 1));
        steps = ceil_div(elems, 4);
        cycles = std::max(wb_cycles, per) * static_cast<double>(steps * ublk_z);
      } else if (!g.part_kernel_first) {  // depth-first convolution, FC, reduce sum
        steps = elems;
        cycles = std::max(wb_cycles, static_cast<double>(4 * ublk_xy)) *
                 static_cast<double>(steps * ublk_z);
      } else {
        steps = ceil_div(elems, g.ifm_bits == 16 ? 2 : 4);
        cycles = std::max(wb_cycles, static_cast<double>(4 * ublk_xy)) *
                 static_cast<double>(steps * ifm_depth_passes * ublk_z);
      }
      double delay = delay_cycles(a, g.acc_40_bits, ublk_x, ublk_y, ublk_z, steps);
      if (g.part_kernel_first) delay *= static_cast<double>(ifm_depth_passes);
      cycles_per_block += cycles + delay;
    }
  }
  if (g.type == BlockType::kConvolution || g.type == BlockType::kReduceSum) {
    cycles_per_block *= static_cast<double>(ceil_div(g.ifm.depth, g.ifm_block.depth));
  }
  return cycles_per_block;  // one core on U55
}

double block_transfer_cycles(const OpGeometry& g, const BlockCycleInputs& in,
                             const MemorySystem& memory) {
  const double ifm_elements = static_cast<double>(g.ifm_block.elements());
  const double ofm_elements = static_cast<double>(g.ofm_block.elements());
  const double ifm = memory.read_latency_cycles[static_cast<size_t>(in.ifm_memory)] +
                     burst_scaled_bytes(memory, in.ifm_memory, true, in.ifm_format, g.ifm_bits,
                                        g.ifm_block_config, g.ifm, ifm_elements) /
                         memory.bandwidth(in.ifm_memory);
  const double ofm = memory.write_latency_cycles[static_cast<size_t>(in.ofm_memory)] +
                     burst_scaled_bytes(memory, in.ofm_memory, false, in.ofm_format, g.ofm_bits,
                                        g.ofm_block_config, g.ofm, ofm_elements) /
                         memory.bandwidth(in.ofm_memory);
  return ifm + ofm;
}

ComputeCycles estimate_compute_cycles(const isa::Operation& operation, const OpGeometry& g,
                                      const BlockCycleInputs& in,
                                      const isa::AcceleratorConfig& a, const MemorySystem& memory) {
  ComputeCycles out;
  double per_element = output_cycles_per_element(operation, g, a);
  if (g.type == BlockType::kElementwise) {
    const double block_elements = static_cast<double>(g.ofm_block_config.elements());
    out.cmd_floor_cycles_per_block =
        (block_transfer_cycles(g, in, memory) + per_element * block_elements) / 4;
    per_element = std::max(per_element, out.cmd_floor_cycles_per_block / block_elements);
    const double elements = static_cast<double>(ofm_rounded_elements(g.ofm, in.ofm_format));
    out.output_cycles = per_element * elements;
    out.output_cycles_per_block = per_element * block_elements;
    out.total = std::ceil(out.output_cycles);
    return out;
  }
  double mac = mac_cycles_per_block(g, a);
  Shape out_block = g.ofm_block;
  double output = std::ceil(per_element * static_cast<double>(out_block.elements()));
  if (in.has_scales) {
    const double bias = 10.0 * static_cast<double>(g.ofm_block.depth) *
                        memory.read_latency_cycles[static_cast<size_t>(in.scale_memory)] / 256.0;
    output = std::max(output, bias);
  }
  out.cmd_floor_cycles_per_block = (block_transfer_cycles(g, in, memory) + output + mac) / 4;
  mac = std::max(mac, out.cmd_floor_cycles_per_block);
  output = std::max(output, out.cmd_floor_cycles_per_block);
  out.mac_cycles_per_block = mac;
  out.output_cycles_per_block = output;
  const double blocks = static_cast<double>(g.ofm_blocks);
  out.mac_cycles = mac * blocks;
  out.output_cycles = output * blocks;
  // The MAC and output stages are pipelined: the slower one per block, plus one
  // block of the faster one (fill or drain).
  out.total = std::floor(mac > output ? mac * blocks + output : output * blocks + mac);
  return out;
}

}  // namespace vnpu::perf
