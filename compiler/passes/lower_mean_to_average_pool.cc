// lower_mean_to_average_pool: MEAN over height and width of a 4D int8 tensor
// becomes AVERAGE_POOL_2D (VALID, kernel H x W, stride 1), followed by a
// RESHAPE when keep_dims is false, but only where the result is identical:
//  - MEAN with different input and output quantization requantizes and
//    average pooling does not, so it is never lowered;
//  - with equal quantization MEAN still requantizes (sum - zp n) by 1/n
//    (kernels/mean.h, as TFLM) and adds zp back, while AVERAGE_POOL_2D rounds
//    the raw sum / n half away from zero; the pass compares both for every
//    sum a window can reach ([-128 n, 127 n]) and lowers only when they agree
//    on all of them.
#include <set>
#include <variant>

#include "compiler/passes/passes.h"
#include "ir/graph_edit.h"
#include "kernels/mean.h"

namespace vnpu::compiler {
namespace {

// MEAN's result (kernels::s8_mean with the multiplier prepare_mean computes for
// equal scales) against AVERAGE_POOL_2D's for every window sum.
bool rounding_agrees(int64_t n, int32_t zero_point) {
  const kernels::QuantizedMultiplier m =
      kernels::mean_multiplier(kernels::quantize_multiplier(1.0), n);
  for (int64_t sum = -128 * n; sum <= 127 * n; ++sum) {
    const int32_t requantized = kernels::multiply_by_quantized_multiplier(
        static_cast<int32_t>(sum - int64_t{zero_point} * n), m);
    const int32_t mean = kernels::clamp_to(requantized + zero_point, -128, 127);
    const int64_t rounded = sum > 0 ? (sum + n / 2) / n : (sum - n / 2) / n;
    if (mean != rounded) return false;
  }
  return true;
}

bool lowerable(const ir::Graph& graph, const ir::Operator& mean) {
  if (mean.inputs.size() != 2 || mean.outputs.size() != 1) return false;
  const ir::Tensor& in = graph.tensor(mean.inputs[0]);
  const ir::Tensor& out = graph.tensor(mean.outputs[0]);
  if (in.shape.size() != 4 || in.type != ir::DataType::kInt8 || out.type != ir::DataType::kInt8 ||
      in.quantization.scales.size() != 1 || in.quantization.scales != out.quantization.scales ||
      in.quantization.zero_points != out.quantization.zero_points) {
    return false;
  }
  std::set<int64_t> axes;
  for (int64_t axis : constant_integers(graph.tensor(mean.inputs[1]))) axes.insert(axis < 0 ? axis + 4 : axis);
  if (axes != std::set<int64_t>{1, 2}) return false;
  if (out.element_count() != in.shape[0] * in.shape[3]) return false;
  return rounding_agrees(static_cast<int64_t>(in.shape[1]) * in.shape[2],
                         in.quantization.zero_point());
}

}  // namespace

Status lower_mean_to_average_pool(ir::Graph& graph, const CompilerOptions& /*options*/) {
  std::vector<ir::Operator> lowered;
  for (const ir::Operator& mean : graph.operators) {
    if (mean.type != ir::OpType::kMean || !lowerable(graph, mean)) {
      lowered.push_back(mean);
      continue;
    }
    const ir::Tensor& in = graph.tensor(mean.inputs[0]);
    ir::Pool2dOptions options;
    options.padding = ir::Padding::kValid;
    options.filter_h = in.shape[1];
    options.filter_w = in.shape[2];
    ir::Operator pool{ir::OpType::kAveragePool2d, std::vector<int32_t>(1, mean.inputs[0]),
                      std::vector<int32_t>(1, mean.outputs[0]), options};
    const ir::Shape pooled = {in.shape[0], 1, 1, in.shape[3]};
    if (graph.tensor(mean.outputs[0]).shape == pooled) {
      lowered.push_back(pool);
      continue;
    }
    ir::Tensor t = graph.tensor(mean.outputs[0]);
    t.name += "/pooled";
    t.shape = pooled;
    const int32_t pooled_index = add_tensor(graph, std::move(t));
    pool.outputs[0] = pooled_index;
    lowered.push_back(pool);
    lowered.push_back(ir::Operator{ir::OpType::kReshape, std::vector<int32_t>(1, pooled_index),
                                   std::vector<int32_t>(1, mean.outputs[0]),
                                   ir::ReshapeOptions{graph.tensor(mean.outputs[0]).shape}});
  }
  graph.operators = std::move(lowered);
  return Status::ok();
}

}  // namespace vnpu::compiler
