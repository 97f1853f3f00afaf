// choose_block_config: an exhaustive search over the OFM blocks that fit the
// SHRAM (layout rule: lower_op.h), ranked by the perf model's estimate of the
// operation's cycles with each block (block_config.h, docs/perf_model.md §8).
#include "compiler/codegen/block_config.h"

#include <algorithm>
#include <string>

#include "isa/scale_stream.h"
#include "perf/compute_cycles.h"
#include "perf/memory_traffic.h"
#include "perf/op_geometry.h"
#include "perf/system_config.h"

namespace vnpu::compiler {
namespace {

constexpr int32_t kBankBytes = 1024;
constexpr int32_t kReservedOutputBanks = 2;
constexpr int32_t kMaxBlockWidth = 64;
constexpr int32_t kMaxBlockHeight = 32;
constexpr int32_t kMaxBlockDepth = 64;
constexpr int32_t kSubKernelMax = 8;

using Kind = BlockProblem::Kind;

int32_t round_up(int32_t value, int32_t step) { return (value + step - 1) / step * step; }
int32_t banks(int64_t bytes) { return static_cast<int32_t>((bytes + kBankBytes - 1) / kBankBytes); }

// The kind the estimate uses: a convolution whose IFM block depth follows the
// OFM block (ifm_block_depth 0) works per channel, as depthwise.
Kind effective_kind(const BlockProblem& p) {
  if (p.kind == Kind::kConvolution && p.ifm_block_depth == 0) return Kind::kDepthwise;
  return p.kind;
}

int64_t ifm_depth_of(const BlockProblem& p, Kind kind) {
  if (p.ifm_depth > 0) return p.ifm_depth;
  return kind == Kind::kConvolution ? p.ifm_block_depth : p.ofm_depth;
}

int32_t undilated(int32_t dilated, int32_t dilation) {
  return (dilated - 1) / std::max(dilation, 1) + 1;
}

perf::BlockType block_type(Kind kind) {
  switch (kind) {
    case Kind::kDepthwise:
      return perf::BlockType::kDepthwise;
    case Kind::kPooling:
      return perf::BlockType::kPooling;
    case Kind::kElementwise:
      return perf::BlockType::kElementwise;
    case Kind::kConvolution:
      break;
  }
  return perf::BlockType::kConvolution;
}

// The register facts the output-cycle tables read: an int8 OFM without a fused
// clamp; pooling counts as average pooling, elementwise as ADD.
isa::Operation operation_for(Kind kind) {
  isa::Operation op;
  op.state.ofm.type = {true, 8};
  op.state.activation.min = -128;
  op.state.activation.max = 127;
  switch (kind) {
    case Kind::kConvolution:
      op.kind = isa::OperationKind::kConv;
      break;
    case Kind::kDepthwise:
      op.kind = isa::OperationKind::kDepthwise;
      break;
    case Kind::kPooling:
      op.kind = isa::OperationKind::kPool;
      op.param = static_cast<uint16_t>(isa::PoolingMode::kAverage);
      break;
    case Kind::kElementwise:
      op.kind = isa::OperationKind::kElementwise;
      op.param = static_cast<uint16_t>(isa::ElementwiseMode::kAdd);
      break;
  }
  return op;
}

// (OFM block - 1) * stride + min(dilated kernel, 8), rounded up to the IFM
// micro-block: the IFM block of the layout rule and of perf::make_op_geometry.
int64_t ifm_block_extent(int64_t ofm_block, int32_t stride, int32_t dilated_kernel,
                         int32_t ublock) {
  return perf::round_up((ofm_block - 1) * stride + std::min(dilated_kernel, kSubKernelMax), ublock);
}

perf::Shape clip(const perf::Shape& a, const perf::Shape& b) {
  return {std::min(a.height, b.height), std::min(a.width, b.width), std::min(a.depth, b.depth)};
}

// What perf::make_op_geometry would read from the kick-off's registers. The
// IFM area is the one a VALID convolution reads: (OFM - 1) * stride + kernel.
perf::OpGeometry block_geometry(const BlockProblem& p, Kind kind, const BlockConfig& b,
                                const isa::AcceleratorConfig& a) {
  perf::OpGeometry g;
  g.type = block_type(kind);
  const bool has_kernel = kind != Kind::kElementwise;
  const int32_t kh = has_kernel ? p.kernel_height : 1;
  const int32_t kw = has_kernel ? p.kernel_width : 1;
  const int32_t sy = has_kernel ? p.stride_y : 1;
  const int32_t sx = has_kernel ? p.stride_x : 1;
  g.ofm = {p.ofm_height, p.ofm_width, p.ofm_depth};
  g.ifm = {(g.ofm.height - 1) * sy + kh, (g.ofm.width - 1) * sx + kw, ifm_depth_of(p, kind)};
  if (kind == Kind::kElementwise) {
    g.has_ifm2 = true;
    g.ifm2 = g.ofm;
  }
  g.dilated_height = kh;
  g.dilated_width = kw;
  g.kernel_height = has_kernel ? undilated(kh, p.dilation_y) : 1;
  g.kernel_width = has_kernel ? undilated(kw, p.dilation_x) : 1;
  g.part_kernel_first = kind == Kind::kConvolution && p.part_kernel_first;
  g.ofm_block_config = {b.height, b.width, b.depth};
  g.ifm_block_config = {ifm_block_extent(b.height, sy, kh, a.ifm_ublock.height),
                        ifm_block_extent(b.width, sx, kw, a.ifm_ublock.width),
                        kind == Kind::kConvolution ? p.ifm_block_depth : b.depth};
  g.ofm_block = clip(g.ofm, g.ofm_block_config);
  g.ifm_block = clip(g.ifm, g.ifm_block_config);
  g.ofm_xy_blocks = perf::ceil_div(g.ofm.height, g.ofm_block.height) *
                    perf::ceil_div(g.ofm.width, g.ofm_block.width);
  g.ofm_blocks = g.ofm_xy_blocks * perf::ceil_div(g.ofm.depth, g.ofm_block.depth);
  g.sub_kernels = static_cast<int32_t>(perf::ceil_div(g.kernel_width, kSubKernelMax) *
                                       perf::ceil_div(g.kernel_height, kSubKernelMax));
  return g;
}

// One pass over the weights, a byte per weight (the encoded stream's
// compression is not known before the block depth is chosen).
double weight_bytes(const perf::OpGeometry& g) {
  const double kernel = static_cast<double>(g.kernel_width) * g.kernel_height;
  if (g.type == perf::BlockType::kConvolution) {
    return kernel * static_cast<double>(g.ifm.depth) * static_cast<double>(g.ofm.depth);
  }
  if (g.type == perf::BlockType::kDepthwise) return kernel * static_cast<double>(g.ofm.depth);
  return 0;
}

Status check_problem(const BlockProblem& p) {
  const std::pair<const char*, int32_t> fields[] = {
      {"ofm_height", p.ofm_height},     {"ofm_width", p.ofm_width},
      {"ofm_depth", p.ofm_depth},       {"kernel_height", p.kernel_height},
      {"kernel_width", p.kernel_width}, {"stride_y", p.stride_y},
      {"stride_x", p.stride_x},         {"dilation_y", p.dilation_y},
      {"dilation_x", p.dilation_x}};
  for (const auto& [name, value] : fields) {
    if (value < 1) {
      return Status::invalid_input(std::string("block config: ") + name + " is " +
                                   std::to_string(value) + ", must be at least 1");
    }
  }
  if (p.ifm_block_depth < 0 || p.ifm_depth < 0) {
    return Status::invalid_input("block config: ifm_block_depth and ifm_depth must be at least 0");
  }
  return Status::ok();
}

struct Candidate {
  BlockConfig block;
  BlockCost cost;
  int64_t volume = 0;  // clipped to the OFM
};

double all_access_cycles(const BlockCost& cost) {
  double sum = 0;
  for (double cycles : cost.access_cycles) sum += cycles;
  return sum;
}

// Fewest estimated cycles; on a tie (one memory binds every candidate, e.g.
// weights streamed once from flash) the least traffic on the other memories,
// so that the layer does not turn bound elsewhere when buffering or the
// memory system differ; then fewer compute cycles, then the larger block.
bool better(const Candidate& a, const Candidate& b) {
  if (a.cost.total_cycles != b.cost.total_cycles) return a.cost.total_cycles < b.cost.total_cycles;
  if (all_access_cycles(a.cost) != all_access_cycles(b.cost)) {
    return all_access_cycles(a.cost) < all_access_cycles(b.cost);
  }
  if (a.cost.compute_cycles != b.cost.compute_cycles) {
    return a.cost.compute_cycles < b.cost.compute_cycles;
  }
  return a.volume > b.volume;
}

}  // namespace

std::optional<BlockConfig> fit_block_config(const BlockProblem& problem, int32_t width,
                                            int32_t height, int32_t depth,
                                            const isa::AcceleratorConfig& config) {
  const int32_t usable_banks = config.shram_kb - (config.shram_kb > 16 ? 2 : 0);
  const int64_t ifm_h =
      (height - 1) * problem.stride_y + std::min(problem.kernel_height, kSubKernelMax);
  const int64_t ifm_w =
      (width - 1) * problem.stride_x + std::min(problem.kernel_width, kSubKernelMax);
  const int64_t ifm_d = problem.ifm_block_depth == 0 ? depth : problem.ifm_block_depth;
  const int32_t ifm_banks =
      2 * banks(round_up(static_cast<int32_t>(ifm_h), config.ifm_ublock.height) *
                round_up(static_cast<int32_t>(ifm_w), config.ifm_ublock.width) * ifm_d *
                problem.ifm_element_bytes);
  const int32_t acc_banks = banks(int64_t{width} * height * depth * problem.accumulator_bytes);
  const int32_t ib_end = kReservedOutputBanks + ifm_banks;
  const int32_t ab_start = usable_banks - acc_banks;
  if (ib_end > ab_start) return std::nullopt;
  return BlockConfig{width, height, depth, static_cast<uint32_t>(ib_end),
                     static_cast<uint32_t>(ab_start)};
}

BlockCost estimate_block_cost(const BlockProblem& problem, const BlockConfig& block,
                              const isa::AcceleratorConfig& config,
                              const perf::MemorySystem& memory) {
  const Kind kind = effective_kind(problem);
  const perf::OpGeometry g = block_geometry(problem, kind, block, config);
  const perf::MemoryKind arena = memory.memory_of_region(kArenaRegion);
  const perf::MemoryKind constants = memory.memory_of_region(kConstantRegion);
  const isa::DataFormat nhwc = isa::DataFormat::kNhwc;
  const perf::ElementAccess access = perf::measure_element_access(g, nhwc, nhwc);
  perf::BlockCycleInputs in;
  in.ifm_memory = arena;
  in.ofm_memory = arena;
  in.has_scales = access.reads_scales;
  in.scale_memory = constants;

  BlockCost cost;
  cost.compute_cycles =
      perf::estimate_compute_cycles(operation_for(kind), g, in, config, memory).total;
  auto add = [&](perf::MemoryKind where, double bytes) {
    const double bandwidth = memory.bandwidth(where);
    if (bandwidth > 0) cost.access_cycles[static_cast<size_t>(where)] += bytes / bandwidth;
  };
  add(arena, perf::burst_scaled_bytes(memory, arena, false, nhwc, 8, g.ofm_block_config, g.ofm,
                                      access.ofm_write));
  add(arena, perf::burst_scaled_bytes(memory, arena, true, nhwc, 8, g.ifm_block_config, g.ifm,
                                      access.ifm_read));
  if (access.ifm2_read > 0) {
    add(arena, perf::burst_scaled_bytes(memory, arena, true, nhwc, 8, g.ifm_block_config, g.ifm2,
                                        access.ifm2_read));
  }
  add(constants, weight_bytes(g) * access.weight_passes);
  if (access.reads_scales) {
    const auto entry_bytes = static_cast<int64_t>(isa::kScaleEntryBytes);
    const auto alignment = static_cast<int64_t>(isa::kScaleStreamAlignment);
    add(constants, static_cast<double>(perf::round_up(entry_bytes * g.ofm.depth, alignment)));
  }
  cost.total_cycles = std::max(
      cost.compute_cycles, *std::max_element(cost.access_cycles.begin(), cost.access_cycles.end()));
  return cost;
}

perf::MemorySystem default_block_search_memory(const isa::AcceleratorConfig& config) {
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  const Expected<perf::SystemConfig> system = ini.find_system_config(perf::kDefaultSystemConfig);
  const Expected<perf::MemoryMode> mode = ini.find_memory_mode(perf::kDefaultMemoryMode);
  return perf::make_memory_system(system ? *system : perf::SystemConfig{},
                                  mode ? *mode : perf::MemoryMode{}, config);
}

Expected<BlockConfig> choose_block_config(const BlockProblem& problem,
                                          const isa::AcceleratorConfig& config,
                                          const perf::MemorySystem& memory) {
  if (Status s = check_problem(problem); !s) return s;
  const isa::Ublock& ub = config.ofm_ublock;
  const int32_t max_w = std::min(round_up(problem.ofm_width, ub.width), kMaxBlockWidth);
  const int32_t max_h = std::min(round_up(problem.ofm_height, ub.height), kMaxBlockHeight);
  const int32_t max_d = std::min(round_up(problem.ofm_depth, 8), kMaxBlockDepth);
  std::optional<Candidate> best;
  for (int32_t d = 8; d <= max_d; d += 8) {
    for (int32_t h = ub.height; h <= max_h; h += ub.height) {
      for (int32_t w = ub.width; w <= max_w; w += ub.width) {
        const std::optional<BlockConfig> block = fit_block_config(problem, w, h, d, config);
        if (!block) continue;
        Candidate c{*block, estimate_block_cost(problem, *block, config, memory),
                    int64_t{std::min(w, problem.ofm_width)} * std::min(h, problem.ofm_height) *
                        std::min(d, problem.ofm_depth)};
        if (!best || better(c, *best)) best = c;
      }
    }
  }
  if (!best) {
    return Status::unsupported("no OFM block fits the " + std::to_string(config.shram_kb) +
                               " KB SHRAM of " + config.name);
  }
  return best->block;
}

Expected<BlockConfig> choose_block_config(const BlockProblem& problem,
                                          const isa::AcceleratorConfig& config) {
  return choose_block_config(problem, config, default_block_search_memory(config));
}

}  // namespace vnpu::compiler
