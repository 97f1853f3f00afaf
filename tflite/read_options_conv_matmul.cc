// Reads the builtin options of TRANSPOSE_CONV and BATCH_MATMUL. A missing
// options table reads as the schema defaults, as in read_options.cc.
#include "tflite/reader_context.h"

namespace vnpu::tflite::detail {

Status read_transpose_conv(ReadContext& /*context*/, const schema::Operator& source,
                           ir::Operator& op, const std::string& where) {
  schema::TransposeConvOptionsT in;
  Status status = unpack_options<schema::TransposeConvOptionsT, schema::TransposeConvOptions>(
      source, in, where);
  ir::TransposeConvOptions out;
  if (status) {
    const Expected<ir::Padding> padding = map_padding(in.padding, where);
    if (padding) out.padding = *padding;
    status = padding.status();
  }
  if (status) {
    const Expected<ir::FusedActivation> activation =
        map_activation(in.fused_activation_function, where);
    if (activation) out.activation = *activation;
    status = activation.status();
  }
  out.stride_w = in.stride_w;
  out.stride_h = in.stride_h;
  if (status) status = check_positive(out.stride_w, "stride_w", where);
  if (status) status = check_positive(out.stride_h, "stride_h", where);
  op.options = out;
  return status;
}

Status read_batch_matmul(ReadContext& /*context*/, const schema::Operator& source, ir::Operator& op,
                         const std::string& where) {
  schema::BatchMatMulOptionsT in;
  Status status =
      unpack_options<schema::BatchMatMulOptionsT, schema::BatchMatMulOptions>(source, in, where);
  // asymmetric_quantize_inputs only concerns hybrid float models, which are not read.
  op.options = ir::BatchMatmulOptions{in.adj_x, in.adj_y};
  return status;
}

}  // namespace vnpu::tflite::detail
