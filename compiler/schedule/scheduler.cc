#include "compiler/schedule/scheduler.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "compiler/codegen/lowered_types.h"
#include "compiler/schedule/cascade_plan.h"
#include "compiler/schedule/op_lowering.h"

namespace vnpu::compiler {
namespace {

constexpr uint64_t kFlashAlignment = 16;


int32_t range_depth_of(const LoweredOp& lowered) {
  const isa::EncodedWeightRange& first = lowered.weights.ranges.front();
  return first.ofm_end - first.ofm_begin;
}

Expected<LoweredOp> lower_at_origin(const ir::Graph& graph, int32_t op_index,
                                    const isa::AcceleratorConfig& config, int32_t range_depth) {
  FeatureMapPlacement origin;
  origin.weight_range_depth = range_depth;
  return lower_operator(graph, graph.operators[static_cast<size_t>(op_index)], config, origin);
}

// How many feature-map operands the kick-off reads from the arena.
size_t feature_map_input_count(const ir::Operator& op) {
  if (op.type == ir::OpType::kConcatenation || op.type == ir::OpType::kPack) {
    return op.inputs.size();
  }
  return reads_two_feature_maps(op.type) ? 2 : 1;
}

// "" when `op` can run on the NPU as lowered, else the reason it cannot.
std::string arena_operand_refusal(const ir::Graph& graph, const ir::Operator& op) {
  const size_t count = feature_map_input_count(op);
  const std::vector<int32_t> inputs = feature_map_inputs(op);
  if (inputs.size() < count || op.outputs.empty()) {
    return std::string(ir::op_type_name(op.type)) + ": " + std::to_string(op.inputs.size()) +
           " inputs and " + std::to_string(op.outputs.size()) + " outputs; the NPU needs " +
           std::to_string(count) + " feature-map inputs and an output";
  }
  // A binary elementwise operator may read one constant operand from the
  // constant region (lower_elementwise.cc), a CONCATENATION or PACK any
  // (lower_slice.cc); every other operand is in the arena.
  size_t constants_allowed = reads_two_feature_maps(op.type) ? 1 : 0;
  if (op.type == ir::OpType::kConcatenation || op.type == ir::OpType::kPack) {
    constants_allowed = inputs.size();
  }
  for (const int32_t tensor : inputs) {
    if (tensor == ir::kNoTensor || !graph.tensor(tensor).is_constant()) continue;
    if (constants_allowed > 0) {
      --constants_allowed;
      continue;
    }
    return std::string(ir::op_type_name(op.type)) + ": constant feature-map operand '" +
           graph.tensor(tensor).name + "' (only arena feature maps are lowered)";
  }
  return "";
}

// Lowers every NPU operator once; the ones the code generator refuses move
// to the CPU with the reason.
Expected<std::vector<OpLowering>> lower_npu_ops(const ir::Graph& graph,
                                                const isa::AcceleratorConfig& config,
                                                std::vector<bool>* on_npu,
                                                std::vector<LoweringRefusal>* refusals) {
  std::vector<OpLowering> lowerings;
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    if (!(*on_npu)[i]) continue;
    const ir::Operator& op = graph.operators[i];
    OpLowering lowering;
    lowering.op_index = static_cast<int32_t>(i);
    lowering.alias = is_memory_alias(op.type);
    std::string refusal = arena_operand_refusal(graph, op);
    lowering.scratch_bytes = lowering.alias ? 0 : lowering_scratch_bytes(graph, op);
    lowering.at_placement = !lowering.alias && lowered_at_placement(graph, op);
    if (refusal.empty() && !lowering.alias && !lowering.at_placement) {
      Expected<LoweredOp> lowered = lower_at_origin(graph, lowering.op_index, config, 0);
      if (lowered) {
        lowering.lowered = std::move(*lowered);
      } else if (lowered.status().code() == ErrorCode::kInternal) {
        return lowered.status();
      } else {
        refusal = lowered.status().message();
      }
    }
    if (!refusal.empty()) {
      (*on_npu)[i] = false;
      refusals->push_back({lowering.op_index, refusal});
      continue;
    }
    lowerings.push_back(std::move(lowering));
  }
  return lowerings;
}

// The weight buffers of every buffered operator, in operator order: live from
// the previous kick-off operator of its segment (the DMA runs beside it) to
// its own; two alternating buffers when it has several depth slices.
// Whether the NPU streams the operator's weights more than once: once per
// OFM block in height and width. Weights read once (a fully connected layer,
// a 1x1 output) gain nothing from a copy in SRAM and are read in place, as Vela does.
bool weights_read_repeatedly(const OpLowering& op) {
  const isa::OfmState& ofm = op.lowered.state.ofm;
  const uint32_t rows = (ofm.height_m1 + 1 + ofm.block_height_m1) / (ofm.block_height_m1 + 1);
  const uint32_t columns = (ofm.width_m1 + 1 + ofm.block_width_m1) / (ofm.block_width_m1 + 1);
  return rows * columns > 1;
}

// A cascaded operator's buffer lives over its whole cascade (the operators
// run interleaved), from the operator before the cascade.
std::vector<WeightBufferRequest> buffer_requests(const std::vector<NpuSegment>& segments,
                                                 const std::vector<OpLowering>& lowerings,
                                                 const std::vector<CascadeGroup>& cascades) {
  std::vector<WeightBufferRequest> requests;
  for (const NpuSegment& segment : segments) {
    int32_t previous = -1;
    int32_t before_cascade = -1;
    for (int32_t op_index : segment.ops) {
      const OpLowering* op = find_lowering(lowerings, op_index);
      if (op == nullptr || op->alias) continue;
      int32_t first = previous < 0 ? op_index : previous;
      int32_t last = op_index;
      if (op->cascade >= 0) {
        const CascadeGroup& group = cascades[static_cast<size_t>(op->cascade)];
        if (group.ops.front() == op_index) before_cascade = first;
        first = before_cascade;
        last = group.ops.back();
      }
      if (op->buffered) {
        const int count = op->lowered.weights.ranges.size() > 1 ? 2 : 1;
        for (int b = 0; b < count; ++b) {
          requests.push_back({first, last, static_cast<int64_t>(largest_chunk(op->lowered))});
        }
      }
      previous = op_index;
    }
  }
  return requests;
}

// Cuts the buffered operator with the largest buffer into more depth slices,
// or, when it has one block depth per slice already, reads its weights in
// place. False when no buffered operator is left.
Expected<bool> shrink_largest_buffer(const ir::Graph& graph, const isa::AcceleratorConfig& config,
                                     std::vector<OpLowering>* lowerings) {
  OpLowering* largest = nullptr;
  for (OpLowering& op : *lowerings) {
    if (op.buffered && (largest == nullptr ||
                        largest_chunk(op.lowered) > largest_chunk(largest->lowered))) {
      largest = &op;
    }
  }
  if (largest == nullptr) return false;
  const int32_t block_depth = static_cast<int32_t>(largest->lowered.state.ofm.block_depth_m1) + 1;
  const int32_t depth = range_depth_of(largest->lowered);
  if (largest->slices_exhausted || depth <= block_depth || largest->cascade >= 0) {
    largest->buffered = false;
    largest->note = "weights read in place: a buffer of " +
                    group_digits(static_cast<int64_t>(largest_chunk(largest->lowered))) +
                    " bytes does not fit the arena-cache budget";
    return true;
  }
  const int32_t target = std::max(block_depth, (depth + 1) / 2);
  Expected<LoweredOp> lowered = lower_at_origin(graph, largest->op_index, config, target);
  if (!lowered) return lowered.status().with_context("re-slicing weights");
  largest->lowered = std::move(*lowered);
  largest->range_depth = target;
  largest->slices_exhausted = range_depth_of(largest->lowered) <= block_depth;
  return true;
}

struct MemoryPlans {
  ArenaPlan arena;
  ArenaPlan cache;  // buffers in region 2
};

// The scratch buffers of operators lowered to a chain: live during the operator.
std::vector<WeightBufferRequest> scratch_requests(const std::vector<OpLowering>& lowerings) {
  std::vector<WeightBufferRequest> requests;
  for (const OpLowering& op : lowerings) {
    if (op.scratch_bytes > 0) requests.push_back({op.op_index, op.op_index, op.scratch_bytes});
  }
  return requests;
}

// Arena buffer offsets come back scratch buffers first, then arena weight buffers.
MemoryPlans plan_memory_regions(const ir::Graph& graph, const std::vector<AliasPair>& aliases,
                                const std::vector<WeightBufferRequest>& scratch,
                                const std::vector<WeightBufferRequest>& weights,
                                const ArenaAdjustments& adjustments,
                                const ScheduleOptions& options) {
  MemoryPlans plans;
  std::vector<WeightBufferRequest> arena_requests = scratch;
  if (options.buffers_in_fast_scratch) {
    plans.cache = plan_buffers(weights);
  } else {
    arena_requests.insert(arena_requests.end(), weights.begin(), weights.end());
  }
  plans.arena = plan_arena(graph, aliases, arena_requests, adjustments);
  return plans;
}

// Lowers the operators lowered at placement (chains) at their planned input,
// output and scratch offsets;
// a refusal moves the operator to the CPU (the caller schedules again).
Status lower_chained_ops(const ir::Graph& graph, const isa::AcceleratorConfig& config,
                         const ArenaPlan& arena, std::vector<OpLowering>* lowerings,
                         std::vector<LoweringRefusal>* refusals) {
  size_t next_scratch = 0;
  for (OpLowering& op : *lowerings) {
    if (!op.at_placement) continue;
    const ir::Operator& node = graph.operators[static_cast<size_t>(op.op_index)];
    auto offset_of = [&](int32_t tensor) {
      return static_cast<uint64_t>(arena.tensor_offsets[static_cast<size_t>(tensor)]);
    };
    FeatureMapPlacement placement;
    placement.ifm_offset = offset_of(feature_map_inputs(node).front());
    placement.ofm_offset = offset_of(node.outputs[0]);
    for (int32_t input : node.inputs) placement.input_offsets.push_back(offset_of(input));
    if (reads_two_feature_maps(node.type)) placement.ifm2_offset = offset_of(node.inputs[1]);
    if (op.scratch_bytes > 0) {
      placement.scratch_offset = static_cast<uint64_t>(arena.buffer_offsets[next_scratch++]);
    }
    Expected<LoweredOp> lowered = lower_operator(graph, node, config, placement);
    if (lowered) {
      op.lowered = std::move(*lowered);
    } else if (lowered.status().code() == ErrorCode::kInternal) {
      return lowered.status();
    } else {
      refusals->push_back({op.op_index, lowered.status().message()});
    }
  }
  return Status::ok();
}

// Places one operator's kick-offs: feature maps at their arena offsets, weights
// in place or in its buffers (consumed from `buffer_offsets` in request order).
ScheduledOp place_operator(const ir::Graph& graph, const OpLowering& lowering,
                           const ArenaPlan& arena, uint8_t buffer_region,
                           const std::vector<int64_t>& buffer_offsets, size_t* next_buffer,
                           uint64_t flash_offset) {
  const ir::Operator& op = graph.operators[static_cast<size_t>(lowering.op_index)];
  ScheduledOp scheduled;
  scheduled.op_index = lowering.op_index;
  scheduled.alias = lowering.alias;
  if (lowering.alias) return scheduled;
  for (size_t i = 1; i < op.inputs.size(); ++i) {
    if (op.inputs[i] != ir::kNoTensor && graph.tensor(op.inputs[i]).is_constant()) {
      scheduled.source_weight_bytes += static_cast<int64_t>(graph.tensor(op.inputs[i]).data.size());
    }
  }
  auto offset_of = [&](int32_t tensor) {
    return static_cast<uint64_t>(arena.tensor_offsets[static_cast<size_t>(tensor)]);
  };
  if (!lowering.lowered.chain.empty()) {
    // A chain's constants (a CONCATENATION's constant inputs, ARG_MAX's index row) go to its
    // flash.
    scheduled.encoded_weights = lowering.lowered.weights.buffer;
    scheduled.flash_offset = flash_offset;
    for (const ChainedKickOff& chained : lowering.lowered.chain) {
      KickOff kick_off;
      kick_off.state = chained.state;
      if (kick_off.state.ifm.region == kConstantRegion)
        kick_off.state.ifm.tile_base[0] += flash_offset;
      if (kick_off.state.ifm2.region == kConstantRegion)
        kick_off.state.ifm2.tile_base[0] += flash_offset;
      kick_off.opcode = chained.opcode;
      kick_off.param = chained.param;
      scheduled.kick_offs.push_back(kick_off);
    }
    scheduled.dmas.resize(scheduled.kick_offs.size());
    return scheduled;
  }
  FeatureMapPlacement placement;
  // Lowered, so arena_operand_refusal found the operands present.
  const std::vector<int32_t> inputs = feature_map_inputs(op);
  placement.ifm_offset = offset_of(inputs.front());
  if (inputs.size() > 1) placement.ifm2_offset = offset_of(inputs[1]);
  placement.weights_offset = flash_offset;  // a constant IFM2 (relocate_feature_maps)
  placement.ofm_offset = offset_of(op.outputs[0]);
  scheduled.kick_offs = split_into_kick_offs(lowering.lowered);
  scheduled.dmas.resize(scheduled.kick_offs.size());
  scheduled.encoded_weights = lowering.lowered.weights.buffer;
  scheduled.flash_offset = flash_offset;
  scheduled.weights_buffered = lowering.buffered;
  scheduled.note = lowering.note;
  const size_t buffer_count = lowering.lowered.weights.ranges.size() > 1 ? 2 : 1;
  const size_t first_buffer = *next_buffer;
  if (lowering.buffered) *next_buffer += buffer_count;
  for (size_t k = 0; k < scheduled.kick_offs.size(); ++k) {
    KickOff& kick_off = scheduled.kick_offs[k];
    relocate_feature_maps(placement, &kick_off);
    if (kick_off.weight_range < 0) continue;
    const isa::EncodedWeightRange& range =
        lowering.lowered.weights.ranges[static_cast<size_t>(kick_off.weight_range)];
    const ByteRange chunk = weight_chunk(range);
    if (!lowering.buffered) {
      point_weight_streams(range, kConstantRegion, flash_offset + chunk.begin, &kick_off);
      continue;
    }
    const auto buffer = static_cast<uint64_t>(buffer_offsets[first_buffer + k % buffer_count]);
    point_weight_streams(range, buffer_region, buffer, &kick_off);
    scheduled.dmas[k] = WeightDma{flash_offset + chunk.begin, buffer_region, buffer, chunk.size()};
  }
  return scheduled;
}

// Replaces the kick-offs of a cascade's operators (at positions `first`.. of
// the segment, placed whole) by their stripes and appends them to the
// segment's order, interleaved as the cascade's steps say.
void stripe_cascade(const ir::Graph& graph, const std::vector<OpLowering>& lowerings,
                    const CascadeGroup& group, const ArenaPlan& arena, size_t first,
                    ScheduledSegment* segment) {
  auto offset_of = [&](int32_t tensor) {
    return static_cast<uint64_t>(arena.tensor_offsets[static_cast<size_t>(tensor)]);
  };
  const size_t count = group.ops.size();
  std::vector<KickOff> whole;
  std::vector<KickOff> placed;
  std::vector<std::optional<WeightDma>> dmas;
  std::vector<RowStore> inputs;
  std::vector<RowStore> outputs;
  for (size_t k = 0; k < count; ++k) {
    const OpLowering* lowering = find_lowering(lowerings, group.ops[k]);
    ScheduledOp& op = segment->ops[first + k];
    whole.push_back(split_into_kick_offs(lowering->lowered).front());
    placed.push_back(op.kick_offs.front());
    dmas.push_back(op.dmas.front());
    op.kick_offs.clear();
    op.dmas.clear();
    const ir::Operator& node = graph.operators[static_cast<size_t>(group.ops[k])];
    inputs.push_back(k == 0
                         ? RowStore{offset_of(feature_map_inputs(node).front()), 0}
                         : RowStore{offset_of(group.intermediates[k - 1]), group.ring_rows[k - 1]});
    outputs.push_back(k + 1 == count
                          ? RowStore{offset_of(node.outputs[0]), 0}
                          : RowStore{offset_of(group.intermediates[k]), group.ring_rows[k]});
  }
  for (const CascadeStep& step : group.steps) {
    const size_t k = step.position;
    KickOff stripe = stripe_kick_off(whole[k], group.geometry[k], step.row_begin, step.row_end,
                                     inputs[k], outputs[k]);
    stripe.state.weights = placed[k].state.weights;
    stripe.state.scales = placed[k].state.scales;
    ScheduledOp& op = segment->ops[first + k];
    op.dmas.push_back(op.kick_offs.empty() ? dmas[k] : std::nullopt);
    op.kick_offs.push_back(stripe);
    segment->order.emplace_back(first + k, op.kick_offs.size() - 1);
  }
}

uint64_t align_flash(uint64_t value) {
  return (value + kFlashAlignment - 1) / kFlashAlignment * kFlashAlignment;
}

// Which lowered operators get their weights DMA'd into a buffer (before any budget applies).
void mark_buffered_weights(const ScheduleOptions& options, std::vector<OpLowering>* lowerings) {
  for (OpLowering& op : *lowerings) {
    op.buffered = options.buffer_weights && has_weights(op) && weights_read_repeatedly(op);
  }
}

// (input, output) of every memory alias: they share bytes in the arena.
std::vector<AliasPair> memory_aliases(const ir::Graph& graph,
                                      const std::vector<OpLowering>& lowerings) {
  std::vector<AliasPair> aliases;
  for (const OpLowering& op : lowerings) {
    if (op.alias) {
      const ir::Operator& alias = graph.operators[static_cast<size_t>(op.op_index)];
      aliases.emplace_back(alias.inputs[0], alias.outputs[0]);
    }
  }
  return aliases;
}

// The memory plan that fits the budget, and the cascades it took.
struct MemoryLayout {
  MemoryPlans plans;
  std::vector<CascadeGroup> cascades;
  std::vector<WeightBufferRequest> scratch;  // the chained operators' scratch buffers
};

// When the feature maps alone exceed an arena budget: cascades one more
// intermediate (true: plan again), keeping it unless the arena grows; the
// budget error when nothing is left to cascade. False: the feature maps fit,
// the buffers must shrink.
Expected<bool> cascade_to_fit(const ir::Graph& graph, const std::vector<AliasPair>& aliases,
                              const std::vector<NpuSegment>& segments, uint64_t budget_bytes,
                              const ArenaAdjustments& adjustments, MemoryLayout* layout,
                              std::vector<OpLowering>* lowerings) {
  const ArenaPlan feature_maps = plan_arena(graph, aliases, layout->scratch, adjustments);
  if (static_cast<uint64_t>(feature_maps.arena_bytes) <= budget_bytes) return false;
  std::vector<OpLowering> before_lowerings = *lowerings;
  std::vector<CascadeGroup> before_cascades = layout->cascades;
  if (cascade_at_peak(graph, aliases, segments, lowerings, &layout->cascades)) {
    const ArenaPlan cascaded =
        plan_arena(graph, aliases, layout->scratch, cascade_adjustments(graph, layout->cascades));
    if (cascaded.arena_bytes <= feature_maps.arena_bytes) return true;
    *lowerings = std::move(before_lowerings);
    layout->cascades = std::move(before_cascades);
  }
  return arena_budget_error(graph, aliases, feature_maps.arena_bytes, budget_bytes, adjustments);
}

// Plans the arena and the weight buffers; while the budget is exceeded,
// cascades feature maps (arena budget) and shrinks weight buffers.
Expected<MemoryLayout> plan_within_budget(const ir::Graph& graph,
                                          const isa::AcceleratorConfig& config,
                                          const ScheduleOptions& options,
                                          const std::vector<AliasPair>& aliases,
                                          const std::vector<NpuSegment>& segments,
                                          std::vector<OpLowering>* lowerings) {
  MemoryLayout layout;
  layout.scratch = scratch_requests(*lowerings);
  while (true) {
    const ArenaAdjustments adjustments = cascade_adjustments(graph, layout.cascades);
    layout.plans = plan_memory_regions(graph, aliases, layout.scratch,
                                       buffer_requests(segments, *lowerings, layout.cascades),
                                       adjustments, options);
    const int64_t limited = options.buffers_in_fast_scratch ? layout.plans.cache.arena_bytes
                                                            : layout.plans.arena.arena_bytes;
    if (!options.budget_bytes || static_cast<uint64_t>(limited) <= *options.budget_bytes) break;
    if (!options.buffers_in_fast_scratch) {
      // The budget bounds the arena: feature maps first (cascading), then buffers.
      Expected<bool> cascaded = cascade_to_fit(graph, aliases, segments, *options.budget_bytes,
                                               adjustments, &layout, lowerings);
      if (!cascaded) return cascaded.status();
      if (*cascaded) continue;
    }
    Expected<bool> shrunk = shrink_largest_buffer(graph, config, lowerings);
    if (!shrunk) return shrunk.status();
    if (!*shrunk) {
      return Status::internal("weight buffers exceed the budget with no buffered operator left");
    }
  }
  return layout;
}

// The weight buffers' offsets in their region, in request order.
std::vector<int64_t> weight_buffer_offsets(const MemoryLayout& layout,
                                           const ScheduleOptions& options) {
  if (options.buffers_in_fast_scratch) return layout.plans.cache.buffer_offsets;
  std::vector<int64_t> offsets = layout.plans.arena.buffer_offsets;
  offsets.erase(offsets.begin(),
                offsets.begin() + static_cast<std::ptrdiff_t>(layout.scratch.size()));
  return offsets;
}

// Where the operators' buffers are, shared by the segments placed one after another.
struct BufferPlacement {
  uint8_t region = kArenaRegion;
  std::vector<int64_t> offsets;
  size_t next = 0;
};

// A segment's flash: each distinct block of bytes (an operator's encoded
// weights and scales, a lookup table) once, aligned; operators with the same
// constants (an unrolled LSTM's steps, repeated tables) read the same bytes.
class FlashContents {
 public:
  explicit FlashContents(std::vector<uint8_t>* flash) : flash_(flash) {}

  uint64_t place(const std::vector<uint8_t>& bytes) {
    const auto found = offsets_.find(bytes);
    if (found != offsets_.end()) return found->second;
    const uint64_t offset = align_flash(flash_->size());
    flash_->resize(offset, 0);
    flash_->insert(flash_->end(), bytes.begin(), bytes.end());
    offsets_.emplace(bytes, offset);
    return offset;
  }

 private:
  std::vector<uint8_t>* flash_;
  std::map<std::vector<uint8_t>, uint64_t> offsets_;
};

// Places every operator of `segment` (weights and lookup tables into its
// flash) and orders the kick-offs, cascades interleaved in stripes.
ScheduledSegment place_segment(const ir::Graph& graph, const NpuSegment& segment,
                               const std::vector<OpLowering>& lowerings,
                               const std::vector<CascadeGroup>& cascades, const ArenaPlan& arena,
                               BufferPlacement* buffers) {
  ScheduledSegment scheduled;
  scheduled.segment = segment;
  FlashContents flash(&scheduled.flash);
  for (int32_t op_index : segment.ops) {
    const OpLowering* lowering = find_lowering(lowerings, op_index);
    const bool has_weights = !lowering->alias && !lowering->lowered.weights.buffer.empty();
    const uint64_t flash_offset = has_weights ? flash.place(lowering->lowered.weights.buffer)
                                              : align_flash(scheduled.flash.size());
    ScheduledOp op = place_operator(graph, *lowering, arena, buffers->region, buffers->offsets,
                                    &buffers->next, flash_offset);
    for (const TableLoad& load :
         lowering->alias ? std::vector<TableLoad>{} : lowering->lowered.luts) {
      op.luts.push_back(PlacedTable{load.before, load.table, flash.place(load.table)});
    }
    scheduled.ops.push_back(std::move(op));
  }
  for (size_t p = 0; p < segment.ops.size(); ++p) {
    const OpLowering* lowering = find_lowering(lowerings, segment.ops[p]);
    if (lowering->cascade < 0) {
      for (size_t k = 0; k < scheduled.ops[p].kick_offs.size(); ++k) {
        scheduled.order.emplace_back(p, k);
      }
      continue;
    }
    const CascadeGroup& group = cascades[static_cast<size_t>(lowering->cascade)];
    if (group.ops.front() == segment.ops[p]) {
      stripe_cascade(graph, lowerings, group, arena, p, &scheduled);
    }
  }
  return scheduled;
}

}  // namespace

Expected<Schedule> schedule_graph(const ir::Graph& graph, std::vector<bool> on_npu,
                                  const isa::AcceleratorConfig& config,
                                  const ScheduleOptions& options) {
  Schedule schedule;
  Expected<std::vector<OpLowering>> lowered =
      lower_npu_ops(graph, config, &on_npu, &schedule.refusals);
  if (!lowered) return lowered.status();
  std::vector<OpLowering>& lowerings = *lowered;
  mark_buffered_weights(options, &lowerings);
  const std::vector<NpuSegment> segments = find_npu_segments(graph, on_npu);
  schedule.aliases = memory_aliases(graph, lowerings);

  Expected<MemoryLayout> layout =
      plan_within_budget(graph, config, options, schedule.aliases, segments, &lowerings);
  if (!layout) return layout.status();

  const size_t refused_before = schedule.refusals.size();
  if (Status s =
          lower_chained_ops(graph, config, layout->plans.arena, &lowerings, &schedule.refusals);
      !s) {
    return s;
  }
  if (schedule.refusals.size() > refused_before) {
    // A chained lowering refused its operator: schedule again without it.
    for (size_t i = refused_before; i < schedule.refusals.size(); ++i) {
      on_npu[static_cast<size_t>(schedule.refusals[i].op_index)] = false;
    }
    Expected<Schedule> again = schedule_graph(graph, on_npu, config, options);
    if (!again) return again.status();
    again->refusals.insert(again->refusals.begin(), schedule.refusals.begin(),
                           schedule.refusals.end());
    return again;
  }

  schedule.arena = layout->plans.arena;
  schedule.fast_scratch_bytes = layout->plans.cache.arena_bytes;
  BufferPlacement buffers;
  buffers.region = options.buffers_in_fast_scratch ? kFastScratchRegion : kArenaRegion;
  buffers.offsets = weight_buffer_offsets(*layout, options);
  for (const NpuSegment& segment : segments) {
    schedule.segments.push_back(
        place_segment(graph, segment, lowerings, layout->cascades, schedule.arena, &buffers));
  }
  for (const CascadeGroup& group : layout->cascades) schedule.cascades.push_back(group.ops);
  return schedule;
}

}  // namespace vnpu::compiler
