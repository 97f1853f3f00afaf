// Internal to the TFLite reader: the options readers of the element-wise,
// comparison and reduction operators whose options are not a fused activation
// alone (CUMSUM, ARG_MAX, ARG_MIN). builtin_options_reader returns them.
#pragma once

#include "tflite/reader_context.h"

namespace vnpu::tflite::detail {

Status read_cumsum(ReadContext& context, const schema::Operator& source, ir::Operator& op,
                   const std::string& where);
Status read_arg_max(ReadContext& context, const schema::Operator& source, ir::Operator& op,
                    const std::string& where);
Status read_arg_min(ReadContext& context, const schema::Operator& source, ir::Operator& op,
                    const std::string& where);

}  // namespace vnpu::tflite::detail
