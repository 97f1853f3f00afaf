// RESIZE_NEAREST_NEIGHBOR (any element type: it copies whole pixels) and
// RESIZE_BILINEAR (int8) on 4-d NHWC tensors. The size operand must be a
// constant [2] int32 equal to the output's height and width (TFLM does not
// resize outputs at run time either). RESIZE_BILINEAR rejects
// half_pixel_centers together with align_corners, as TFLM does.
#include <string>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/data_op_support.h"
#include "kernels/prepare/op_support.h"
#include "kernels/resize.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

class ResizeOp final : public CpuOp {
 public:
  ResizeOp(bool bilinear, const kernels::ResizeParams& params, const ir::Operator& op,
           const kernels::Dims& in, const kernels::Dims& out)
      : bilinear_(bilinear), params_(params), input_(op.inputs[0]), output_(op.outputs[0]),
        in_(in), out_(out) {}
  Status eval(const TensorMemory& memory) const override {
    if (bilinear_) {
      kernels::s8_resize_bilinear(params_, in_, memory.get<const int8_t>(input_), out_,
                                  memory.get<int8_t>(output_));
    } else {
      kernels::resize_nearest_neighbor(params_, in_, memory.bytes(input_), out_,
                                       memory.bytes(output_));
    }
    return Status::ok();
  }

 private:
  bool bilinear_;
  kernels::ResizeParams params_;
  int32_t input_, output_;
  kernels::Dims in_, out_;
};

PrepareResult prepare_resize(const ir::Graph& graph, const ir::Operator& op, bool bilinear) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (Status s = data::check_same_type(graph, op.inputs[0], op.outputs[0], "input", "output"); !s) {
    return s;
  }
  if (bilinear) {
    if (Status s = prepare::check_type(graph, op.inputs[0], ir::DataType::kInt8, "input"); !s) return s;
  }
  if (Status s = prepare::check_rank(graph, op.inputs[0], 4, "input"); !s) return s;
  const auto o = data::options_or_default<ir::ResizeOptions>(op);
  if (bilinear && o.align_corners && o.half_pixel_centers) {
    return Status::invalid_input("half_pixel_centers and align_corners cannot both be set");
  }
  if (Status s = prepare::check_type(graph, op.inputs[1], ir::DataType::kInt32, "size"); !s) return s;
  auto size = data::constant_values(graph, op.inputs[1], "size");
  if (!size) return size.status();
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  if (size->size() != 2 || (*size)[0] < 1 || (*size)[1] < 1 || (*size)[0] > (1 << 20) ||
      (*size)[1] > (1 << 20) || in[1] < 1 || in[2] < 1 || in[1] > (1 << 20) || in[2] > (1 << 20)) {
    return Status::invalid_input("size: expected two sizes in [1, 2^20], and input height and "
                                 "width in [1, 2^20]");
  }
  const ir::Shape expected{in[0], static_cast<int32_t>((*size)[0]), static_cast<int32_t>((*size)[1]),
                           in[3]};
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  kernels::ResizeParams params;
  params.align_corners = o.align_corners;
  params.half_pixel_centers = o.half_pixel_centers;
  params.element_bytes = ir::element_size(graph.tensor(op.outputs[0]).type);
  return std::unique_ptr<CpuOp>(std::make_unique<ResizeOp>(
      bilinear, params, op, kernels::Dims::from(in), kernels::Dims::from(expected)));
}

}  // namespace

PrepareResult prepare_resize_nearest_neighbor(const ir::Graph& graph, const ir::Operator& op,
                                              const CpuOptions& /*cpu_options*/) {
  return prepare_resize(graph, op, false);
}

PrepareResult prepare_resize_bilinear(const ir::Graph& graph, const ir::Operator& op,
                                      const CpuOptions& /*cpu_options*/) {
  return prepare_resize(graph, op, true);
}

}  // namespace vnpu::driver::cpu
