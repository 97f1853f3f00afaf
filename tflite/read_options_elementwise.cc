#include "tflite/read_options_elementwise.h"

namespace vnpu::tflite::detail {
namespace {


// ARG_MAX / ARG_MIN output_type: int32 or int64 (TFLite's default when the table
// is absent is int64, the type TensorFlow's arg_max defaults to).
template <typename T>
Status read_arg_min_max(const schema::Operator& source, ir::Operator& op,
                        const std::string& where) {
  const Expected<const T*> table = options_table<T>(source, where);
  if (!table) return table.status();
  ir::ArgMinMaxOptions out;
  if (*table != nullptr) {
    const schema::TensorType type = (*table)->output_type();
    if (type == schema::TensorType_INT32) {
      out.output_type = ir::DataType::kInt32;
    } else if (type != schema::TensorType_INT64) {
      return Status::invalid_input(where + ": output_type " +
                                   std::to_string(static_cast<int>(type)) +
                                   " must be INT32 or INT64");
    }
  }
  op.options = out;
  return Status::ok();
}

}  // namespace

Status read_cumsum(ReadContext& /*context*/, const schema::Operator& source, ir::Operator& op,
                   const std::string& where) {
  const Expected<const schema::CumsumOptions*> table =
      options_table<schema::CumsumOptions>(source, where);
  if (!table) return table.status();
  ir::CumsumOptions out;
  if (*table != nullptr) {
    out.exclusive = (*table)->exclusive();
    out.reverse = (*table)->reverse();
  }
  op.options = out;
  return Status::ok();
}

Status read_arg_max(ReadContext& /*context*/, const schema::Operator& source, ir::Operator& op,
                    const std::string& where) {
  return read_arg_min_max<schema::ArgMaxOptions>(source, op, where);
}

Status read_arg_min(ReadContext& /*context*/, const schema::Operator& source, ir::Operator& op,
                    const std::string& where) {
  return read_arg_min_max<schema::ArgMinOptions>(source, op, where);
}

}  // namespace vnpu::tflite::detail
