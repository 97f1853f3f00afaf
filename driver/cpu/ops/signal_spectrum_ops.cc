// TFLM signal-library operators up to the power spectrum: SignalWindow,
// SignalFftAutoScale, SignalRfft and SignalEnergy (signal/micro/kernels/).
#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/compute_op.h"
#include "driver/cpu/ops/signal_op_support.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"
#include "kernels/signal_rfft.h"
#include "kernels/signal_spectrum.h"

namespace vnpu::driver::cpu {
namespace {

using ir::DataType;
namespace prepare = kernels::prepare;

constexpr int64_t kTfliteTypeInt16 = 7;  // TensorType_INT16, SignalRfft's "T"

class RfftOp final : public CpuOp {
 public:
  RfftOp(const ir::Operator& op, kernels::SignalRfftPlan plan, int64_t frames,
         int32_t input_length)
      : input_(op.inputs[0]),
        output_(op.outputs[0]),
        plan_(std::move(plan)),
        frames_(frames),
        input_length_(input_length),
        frame_(static_cast<size_t>(plan_.fft_length), 0),
        work_(static_cast<size_t>(plan_.fft_length / 2)) {}

  Status eval(const TensorMemory& memory) const override {
    const int16_t* input = memory.get<int16_t>(input_);
    int16_t* output = memory.get<int16_t>(output_);
    const int64_t output_length = plan_.fft_length + 2;
    for (int64_t f = 0; f < frames_; ++f) {
      // Zero-padded to the FFT length, as TFLM's work area.
      std::copy(input + f * input_length_, input + (f + 1) * input_length_, frame_.begin());
      std::fill(frame_.begin() + input_length_, frame_.end(), int16_t{0});
      kernels::s16_signal_rfft(plan_, frame_.data(), work_.data(), output + f * output_length);
    }
    return Status::ok();
  }

 private:
  int32_t input_, output_;
  kernels::SignalRfftPlan plan_;
  int64_t frames_;
  int32_t input_length_;
  mutable std::vector<int16_t> frame_;
  mutable std::vector<kernels::SignalComplex16> work_;
};

}  // namespace

PrepareResult prepare_signal_window(const ir::Graph& graph, const ir::Operator& op,
                                    const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  auto shift = signal::custom_param(op, "shift", 0, 31);
  if (!shift) return shift.status();
  for (auto [index, role] : {std::pair{op.inputs[0], "input"}, {op.outputs[0], "output"}}) {
    if (Status s = prepare::check_type(graph, index, DataType::kInt16, role); !s) return s;
  }
  if (Status s = prepare::check_same_shape(graph, op.inputs[0], op.outputs[0]); !s) return s;
  auto weights = signal::vector_length(graph, op.inputs[1], DataType::kInt16, "weights");
  if (!weights) return weights.status();
  const int64_t size = graph.tensor(op.inputs[0]).element_count();
  if (*weights <= 0 || size % *weights != 0) {
    return Status::invalid_input("input " + prepare::describe_tensor(graph, op.inputs[0]) +
                                 ": not a whole number of " + std::to_string(*weights) +
                                 "-sample windows");
  }
  const int32_t in = op.inputs[0], w = op.inputs[1], out = op.outputs[0];
  const int32_t window = *weights;
  const auto bits = static_cast<int32_t>(*shift);
  return make_compute_op([=](const TensorMemory& memory) {
    for (int64_t i = 0; i < size; i += window) {
      kernels::s16_signal_window(memory.get<int16_t>(in) + i, memory.get<int16_t>(w), window, bits,
                                 memory.get<int16_t>(out) + i);
    }
  });
}

PrepareResult prepare_signal_fft_auto_scale(const ir::Graph& graph, const ir::Operator& op,
                                            const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 2); !s) return s;
  auto length = signal::vector_length(graph, op.inputs[0], DataType::kInt16, "input");
  if (!length) return length.status();
  if (Status s = prepare::check_type(graph, op.outputs[0], DataType::kInt16, "output"); !s) {
    return s;
  }
  if (Status s = prepare::check_same_shape(graph, op.inputs[0], op.outputs[0]); !s) return s;
  if (Status s = prepare::check_type(graph, op.outputs[1], DataType::kInt32, "scale bits"); !s) {
    return s;
  }
  if (Status s = signal::check_element_count(graph, op.outputs[1], 1, "scale bits"); !s) return s;
  const int32_t in = op.inputs[0], out = op.outputs[0], scale = op.outputs[1];
  const int32_t size = *length;
  return make_compute_op([=](const TensorMemory& memory) {
    *memory.get<int32_t>(scale) = kernels::s16_signal_fft_auto_scale(
        memory.get<int16_t>(in), size, memory.get<int16_t>(out));
  });
}

PrepareResult prepare_signal_rfft(const ir::Graph& graph, const ir::Operator& op,
                                  const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  auto type = signal::custom_param(op, "T", kTfliteTypeInt16, kTfliteTypeInt16);
  if (!type) {
    return Status::unsupported("SignalRfft: only int16 (T = 7) is supported: " +
                               type.status().message());
  }
  auto fft_length = signal::custom_param(op, "fft_length", 4, 1 << 20);
  if (!fft_length) return fft_length.status();
  const auto length = static_cast<int32_t>(*fft_length);
  if (!kernels::signal_rfft_length_supported(length)) {
    return Status::unsupported("SignalRfft: fft_length " + std::to_string(length) +
                               " is not supported (fft_length / 2 must be a power of two)");
  }
  const int32_t in = op.inputs[0], out = op.outputs[0];
  for (auto [index, role] : {std::pair{in, "input"}, {out, "output"}}) {
    if (Status s = prepare::check_type(graph, index, DataType::kInt16, role); !s) return s;
  }
  const ir::Shape& in_shape = graph.tensor(in).shape;
  if (in_shape.empty() || in_shape.back() <= 0 || in_shape.back() > length) {
    return Status::invalid_input("input " + prepare::describe_tensor(graph, in) +
                                 ": frames must hold 1.." + std::to_string(length) + " samples");
  }
  ir::Shape expected = in_shape;
  expected.back() = length + 2;  // fft_length / 2 + 1 complex bins
  if (graph.tensor(out).shape != expected) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, out) +
                                 ": expected " + std::to_string(length + 2) +
                                 " values per frame, the input's other dimensions");
  }
  const int64_t frames = graph.tensor(in).element_count() / in_shape.back();
  return std::unique_ptr<CpuOp>(std::make_unique<RfftOp>(
      op, kernels::make_signal_rfft_plan(length), frames, in_shape.back()));
}

PrepareResult prepare_signal_energy(const ir::Graph& graph, const ir::Operator& op,
                                    const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  auto values = signal::vector_length(graph, op.inputs[0], DataType::kInt16, "input");
  if (!values) return values.status();
  auto bins = signal::vector_length(graph, op.outputs[0], DataType::kUInt32, "output");
  if (!bins) return bins.status();
  if (*values != 2 * *bins) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                                 ": expected one bin per complex input value");
  }
  auto start = signal::custom_param(op, "start_index", 0, *bins);
  if (!start) return start.status();
  auto end = signal::custom_param(op, "end_index", *start, *bins);
  if (!end) return end.status();
  const int32_t in = op.inputs[0], out = op.outputs[0], count = *bins;
  const auto first = static_cast<int32_t>(*start), last = static_cast<int32_t>(*end);
  return make_compute_op([=](const TensorMemory& memory) {
    kernels::s16_signal_energy(memory.get<int16_t>(in), count, first, last,
                               memory.get<uint32_t>(out));
  });
}

}  // namespace vnpu::driver::cpu
