// convert_fully_connected_to_conv: a FULLY_CONNECTED the NPU would run
// (support check) becomes RESHAPE -> CONV_2D (1x1, VALID, stride 1) ->
// RESHAPE: the input's N rows of K values are read as a [1,N,1,K] feature
// map, the [O,K] weights as an [O,1,1,K] filter (same bytes and scales), and
// the [1,N,1,O] result is reshaped to the original output. The conv sums the
// same products in the same order, with the multiplier TFLite derives from the
// same double-precision scales, so the result is identical.
// remove_reshapes later drops the reshapes wherever layout allows. A 16x8
// (int16) FULLY_CONNECTED stays one: the code generator lowers it as it is,
// with the per-tensor multiplier of TFLite's FULLY_CONNECTED (a float product
// of the scales, where CONV_2D takes a double one).
#include <string>
#include <variant>

#include "compiler/passes/passes.h"
#include "compiler/support/partition.h"
#include "ir/graph_edit.h"

namespace vnpu::compiler {
namespace {

ir::Tensor derived_activation(const ir::Tensor& from, const std::string& suffix, ir::Shape shape) {
  ir::Tensor t;
  t.name = from.name + suffix;
  t.type = from.type;
  t.shape = std::move(shape);
  t.quantization = from.quantization;
  return t;
}

ir::Operator make_reshape(int32_t input, int32_t output, const ir::Shape& shape) {
  return ir::Operator{ir::OpType::kReshape, std::vector<int32_t>(1, input),
                      std::vector<int32_t>(1, output), ir::ReshapeOptions{shape}};
}

// The three operators replacing FC `fc`, with their new tensors added to the graph.
std::vector<ir::Operator> lower_fc(ir::Graph& graph, const ir::Operator& fc) {
  const int32_t input = fc.inputs[0];
  const int32_t output = fc.outputs[0];
  const ir::Tensor& weights = graph.tensor(fc.inputs[1]);
  const int32_t rows_out = weights.shape[0];
  const int32_t depth = weights.shape[1];
  const auto rows = static_cast<int32_t>(graph.tensor(input).element_count() / depth);

  ir::Tensor filter = weights;
  filter.name = weights.name + "/as_conv";
  filter.shape = {rows_out, 1, 1, depth};
  filter.quantization.axis = 0;
  const ir::Shape in_shape = {1, rows, 1, depth};
  const ir::Shape out_shape = {1, rows, 1, rows_out};
  const int32_t in4 = add_tensor(graph, derived_activation(graph.tensor(input), "/as_ifm", in_shape));
  const int32_t out4 =
      add_tensor(graph, derived_activation(graph.tensor(output), "/as_ofm", out_shape));
  const int32_t filter4 = add_tensor(graph, std::move(filter));

  ir::Conv2dOptions options;
  options.padding = ir::Padding::kValid;
  options.activation = std::get<ir::FullyConnectedOptions>(fc.options).activation;
  std::vector<int32_t> conv_inputs;
  conv_inputs.push_back(in4);
  conv_inputs.push_back(filter4);
  conv_inputs.push_back(fc.inputs.size() > 2 ? fc.inputs[2] : ir::kNoTensor);
  const ir::Operator conv{ir::OpType::kConv2d, conv_inputs, std::vector<int32_t>(1, out4),
                          options};
  return {make_reshape(input, in4, in_shape), conv,
          make_reshape(out4, output, graph.tensor(output).shape)};
}

}  // namespace

Status convert_fully_connected_to_conv(ir::Graph& graph, const CompilerOptions& options) {
  const Expected<isa::AcceleratorConfig> config =
      isa::find_accelerator_config(options.accelerator_config);
  if (!config) return config.status();
  std::vector<ir::Operator> lowered;
  lowered.reserve(graph.operators.size());
  for (size_t op = 0; op < graph.operators.size(); ++op) {
    const ir::Operator& fc = graph.operators[op];
    const bool convertible = fc.type == ir::OpType::kFullyConnected && fc.inputs.size() >= 2 &&
                             fc.outputs.size() == 1 &&
                             std::holds_alternative<ir::FullyConnectedOptions>(fc.options) &&
                             graph.tensor(fc.inputs[0]).type == ir::DataType::kInt8 &&
                             place_operator(graph, op, *config).on_npu;
    if (!convertible) {
      lowered.push_back(fc);
      continue;
    }
    for (ir::Operator& replacement : lower_fc(graph, fc)) lowered.push_back(std::move(replacement));
  }
  graph.operators = std::move(lowered);
  return Status::ok();
}

}  // namespace vnpu::compiler
