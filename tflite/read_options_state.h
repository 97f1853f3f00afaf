// Internal to the TFLite reader: the options readers of the stateful and
// control-flow operators (SVDF, UNIDIRECTIONAL_SEQUENCE_LSTM, IF, WHILE,
// CALL_ONCE, VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE).
#pragma once

#include <string>

#include "tflite/reader_context.h"

namespace vnpu::tflite::detail {

Status read_svdf_options(ReadContext& context, const schema::Operator& source, ir::Operator& op,
                         const std::string& where);
Status read_sequence_lstm_options(ReadContext& context, const schema::Operator& source,
                                  ir::Operator& op, const std::string& where);
Status read_if_options(ReadContext& context, const schema::Operator& source, ir::Operator& op,
                       const std::string& where);
Status read_while_options(ReadContext& context, const schema::Operator& source, ir::Operator& op,
                          const std::string& where);
Status read_call_once_options(ReadContext& context, const schema::Operator& source,
                              ir::Operator& op, const std::string& where);
Status read_var_handle_options(ReadContext& context, const schema::Operator& source,
                               ir::Operator& op, const std::string& where);
// READ_VARIABLE and ASSIGN_VARIABLE: empty options tables.
Status read_variable_access_options(ReadContext& context, const schema::Operator& source,
                                    ir::Operator& op, const std::string& where);

}  // namespace vnpu::tflite::detail
