#include "sim/rtl/conv_on_rtl.h"

#include <string>
#include <utility>
#include <vector>

#include "isa/scale_stream.h"
#include "isa/weight_layout.h"
#include "sim/functional/convolution.h"
#include "sim/functional/feature_map.h"
#include "sim/functional/kernel_geometry.h"
#include "sim/functional/output_stage.h"
#include "sim/functional/pooling.h"
#include "sim/rtl/mac_blocks.h"

namespace vnpu::sim::rtl {
namespace {

constexpr uint8_t kTanh = 3;
constexpr uint8_t kSigmoid = 4;
constexpr uint8_t kFirstLut = 16;
constexpr size_t kLutBytes = 2048;

// Busy cycles after which a weight stream counts as hung (far above the §6 formula).
uint64_t weight_watchdog(size_t bytes, int64_t symbols) {
  return 64 * (16 * static_cast<uint64_t>(bytes) + 4 * static_cast<uint64_t>(symbols) + 1000);
}

std::vector<uint8_t> region_bytes(const NpuMemory& memory, uint8_t region, uint64_t base,
                                  uint64_t length) {
  const MemoryRegion& r = memory.region(region);
  if (r.data == nullptr) return std::vector<uint8_t>(static_cast<size_t>(length), 0);
  return std::vector<uint8_t>(r.data + base, r.data + base + length);
}

// The OHWI weights from the RTL weight decoder (stream order placed by
// isa::weight_stream_order); false when the decoder does not finish cleanly.
bool decode_weights_on_rtl(const isa::Operation& op, const NpuMemory& memory,
                           const isa::WeightLayoutParams& params, RtlUnits& units,
                           ConvWeights* weights, RtlOperationRecord* record) {
  const isa::StreamState& stream = op.state.weights;
  const int64_t symbols = isa::weight_stream_length(params);
  const Expected<std::vector<int64_t>> order = isa::weight_stream_order(params);
  if (!order || static_cast<int64_t>(order->size()) != symbols) return false;
  const std::vector<uint8_t> bytes =
      region_bytes(memory, stream.region, stream.base, stream.length);
  const WeightDecodeRun run =
      units.weights->run(bytes, static_cast<uint32_t>(symbols), units.rng, BackPressure{},
                         weight_watchdog(bytes.size(), symbols));
  record->weight_decoder_cycles += run.cycles;
  if (!run.done || run.symbols.size() != order->size()) return false;
  for (size_t i = 0; i < order->size(); ++i) {
    const int64_t index = (*order)[i];
    if (index == isa::kPaddingSymbol) continue;
    weights->ohwi[static_cast<size_t>(index)] = run.symbols[i];
  }
  return true;
}

// The per-channel scales from the RTL scale decoder; false when it refuses the
// stream (it needs the exact length roundup(10 x channels, 16); the functional
// model also reads longer streams).
bool decode_scales_on_rtl(const isa::Operation& op, const NpuMemory& memory, int32_t channels,
                          RtlUnits& units, std::vector<isa::ScaleBiasEntry>* scales,
                          RtlOperationRecord* record) {
  const isa::StreamState& stream = op.state.scales;
  const uint64_t exact = (10 * static_cast<uint64_t>(channels) + 15) / 16 * 16;
  if (stream.length < exact) return false;
  const std::vector<uint8_t> bytes = region_bytes(memory, stream.region, stream.base, exact);
  const ScaleDecodeRun run =
      units.scales->run(bytes, static_cast<uint32_t>(channels), units.rng, BackPressure{});
  record->scale_decoder_cycles += run.cycles;
  if (!run.done || run.channels.size() != static_cast<size_t>(channels)) return false;
  for (size_t c = 0; c < run.channels.size(); ++c) {
    (*scales)[c] = isa::ScaleBiasEntry{run.channels[c].bias, run.channels[c].multiplier,
                                       run.channels[c].shift};
  }
  return true;
}

OutputUnitConfig output_unit_config(const isa::RegisterState& s) {
  OutputUnitConfig c;
  c.acc40 = s.acc_format == isa::AccFormat::kInt40;
  c.round_mode = static_cast<uint8_t>(s.ofm.round_mode);
  c.ofm_bits = static_cast<uint8_t>(s.ofm.type.bits);
  c.ofm_signed = s.ofm.type.is_signed;
  c.zero_point = s.ofm.zero_point;
  c.function = s.activation.function;
  c.clip_range = s.activation.clip_range;
  c.act_min = s.activation.min;
  c.act_max = s.activation.max;
  return c;
}

// Every OFM element through the RTL output unit, written through `ofm`.
void finish_on_output_unit(const isa::RegisterState& s, const NpuMemory& memory,
                           const std::vector<int64_t>& acc,
                           const std::vector<isa::ScaleBiasEntry>& scales, RtlUnits& units,
                           FeatureMap* ofm, RtlOperationRecord* record) {
  if (s.activation.function >= kFirstLut) {
    const std::vector<uint8_t>& shram = *memory.shram;
    units.output->write_lut(
        std::vector<uint8_t>(shram.end() - static_cast<long>(kLutBytes), shram.end()));
  }
  const FmShape shape = ofm->shape();
  std::vector<OutputBeat> beats((acc.size() + kOutputLanes - 1) / kOutputLanes);
  for (size_t i = 0; i < acc.size(); ++i) {
    const isa::ScaleBiasEntry& scale = scales[i % static_cast<size_t>(shape.depth)];
    beats[i / kOutputLanes][i % kOutputLanes] =
        OutputLaneInput{acc[i], scale.bias, scale.multiplier, scale.shift};
  }
  const OutputRun run = units.output->run(beats, units.rng, 1.0);
  record->output_unit_cycles += run.cycles;
  size_t i = 0;
  for (int32_t y = 0; y < shape.height; ++y) {
    for (int32_t x = 0; x < shape.width; ++x) {
      for (int32_t c = 0; c < shape.depth; ++c, ++i) {
        const uint32_t value = run.results[i / kOutputLanes][i % kOutputLanes];
        ofm->write(y, x, c, static_cast<int32_t>(value));
      }
    }
  }
}

// The functional model's result for an operation the RTL does not take.
ExecResult in_cpp(const isa::Operation& op, const NpuMemory& memory, const ConvWeights& weights,
                  std::string why, RtlOperationRecord* record) {
  record->fallback = std::move(why);
  return execute_convolution(op, memory, weights);
}

// TFLite's average, as sim/functional/pooling.cc divides: half away from zero.
int64_t divide_rounded(int64_t sum, int64_t count) {
  return sum >= 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

MacMode pooling_mac_mode(isa::PoolingMode mode, bool all_channels) {
  if (all_channels) return MacMode::kSumAll;
  if (mode == isa::PoolingMode::kMax) return MacMode::kMax;
  return mode == isa::PoolingMode::kAverage ? MacMode::kAverage : MacMode::kSum;
}

}  // namespace

ExecResult execute_pooling_on_rtl(const isa::Operation& op, const NpuMemory& memory,
                                  RtlUnits& units, RtlOperationRecord* record) {
  const isa::RegisterState& s = op.state;
  const isa::PoolingMode mode = op.pooling_mode();
  KernelGeometry g;
  const bool known = mode == isa::PoolingMode::kMax || mode == isa::PoolingMode::kAverage ||
                     mode == isa::PoolingMode::kReduceSum;
  if (!known || !make_kernel_geometry(op, &g).ok()) return execute_pooling(op, memory);
  const bool all_channels = mode == isa::PoolingMode::kReduceSum && g.ofm.depth == 1;
  if (!all_channels && g.ofm.depth > g.ifm.depth) return execute_pooling(op, memory);
  // The functional model's checks, in its order, give every fault.
  ExecResult result = memory.check_work(kernel_work(g, all_channels ? g.ifm.depth : 1));
  if (!result.ok()) return result;
  FeatureMap ifm;
  FeatureMap ofm;
  if (!(result = FeatureMap::bind(s.ifm, g.ifm, memory, "IFM", &ifm)).ok()) return result;
  if (!(result = FeatureMap::bind(s.ofm, g.ofm, memory, "OFM", &ofm)).ok()) return result;
  OutputStage stage;
  if (!(result = OutputStage::create(op, memory, &stage)).ok()) return result;
  record->ofm_elements = static_cast<uint64_t>(g.ofm.height) * static_cast<uint64_t>(g.ofm.width) *
                         static_cast<uint64_t>(g.ofm.depth);

  const MacOperation mac{
      &g, &ifm, nullptr, pooling_mac_mode(mode, all_channels), true, s.ifm.zero_point};
  std::string refusal = mac_refusal(mac, units.geometry);
  if (s.activation.function == kTanh || s.activation.function == kSigmoid) {
    refusal = "tanh/sigmoid (not in the output unit)";
  }
  // The pooled value is at most 40 bits and never wrapped: the output unit takes it as int40.
  OutputUnitConfig config = output_unit_config(s);
  config.acc40 = true;
  if (refusal.empty() && units.output->configure(config)) {
    refusal = "activation the output unit refuses";
  }
  if (!refusal.empty()) {
    record->fallback = refusal;
    return execute_pooling(op, memory);
  }
  std::vector<uint32_t> taps;
  std::vector<int64_t> values = run_on_mac(mac, units, record, &taps);
  isa::ScaleBiasEntry scale{0, 1, 0};
  if (s.ofm.global_scale) {
    scale = {0, s.ofm_scale.multiplier, s.ofm_scale.shift};
  } else if (mode == isa::PoolingMode::kAverage) {
    for (size_t i = 0; i < values.size(); ++i) {
      values[i] = taps[i] > 0 ? divide_rounded(values[i], taps[i]) : 0;
    }
    record->fallback = "the average's division in C++ (sum and taps from the MAC datapath)";
  }
  const std::vector<isa::ScaleBiasEntry> scales(static_cast<size_t>(g.ofm.depth), scale);
  finish_on_output_unit(s, memory, values, scales, units, &ofm, record);
  record->on_rtl = true;
  if (ifm.access_fault() || ofm.access_fault()) {
    return ExecResult::bus("feature-map access outside its region");
  }
  return ExecResult::success();
}

ExecResult execute_convolution_on_rtl(const isa::Operation& op, const NpuMemory& memory,
                                      const isa::AcceleratorConfig& config, RtlUnits& units,
                                      RtlOperationRecord* record) {
  const isa::RegisterState& s = op.state;
  const bool depthwise = op.kind == isa::OperationKind::kDepthwise;
  // The functional model's checks, in execute_operation's order, give every fault.
  ConvWeights weights;
  ExecResult result = load_conv_weights(op, memory, config, &weights);
  if (!result.ok()) return result;
  KernelGeometry g;
  if (!(result = make_kernel_geometry(op, &g)).ok()) return result;
  if ((depthwise && g.ofm.depth > g.ifm.depth) || s.acc_format == isa::AccFormat::kFloat16) {
    return execute_convolution(op, memory, weights);  // faults with its message
  }
  FeatureMap ifm;
  FeatureMap ofm;
  if (!(result = FeatureMap::bind(s.ifm, g.ifm, memory, "IFM", &ifm)).ok()) return result;
  if (!(result = FeatureMap::bind(s.ofm, g.ofm, memory, "OFM", &ofm)).ok()) return result;
  OutputStage stage;
  if (!(result = OutputStage::create(op, memory, &stage)).ok()) return result;
  std::vector<isa::ScaleBiasEntry> scales;
  if (s.ofm.global_scale) {
    scales.assign(static_cast<size_t>(g.ofm.depth),
                  isa::ScaleBiasEntry{0, s.ofm_scale.multiplier, s.ofm_scale.shift});
  } else if (!(result = load_scale_stream(op, memory, g.ofm.depth, &scales)).ok()) {
    return result;
  }
  record->ofm_elements = static_cast<uint64_t>(g.ofm.height) * static_cast<uint64_t>(g.ofm.width) *
                         static_cast<uint64_t>(g.ofm.depth);

  if (s.activation.function == kTanh || s.activation.function == kSigmoid) {
    return in_cpp(op, memory, weights, "tanh/sigmoid (not in the output unit)", record);
  }
  const MacMode mode = depthwise ? MacMode::kDepthwise : MacMode::kConv;
  const MacOperation mac{
      &g, &ifm, &weights, mode, s.acc_format == isa::AccFormat::kInt40, s.ifm.zero_point};
  const std::string refusal = mac_refusal(mac, units.geometry);
  if (!refusal.empty()) return in_cpp(op, memory, weights, refusal, record);
  if (units.output->configure(output_unit_config(s))) {
    return in_cpp(op, memory, weights, "activation the output unit refuses", record);
  }

  std::vector<std::string> cpp_parts;
  ConvWeights rtl_weights = weights;
  if (!decode_weights_on_rtl(op, memory, conv_weight_layout(op, g, config), units, &rtl_weights,
                             record)) {
    rtl_weights = weights;
    cpp_parts.push_back("weight stream decoded in C++ (the RTL decoder refused it)");
  }
  if (!s.ofm.global_scale &&
      !decode_scales_on_rtl(op, memory, g.ofm.depth, units, &scales, record)) {
    cpp_parts.push_back("scale stream decoded in C++ (not the RTL decoder's exact length)");
  }
  const MacOperation on_rtl{&g, &ifm, &rtl_weights, mode, mac.acc40, mac.ifm_zero_point};
  const std::vector<int64_t> acc = run_on_mac(on_rtl, units, record);
  finish_on_output_unit(s, memory, acc, scales, units, &ofm, record);
  record->on_rtl = true;
  for (const std::string& part : cpp_parts) {
    record->fallback += (record->fallback.empty() ? "" : "; ") + part;
  }
  if (ifm.access_fault() || ofm.access_fault()) {
    return ExecResult::bus("feature-map access outside its region");
  }
  return ExecResult::success();
}

}  // namespace vnpu::sim::rtl
