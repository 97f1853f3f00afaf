// Writes the builtin options of TRANSPOSE_CONV and BATCH_MATMUL.
#include "tflite/write_options.h"

namespace vnpu::tflite::detail {

WrittenOptions write_transpose_conv_options(flatbuffers::FlatBufferBuilder& fbb,
                                            const ir::TransposeConvOptions& options) {
  const auto table =
      schema::CreateTransposeConvOptions(fbb, to_schema(options.padding), options.stride_w,
                                         options.stride_h, to_schema(options.activation));
  return WrittenOptions{schema::BuiltinOptions_TransposeConvOptions, table.Union()};
}

WrittenOptions write_batch_matmul_options(flatbuffers::FlatBufferBuilder& fbb,
                                          const ir::BatchMatmulOptions& options) {
  const auto table = schema::CreateBatchMatMulOptions(fbb, options.adj_x, options.adj_y);
  return WrittenOptions{schema::BuiltinOptions_BatchMatMulOptions, table.Union()};
}

}  // namespace vnpu::tflite::detail
