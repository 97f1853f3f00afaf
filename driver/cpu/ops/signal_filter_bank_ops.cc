// TFLM signal-library operators from the power spectrum to the features:
// SignalFilterBank, SignalFilterBankSquareRoot,
// SignalFilterBankSpectralSubtraction, SignalFilterBankLog and SignalPCAN
// (signal/micro/kernels/).
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/compute_op.h"
#include "driver/cpu/ops/signal_op_support.h"
#include "kernels/prepare/op_support.h"
#include "kernels/signal_filter_bank.h"

namespace vnpu::driver::cpu {
namespace {

using ir::DataType;
namespace prepare = kernels::prepare;

constexpr int64_t kUInt32Max = std::numeric_limits<uint32_t>::max();
constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();

// The noise estimate is the operator's own state, as in TFLM (a persistent
// buffer zeroed at Prepare and Reset); output 1 is a copy of it.
class SpectralSubtractionOp final : public CpuOp {
 public:
  SpectralSubtractionOp(const ir::Operator& op, kernels::SignalSpectralSubtractionParams params)
      : input_(op.inputs[0]),
        output_(op.outputs[0]),
        noise_output_(op.outputs[1]),
        params_(params),
        noise_estimate_(static_cast<size_t>(params.channels), 0) {}

  Status eval(const TensorMemory& memory) const override {
    kernels::u32_signal_spectral_subtraction(params_, memory.get<uint32_t>(input_),
                                             noise_estimate_.data(),
                                             memory.get<uint32_t>(output_));
    std::copy(noise_estimate_.begin(), noise_estimate_.end(), memory.get<uint32_t>(noise_output_));
    return Status::ok();
  }
  void reset_state() override { std::fill(noise_estimate_.begin(), noise_estimate_.end(), 0u); }

 private:
  int32_t input_, output_, noise_output_;
  kernels::SignalSpectralSubtractionParams params_;
  mutable std::vector<uint32_t> noise_estimate_;
};

// The five int16 tables of SignalFilterBank, constant, with every channel's
// bins and weights inside their tensors.
Status check_filter_bank_tables(const ir::Graph& graph, const ir::Operator& op, int32_t channels,
                                int32_t energy_bins) {
  static constexpr std::array<const char*, 5> kRoles = {
      "weights", "unweights", "channel frequency starts", "channel weight starts",
      "channel widths"};
  std::array<std::vector<int64_t>, 5> tables;
  for (size_t t = 0; t < kRoles.size(); ++t) {
    const int32_t index = op.inputs[t + 1];
    auto length = signal::vector_length(graph, index, DataType::kInt16, kRoles[t]);
    if (!length) return length.status();
    if (Status s = prepare::check_constant(graph, index, kRoles[t]); !s) return s;
    const auto* values = reinterpret_cast<const int16_t*>(graph.tensor(index).data.data());
    tables[t].assign(values, values + *length);
  }
  const auto weight_count = static_cast<int64_t>(std::min(tables[0].size(), tables[1].size()));
  for (size_t t = 2; t < 5; ++t) {
    if (tables[t].size() < static_cast<size_t>(channels) + 1) {
      return Status::invalid_input(std::string(kRoles[t]) + ": expected " +
                                   std::to_string(channels + 1) + " entries (num_channels + 1)");
    }
  }
  for (size_t c = 0; c <= static_cast<size_t>(channels); ++c) {
    const int64_t frequency = tables[2][c], weight = tables[3][c], width = tables[4][c];
    if (width < 0 || frequency < 0 || weight < 0 || frequency + width > energy_bins ||
        weight + width > weight_count) {
      return Status::invalid_input("channel " + std::to_string(c) + ": bins " +
                                   std::to_string(frequency) + "+" + std::to_string(width) +
                                   " or weights " + std::to_string(weight) + "+" +
                                   std::to_string(width) + " outside the input (" +
                                   std::to_string(energy_bins) + " bins, " +
                                   std::to_string(weight_count) + " weights)");
    }
  }
  return Status::ok();
}

}  // namespace

PrepareResult prepare_signal_filter_bank(const ir::Graph& graph, const ir::Operator& op,
                                         const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 6, 6, 1); !s) return s;
  auto bins = signal::vector_length(graph, op.inputs[0], DataType::kUInt32, "input");
  if (!bins) return bins.status();
  auto channels = signal::vector_length(graph, op.outputs[0], DataType::kUInt64, "output");
  if (!channels) return channels.status();
  auto num_channels = signal::custom_param(op, "num_channels", *channels, *channels);
  if (!num_channels) return num_channels.status();
  if (Status s = check_filter_bank_tables(graph, op, *channels, *bins); !s) return s;
  auto table = [&](size_t i) {
    return reinterpret_cast<const int16_t*>(graph.tensor(op.inputs[i]).data.data());
  };
  const kernels::SignalFilterBankTables tables{table(1), table(2), table(3),
                                               table(4), table(5), *channels};
  const int32_t in = op.inputs[0], out = op.outputs[0];
  return make_compute_op([=](const TensorMemory& memory) {
    kernels::u32_signal_filter_bank(tables, memory.get<uint32_t>(in), memory.get<uint64_t>(out));
  });
}

PrepareResult prepare_signal_filter_bank_square_root(const ir::Graph& graph,
                                                     const ir::Operator& op,
                                                     const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  auto channels = signal::vector_length(graph, op.inputs[0], DataType::kUInt64, "input");
  if (!channels) return channels.status();
  if (Status s = prepare::check_type(graph, op.inputs[1], DataType::kInt32, "scale bits"); !s) {
    return s;
  }
  if (Status s = signal::check_element_count(graph, op.inputs[1], 1, "scale bits"); !s) return s;
  auto out_channels = signal::vector_length(graph, op.outputs[0], DataType::kUInt32, "output");
  if (!out_channels) return out_channels.status();
  if (Status s = signal::check_element_count(graph, op.outputs[0], *channels, "output"); !s) {
    return s;
  }
  const int32_t in = op.inputs[0], shift = op.inputs[1], out = op.outputs[0];
  const int32_t count = *channels;
  return make_compute_op([=](const TensorMemory& memory) {
    kernels::u64_signal_filter_bank_square_root(memory.get<uint64_t>(in), count,
                                                *memory.get<int32_t>(shift),
                                                memory.get<uint32_t>(out));
  });
}

PrepareResult prepare_signal_filter_bank_spectral_subtraction(const ir::Graph& graph,
                                                              const ir::Operator& op,
                                                              const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 2); !s) return s;
  auto channels = signal::vector_length(graph, op.inputs[0], DataType::kUInt32, "input");
  if (!channels) return channels.status();
  for (auto [index, role] : {std::pair{op.outputs[0], "output"}, {op.outputs[1], "noise estimate"}}) {
    auto length = signal::vector_length(graph, index, DataType::kUInt32, role);
    if (!length) return length.status();
    if (Status s = signal::check_element_count(graph, index, *channels, role); !s) return s;
  }
  kernels::SignalSpectralSubtractionParams params;
  params.channels = *channels;
  struct Field {
    const char* key;
    uint32_t* value;
    int64_t max;
  };
  const Field fields[] = {
      {"smoothing", &params.smoothing, kUInt32Max},
      {"one_minus_smoothing", &params.one_minus_smoothing, kUInt32Max},
      {"alternate_smoothing", &params.alternate_smoothing, kUInt32Max},
      {"alternate_one_minus_smoothing", &params.alternate_one_minus_smoothing, kUInt32Max},
      {"min_signal_remaining", &params.min_signal_remaining, kUInt32Max},
      {"smoothing_bits", &params.smoothing_bits, 31},
      {"spectral_subtraction_bits", &params.spectral_subtraction_bits, 63},
  };
  for (const Field& field : fields) {
    auto value = signal::custom_param(op, field.key, 0, field.max);
    if (!value) return value.status();
    *field.value = static_cast<uint32_t>(*value);
  }
  auto clamping = signal::custom_param(op, "clamping", 0, 1);
  if (!clamping) return clamping.status();
  params.clamping = *clamping != 0;
  auto num_channels = signal::custom_param(op, "num_channels", *channels, *channels);
  if (!num_channels) return num_channels.status();
  return std::unique_ptr<CpuOp>(std::make_unique<SpectralSubtractionOp>(op, params));
}

PrepareResult prepare_signal_filter_bank_log(const ir::Graph& graph, const ir::Operator& op,
                                             const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  auto channels = signal::vector_length(graph, op.inputs[0], DataType::kUInt32, "input");
  if (!channels) return channels.status();
  auto out_channels = signal::vector_length(graph, op.outputs[0], DataType::kInt16, "output");
  if (!out_channels) return out_channels.status();
  if (Status s = signal::check_element_count(graph, op.outputs[0], *channels, "output"); !s) {
    return s;
  }
  auto correction = signal::custom_param(op, "input_correction_bits", 0, 31);
  if (!correction) return correction.status();
  auto scale = signal::custom_param(op, "output_scale", 0, kInt32Max);
  if (!scale) return scale.status();
  const int32_t in = op.inputs[0], out = op.outputs[0], count = *channels;
  const auto output_scale = static_cast<int32_t>(*scale);
  const auto correction_bits = static_cast<uint32_t>(*correction);
  return make_compute_op([=](const TensorMemory& memory) {
    kernels::u32_signal_filter_bank_log(memory.get<uint32_t>(in), count, output_scale,
                                        correction_bits, memory.get<int16_t>(out));
  });
}

PrepareResult prepare_signal_pcan(const ir::Graph& graph, const ir::Operator& op,
                                  const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 3, 3, 1); !s) return s;
  auto channels = signal::vector_length(graph, op.inputs[0], DataType::kUInt32, "input");
  if (!channels) return channels.status();
  for (auto [index, role] : {std::pair{op.inputs[1], "noise estimate"}, {op.outputs[0], "output"}}) {
    auto length = signal::vector_length(graph, index, DataType::kUInt32, role);
    if (!length) return length.status();
    if (Status s = signal::check_element_count(graph, index, *channels, role); !s) return s;
  }
  auto table = signal::vector_length(graph, op.inputs[2], DataType::kInt16, "gain table");
  if (!table) return table.status();
  if (*table < kernels::kSignalPcanGainTableSize) {
    return Status::invalid_input("gain table " + prepare::describe_tensor(graph, op.inputs[2]) +
                                 ": expected at least " +
                                 std::to_string(kernels::kSignalPcanGainTableSize) + " entries");
  }
  auto snr_shift = signal::custom_param(op, "snr_shift", 0, 63);
  if (!snr_shift) return snr_shift.status();
  const int32_t in = op.inputs[0], noise = op.inputs[1], gains = op.inputs[2];
  const int32_t out = op.outputs[0], count = *channels;
  const auto shift = static_cast<int32_t>(*snr_shift);
  return make_compute_op([=](const TensorMemory& memory) {
    kernels::u32_signal_pcan(memory.get<uint32_t>(in), memory.get<uint32_t>(noise),
                             memory.get<int16_t>(gains), count, shift, memory.get<uint32_t>(out));
  });
}

}  // namespace vnpu::driver::cpu
