// IR operators: a type, typed options, and the tensors they read and write.
//
// Operand order follows TensorFlow Lite for every op (e.g. CONV_2D reads
// input, filter, bias), so readers and kernels agree without a translation
// table. An optional operand that is absent is kNoTensor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "ir/data_type.h"

namespace vnpu::ir {

constexpr int32_t kNoTensor = -1;

enum class OpType : uint8_t {
#define VNPU_OP(enumerator, name, min_in, max_in, min_out, max_out) enumerator,
#define VNPU_CUSTOM_OP VNPU_OP
#include "ir/op_types.def"
#undef VNPU_CUSTOM_OP
#undef VNPU_OP
};

// "CONV_2D", ... as TensorFlow Lite names the op; a custom operator's custom code.
const char* op_type_name(OpType type);

// Whether the type is a TensorFlow Lite custom operator (op_type_name is then its custom code).
bool is_custom_op_type(OpType type);

// Every operator type, in the order of ir/op_types.def.
const std::vector<OpType>& all_op_types();

// How many operands an operator of a type takes, as TensorFlow Lite defines
// it: the first `min_inputs` inputs are required (never kNoTensor), up to
// `max_inputs` may be given; `min_outputs`..`max_outputs` outputs. The graph
// verifier enforces it, so no later stage reads an operand that is not there.
struct OperandArity {
  size_t min_inputs = 1;
  size_t max_inputs = 1;
  size_t min_outputs = 1;
  size_t max_outputs = 1;
};
OperandArity operand_arity(OpType type);

enum class Padding : uint8_t { kSame, kValid };
enum class FusedActivation : uint8_t { kNone, kRelu, kReluN1To1, kRelu6 };

const char* padding_name(Padding padding);
const char* fused_activation_name(FusedActivation activation);

struct Conv2dOptions {
  Padding padding = Padding::kSame;
  int32_t stride_w = 1;
  int32_t stride_h = 1;
  int32_t dilation_w = 1;
  int32_t dilation_h = 1;
  FusedActivation activation = FusedActivation::kNone;
};

struct DepthwiseConv2dOptions {
  Padding padding = Padding::kSame;
  int32_t stride_w = 1;
  int32_t stride_h = 1;
  int32_t depth_multiplier = 1;
  int32_t dilation_w = 1;
  int32_t dilation_h = 1;
  FusedActivation activation = FusedActivation::kNone;
};

struct Pool2dOptions {
  Padding padding = Padding::kSame;
  int32_t stride_w = 1;
  int32_t stride_h = 1;
  int32_t filter_w = 1;
  int32_t filter_h = 1;
  FusedActivation activation = FusedActivation::kNone;
};

struct FullyConnectedOptions {
  FusedActivation activation = FusedActivation::kNone;
  bool keep_num_dims = false;
};

// ADD, SUB, MUL, DIV and L2_NORMALIZATION: the fused activation.
struct ElementwiseOptions {
  FusedActivation activation = FusedActivation::kNone;
};

struct SoftmaxOptions {
  float beta = 1.0f;
};

struct LeakyReluOptions {
  float alpha = 0.0f;
};

struct ConcatenationOptions {
  int32_t axis = 0;
  FusedActivation activation = FusedActivation::kNone;
};

// MEAN (the axes are the second input tensor).
struct ReducerOptions {
  bool keep_dims = false;
};

struct ReshapeOptions {
  std::vector<int32_t> new_shape;  // may be empty: the shape is then input 1 or the output shape
};

struct SqueezeOptions {
  std::vector<int32_t> squeeze_dims;
};

// CUMSUM (the axis is the second input tensor).
struct CumsumOptions {
  bool exclusive = false;  // element i sums elements before i only
  bool reverse = false;    // sums run from the end of the axis
};

// ARG_MAX and ARG_MIN: the index type the file declares (int32 or int64).
struct ArgMinMaxOptions {
  DataType output_type = DataType::kInt64;
};

// Data-movement operators. An operator whose TensorFlow Lite options table is
// empty (SLICE, TRANSPOSE, GATHER_ND, ...) keeps std::monostate.
struct StridedSliceOptions {
  int32_t begin_mask = 0;
  int32_t end_mask = 0;
  int32_t ellipsis_mask = 0;
  int32_t new_axis_mask = 0;
  int32_t shrink_axis_mask = 0;
  bool offset = false;  // end is begin + end
};

// PACK (count = values_count) and UNPACK (count = num).
struct PackOptions {
  int32_t count = 0;
  int32_t axis = 0;
};

// SPLIT and SPLIT_V.
struct SplitOptions {
  int32_t num_splits = 0;
};

struct GatherOptions {
  int32_t axis = 0;
  int32_t batch_dims = 0;
};

// DEPTH_TO_SPACE and SPACE_TO_DEPTH.
struct BlockSizeOptions {
  int32_t block_size = 1;
};

enum class MirrorPadMode : uint8_t { kReflect, kSymmetric };

struct MirrorPadOptions {
  MirrorPadMode mode = MirrorPadMode::kReflect;
};

// RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR.
struct ResizeOptions {
  bool align_corners = false;
  bool half_pixel_centers = false;
};

// SHAPE: the element type of the output.
struct ShapeOptions {
  DataType out_type = DataType::kInt32;
};

// Stateful and control-flow operators (SVDF, UNIDIRECTIONAL_SEQUENCE_LSTM, IF,
// WHILE, CALL_ONCE, VAR_HANDLE).
struct SvdfOptions {
  int32_t rank = 1;
  FusedActivation activation = FusedActivation::kNone;  // the integer kernel ignores it
};

// The cell gate's nonlinearity is TANH (the only fused activation the reader accepts).
struct SequenceLstmOptions {
  float cell_clip = 0.0f;  // 0: no clipping
  float proj_clip = 0.0f;
  bool time_major = false;
};

struct IfOptions {
  int32_t then_subgraph = 0;
  int32_t else_subgraph = 0;
};

struct WhileOptions {
  int32_t cond_subgraph = 0;
  int32_t body_subgraph = 0;
};

struct CallOnceOptions {
  int32_t init_subgraph = 0;
};

// A resource variable's identity: VAR_HANDLEs with equal container and
// shared_name refer to one variable.
struct VarHandleOptions {
  std::string container;
  std::string shared_name;
};

// TRANSPOSE_CONV and BATCH_MATMUL (the 16x8 / int4 operator family).
struct TransposeConvOptions {
  Padding padding = Padding::kSame;
  int32_t stride_w = 1;
  int32_t stride_h = 1;
  FusedActivation activation = FusedActivation::kNone;
};

struct BatchMatmulOptions {
  bool adj_x = false;  // the left operand's last two dimensions are transposed
  bool adj_y = false;  // the right operand's last two dimensions are transposed
};

// A custom operator's code and raw option bytes (the ethos-u op keeps its flexbuffer here).
// For the signal-library operators the reader also decodes the flexbuffer map
// into `params`: its integer and bool entries by name (bools as 0 or 1).
struct CustomOptions {
  std::string custom_code;
  std::vector<uint8_t> data;
  std::map<std::string, int64_t> params;
};

// One alternative per line.
using OpOptions = std::variant<
    std::monostate,
    Conv2dOptions,
    DepthwiseConv2dOptions,
    Pool2dOptions,
    FullyConnectedOptions,
    ElementwiseOptions,
    SoftmaxOptions,
    LeakyReluOptions,
    ConcatenationOptions,
    ReducerOptions,
    ReshapeOptions,
    SqueezeOptions,
    CumsumOptions,
    ArgMinMaxOptions,
    StridedSliceOptions,
    PackOptions,
    SplitOptions,
    GatherOptions,
    BlockSizeOptions,
    MirrorPadOptions,
    ResizeOptions,
    ShapeOptions,
    SvdfOptions,
    SequenceLstmOptions,
    IfOptions,
    WhileOptions,
    CallOnceOptions,
    VarHandleOptions,
    TransposeConvOptions,
    BatchMatmulOptions,
    CustomOptions>;

struct Operator {
  OpType type = OpType::kAdd;
  std::vector<int32_t> inputs;   // tensor indices, kNoTensor for an absent optional operand
  std::vector<int32_t> outputs;  // tensor indices
  OpOptions options;
};

}  // namespace vnpu::ir
