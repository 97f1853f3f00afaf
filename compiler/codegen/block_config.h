// The OFM block search behind choose_block_config (lower_op.h): every block
// whose SHRAM layout fits is a candidate, and the one with the fewest
// estimated cycles wins. The estimate is the analytic model of `vnpu
// estimate` (perf/) applied to the operation with that block: compute cycles
// from the per-block MAC and output formulas, and the memory access cycles of
// the IFM re-reads and weight re-fetches the block implies; the operation
// takes the larger of the two. Formula: docs/perf_model.md §8.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "compiler/codegen/lower_op.h"
#include "isa/accelerator_config.h"
#include "perf/memory_system.h"

namespace vnpu::compiler {

// The SHRAM layout of a width x height x depth OFM block (not clipped), or
// nullopt when its double-buffered IFM block and its accumulators overlap
// (the layout rule written at choose_block_config in lower_op.h).
std::optional<BlockConfig> fit_block_config(const BlockProblem& problem, int32_t width,
                                            int32_t height, int32_t depth,
                                            const isa::AcceleratorConfig& config);

struct BlockCost {
  double compute_cycles = 0;                               // perf::estimate_compute_cycles total
  std::array<double, perf::kMemoryKinds> access_cycles{};  // burst-scaled bytes / bandwidth
  double total_cycles = 0;  // max(compute, every memory's access cycles)
};

// The estimated cycles of the operation run with `block` (its width, height
// and depth; the SHRAM offsets are not read). IFM, IFM2 and OFM live in the
// arena (region 1), weights and scales in the constant region (region 0).
BlockCost estimate_block_cost(const BlockProblem& problem, const BlockConfig& block,
                              const isa::AcceleratorConfig& config,
                              const perf::MemorySystem& memory);

// The memory system choose_block_config(problem, config) assumes: Vela's
// default system config and memory mode (Ethos_U55_High_End_Embedded,
// Shared_Sram) from the built-in vela.ini, as `vnpu estimate` by default.
perf::MemorySystem default_block_search_memory(const isa::AcceleratorConfig& config);

// The fitting block with the fewest total cycles; ties go to fewer compute
// cycles, then to the larger volume clipped to the OFM, then to the first in
// the search order (depth, then height, then width, each ascending: the
// smaller block). unsupported when no block fits.
Expected<BlockConfig> choose_block_config(const BlockProblem& problem,
                                          const isa::AcceleratorConfig& config,
                                          const perf::MemorySystem& memory);

}  // namespace vnpu::compiler
