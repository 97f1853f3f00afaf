// fold_pad_into_convolution: an explicit PAD or PADV2 whose output is read
// only by one VALID CONV_2D, DEPTHWISE_CONV_2D or MAX_POOL_2D is removed and
// the consumer reads the unpadded tensor with SAME padding, when that is the
// same computation:
//  - only height and width are padded, with the consumer input's zero point
//    (conv/depthwise: an out-of-range tap adds (zp - zp) * w = 0) or with
//    -128 (max pool: the padded value never wins a max, and every SAME
//    window holds a real value);
//  - per axis, the VALID output size over the padded extent equals the SAME
//    output size, and the PAD's leading amount equals SAME's leading padding
//    (TFLite ComputePadding), so every window covers the same input values.
// A PAD of zeros feeding any of these ops (and AVERAGE_POOL_2D) is removed.
// Average pooling with real padding is not folded: SAME averages divide by the
// in-range count, PAD + VALID by the whole window.
//
// Paddings SAME cannot express (asymmetric beyond SAME's split) need explicit
// padding in the lowered representation of the scheduling stage; they are left
// in place here and the PAD runs as its own operator.
#include <cstdint>
#include <variant>

#include "compiler/passes/passes.h"
#include "ir/graph_edit.h"

namespace vnpu::compiler {
namespace {

struct Window {
  int32_t filter = 1;
  int32_t stride = 1;
  int32_t dilation = 1;
};

struct ConsumerView {
  ir::Padding* padding = nullptr;
  Window height;
  Window width;
};

ConsumerView view_consumer(ir::Operator& op) {
  ConsumerView view;
  if (auto* c = std::get_if<ir::Conv2dOptions>(&op.options); c && op.type == ir::OpType::kConv2d) {
    view.padding = &c->padding;
    view.height = {0, c->stride_h, c->dilation_h};
    view.width = {0, c->stride_w, c->dilation_w};
  } else if (auto* d = std::get_if<ir::DepthwiseConv2dOptions>(&op.options);
             d && op.type == ir::OpType::kDepthwiseConv2d) {
    view.padding = &d->padding;
    view.height = {0, d->stride_h, d->dilation_h};
    view.width = {0, d->stride_w, d->dilation_w};
  } else if (auto* p = std::get_if<ir::Pool2dOptions>(&op.options);
             p && (op.type == ir::OpType::kMaxPool2d || op.type == ir::OpType::kAveragePool2d)) {
    view.padding = &p->padding;
    view.height = {p->filter_h, p->stride_h, 1};
    view.width = {p->filter_w, p->stride_w, 1};
  }
  return view;
}

// SAME equivalence along one axis of `in_size` padded by (before, after).
bool same_padding_matches(int32_t in_size, int32_t before, int32_t after, const Window& w) {
  if (w.stride <= 0 || w.dilation <= 0 || w.filter <= 0) return false;
  const int64_t effective = static_cast<int64_t>(w.filter - 1) * w.dilation + 1;
  const int64_t padded = static_cast<int64_t>(in_size) + before + after;
  if (padded < effective) return false;
  const int64_t valid_out = (padded - effective) / w.stride + 1;
  const int64_t same_out = (static_cast<int64_t>(in_size) + w.stride - 1) / w.stride;
  if (valid_out != same_out) return false;
  const int64_t total = (same_out - 1) * w.stride + effective - in_size;
  const int64_t same_before = total > 0 ? total / 2 : 0;
  return before == same_before;
}

// The value a PAD writes into its border: PADV2's constant, else the output zero point.
bool pad_value(const ir::Graph& graph, const ir::Operator& pad, int32_t* value) {
  const ir::Tensor& out = graph.tensor(pad.outputs[0]);
  *value = out.quantization.zero_point();
  if (pad.type != ir::OpType::kPadV2 || pad.inputs.size() < 3 || pad.inputs[2] == ir::kNoTensor) {
    return true;
  }
  const ir::Tensor& constant = graph.tensor(pad.inputs[2]);
  if (constant.type != ir::DataType::kInt8 || constant.data.size() != 1) return false;
  *value = static_cast<int8_t>(constant.data[0]);
  return true;
}

bool try_fold(ir::Graph& graph, size_t pad_index, std::vector<bool>& erase) {
  const ir::Operator& pad = graph.operators[pad_index];
  if (pad.inputs.size() < 2 || pad.outputs.size() != 1) return false;
  const int32_t source = pad.inputs[0];
  const int32_t padded = pad.outputs[0];
  const ir::Tensor& in = graph.tensor(source);
  const ir::Tensor& out = graph.tensor(padded);
  if (in.shape.size() != 4 || out.shape.size() != 4 || in.type != ir::DataType::kInt8 ||
      in.quantization.scales != out.quantization.scales ||
      in.quantization.zero_points != out.quantization.zero_points) {
    return false;
  }
  const std::vector<int64_t> p = constant_integers(graph.tensor(pad.inputs[1]));
  if (p.size() != 8 || p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0) return false;
  if (is_graph_output(graph, padded)) return false;
  const std::vector<ir::TensorUse> uses = tensor_uses(graph, padded);
  if (uses.size() != 1 || uses[0].input != 0) return false;
  ir::Operator& consumer = graph.operators[uses[0].op];
  ConsumerView view = view_consumer(consumer);
  if (view.padding == nullptr || *view.padding != ir::Padding::kValid) return false;
  const bool zero_padding = p[2] == 0 && p[3] == 0 && p[4] == 0 && p[5] == 0;
  if (!zero_padding) {
    int32_t value = 0;
    if (!pad_value(graph, pad, &value)) return false;
    if (consumer.type == ir::OpType::kAveragePool2d) return false;
    const int32_t required = consumer.type == ir::OpType::kMaxPool2d ? -128
                                                                      : in.quantization.zero_point();
    if (value != required) return false;
    if (consumer.type != ir::OpType::kMaxPool2d) {
      const ir::Shape& filter = graph.tensor(consumer.inputs[1]).shape;
      view.height.filter = filter[1];
      view.width.filter = filter[2];
    }
    if (!same_padding_matches(in.shape[1], static_cast<int32_t>(p[2]), static_cast<int32_t>(p[3]),
                              view.height) ||
        !same_padding_matches(in.shape[2], static_cast<int32_t>(p[4]), static_cast<int32_t>(p[5]),
                              view.width)) {
      return false;
    }
    *view.padding = ir::Padding::kSame;
  }
  consumer.inputs[0] = source;
  erase[pad_index] = true;
  return true;
}

}  // namespace

Status fold_pad_into_convolution(ir::Graph& graph, const CompilerOptions& /*options*/) {
  std::vector<bool> erase(graph.operators.size(), false);
  for (size_t op = 0; op < graph.operators.size(); ++op) {
    const ir::OpType type = graph.operators[op].type;
    if (type == ir::OpType::kPad || type == ir::OpType::kPadV2) try_fold(graph, op, erase);
  }
  erase_operators(graph, erase);
  return Status::ok();
}

}  // namespace vnpu::compiler
