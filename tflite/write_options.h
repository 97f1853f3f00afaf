// Internal to the TFLite writer: builtin options of one operator as a union value.
#pragma once

#include "ir/operator.h"
#include "tflite/schema/tflite_subset_generated.h"

namespace vnpu::tflite::detail {

struct WrittenOptions {
  schema::BuiltinOptions type = schema::BuiltinOptions_NONE;
  flatbuffers::Offset<void> table;
};

// Writes op.options as the builtin options table of its kind (ADD, SUB, MUL, DIV or
// L2_NORMALIZATION for ElementwiseOptions by op.type). Ops without IR options get the
// empty table TFLite uses for them (PAD, PADV2, QUANTIZE, DEQUANTIZE, HARD_SWISH, and
// those of write_options_elementwise.h) or none. Custom options are not builtin options
// and give none.
WrittenOptions write_builtin_options(flatbuffers::FlatBufferBuilder& fbb, const ir::Operator& op);

// The schema form of an IR padding and fused activation.
schema::Padding to_schema(ir::Padding padding);
schema::ActivationFunctionType to_schema(ir::FusedActivation activation);

// The writers of TRANSPOSE_CONV and BATCH_MATMUL options (write_options_conv_matmul.cc).
WrittenOptions write_transpose_conv_options(flatbuffers::FlatBufferBuilder& fbb,
                                            const ir::TransposeConvOptions& options);
WrittenOptions write_batch_matmul_options(flatbuffers::FlatBufferBuilder& fbb,
                                          const ir::BatchMatmulOptions& options);

}  // namespace vnpu::tflite::detail
