// Support rules on kernel geometry: stride, dilated kernel size, pooling windows.
#include <string>
#include <utility>
#include <variant>

#include "compiler/support/rule_checks.h"

namespace vnpu::compiler::rules {
namespace {

struct Geometry {
  int32_t kernel_h = 1, kernel_w = 1;
  int32_t stride_h = 1, stride_w = 1;
  int32_t dilation_h = 1, dilation_w = 1;
  ir::Padding padding = ir::Padding::kValid;
};

Geometry geometry(const ir::Operator& op, const ir::Graph& graph) {
  Geometry g;
  if (const auto* c = std::get_if<ir::Conv2dOptions>(&op.options)) {
    g = {1, 1, c->stride_h, c->stride_w, c->dilation_h, c->dilation_w, c->padding};
  } else if (const auto* d = std::get_if<ir::DepthwiseConv2dOptions>(&op.options)) {
    g = {1, 1, d->stride_h, d->stride_w, d->dilation_h, d->dilation_w, d->padding};
  } else if (const auto* p = std::get_if<ir::Pool2dOptions>(&op.options)) {
    g = {p->filter_h, p->filter_w, p->stride_h, p->stride_w, 1, 1, p->padding};
  }
  if ((op.type == ir::OpType::kConv2d || op.type == ir::OpType::kDepthwiseConv2d) &&
      op.inputs.size() > 1) {
    const ir::Shape& filter = graph.tensor(op.inputs[1]).shape;
    if (filter.size() == 4) {
      g.kernel_h = filter[1];
      g.kernel_w = filter[2];
    }
  }
  return g;
}

int64_t dilated(int32_t kernel, int32_t dilation) {
  return static_cast<int64_t>(kernel - 1) * dilation + 1;
}

std::string kernel_text(int64_t w, int64_t h) {
  return std::to_string(w) + "x" + std::to_string(h);
}

}  // namespace

RuleResult check_stride_range(const ir::Operator& op, const ir::Graph& graph,
                              const isa::AcceleratorConfig&) {
  const Geometry g = geometry(op, graph);
  // A stride along an axis with one output position is never applied (global pooling).
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  const bool one_row = out.size() == 4 && out[1] == 1;
  const bool one_column = out.size() == 4 && out[2] == 1;
  for (const auto& [stride, unused] : {std::pair{g.stride_w, one_column}, std::pair{g.stride_h, one_row}}) {
    if (!unused && (stride < 1 || stride > kMaxStride)) {
      return RuleResult::fail("stride " + kernel_text(g.stride_w, g.stride_h) +
                              " (WxH): the NPU supports strides 1.." + std::to_string(kMaxStride));
    }
  }
  return RuleResult::pass();
}

RuleResult check_dilated_kernel_height(const ir::Operator& op, const ir::Graph& graph,
                                       const isa::AcceleratorConfig&) {
  const Geometry g = geometry(op, graph);
  const int64_t height = dilated(g.kernel_h, g.dilation_h);
  if (height <= kMaxDilatedKernelHeight) return RuleResult::pass();
  return RuleResult::fail("dilated kernel height " + std::to_string(height) + " (kernel " +
                          std::to_string(g.kernel_h) + ", dilation " +
                          std::to_string(g.dilation_h) + ") exceeds " +
                          std::to_string(kMaxDilatedKernelHeight));
}

RuleResult check_dilated_kernel_area(const ir::Operator& op, const ir::Graph& graph,
                                     const isa::AcceleratorConfig&) {
  const Geometry g = geometry(op, graph);
  const int64_t w = dilated(g.kernel_w, g.dilation_w);
  const int64_t h = dilated(g.kernel_h, g.dilation_h);
  if (w * h <= kMaxDilatedKernelArea) return RuleResult::pass();
  return RuleResult::fail("dilated kernel " + kernel_text(w, h) + " (WxH) has area " +
                          std::to_string(w * h) + ", above " +
                          std::to_string(kMaxDilatedKernelArea));
}

RuleResult check_pool_kernel_height(const ir::Operator& op, const ir::Graph& graph,
                                    const isa::AcceleratorConfig&) {
  const Geometry g = geometry(op, graph);
  if (g.kernel_h <= kMaxPoolKernelHeight) return RuleResult::pass();
  return RuleResult::fail("pooling kernel height " + std::to_string(g.kernel_h) + " exceeds " +
                          std::to_string(kMaxPoolKernelHeight));
}

RuleResult check_pool_kernel_area(const ir::Operator& op, const ir::Graph& graph,
                                  const isa::AcceleratorConfig&) {
  const Geometry g = geometry(op, graph);
  const int64_t area = static_cast<int64_t>(g.kernel_w) * g.kernel_h;
  if (area <= kMaxPoolKernelArea) return RuleResult::pass();
  return RuleResult::fail("pooling kernel " + kernel_text(g.kernel_w, g.kernel_h) +
                          " (WxH) has area " + std::to_string(area) + ", above " +
                          std::to_string(kMaxPoolKernelArea));
}

RuleResult check_same_average_pool_kernel(const ir::Operator& op, const ir::Graph& graph,
                                          const isa::AcceleratorConfig&) {
  const Geometry g = geometry(op, graph);
  if (g.padding != ir::Padding::kSame) return RuleResult::pass();
  if (g.kernel_w <= kMaxSameAveragePoolKernel && g.kernel_h <= kMaxSameAveragePoolKernel) {
    return RuleResult::pass();
  }
  return RuleResult::fail("AVERAGE_POOL_2D with SAME padding has kernel " +
                          kernel_text(g.kernel_w, g.kernel_h) + " (WxH); at most " +
                          kernel_text(kMaxSameAveragePoolKernel, kMaxSameAveragePoolKernel));
}

}  // namespace vnpu::compiler::rules
