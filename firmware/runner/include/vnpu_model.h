/* A TFLite model read IN PLACE from memory by the firmware runner: a minimal,
 * bounds-checked flatbuffer reader for the fields of tflite/schema/tflite_subset.fbs
 * that the runner uses. vnpu_model_load() checks every offset, vector length and
 * table field it will ever read against the buffer, so that the accessors below
 * need no further checks. No heap: the tables are fixed-size arrays. */
#ifndef VNPU_MODEL_H
#define VNPU_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VNPU_MODEL_MAX_TENSORS 256u
#define VNPU_MODEL_MAX_OPERATORS 256u
#define VNPU_MODEL_MAX_RANK 6u
#define VNPU_MODEL_MAX_OP_TENSORS 16u
#define VNPU_MODEL_MAX_IO 8u
#define VNPU_MODEL_ERROR_SIZE 112u

/* TensorType values of the schema. */
enum {
  VNPU_TYPE_FLOAT32 = 0,
  VNPU_TYPE_INT32 = 2,
  VNPU_TYPE_UINT8 = 3,
  VNPU_TYPE_INT64 = 4,
  VNPU_TYPE_INT16 = 7,
  VNPU_TYPE_INT8 = 9
};

/* BuiltinOperator values of the schema that the runner knows. */
enum {
  VNPU_OP_ADD = 0,
  VNPU_OP_AVERAGE_POOL_2D = 1,
  VNPU_OP_CONV_2D = 3,
  VNPU_OP_DEPTHWISE_CONV_2D = 4,
  VNPU_OP_DEQUANTIZE = 6,
  VNPU_OP_FULLY_CONNECTED = 9,
  VNPU_OP_RESHAPE = 22,
  VNPU_OP_SOFTMAX = 25,
  VNPU_OP_CUSTOM = 32,
  VNPU_OP_QUANTIZE = 114
};

typedef struct vnpu_tensor {
  uint8_t type;
  uint8_t rank;
  int32_t dims[VNPU_MODEL_MAX_RANK];
  uint32_t bytes;          /* element count * element size (checked against 2^31) */
  const uint8_t* data;     /* constant data inside the model, or NULL */
  uint32_t scale_count;    /* quantization: number of scales (0 = none) */
  uint32_t scales_at;      /* offset of the first float scale in the model */
  int32_t zero_point;      /* zero_point[0] (0 when absent) */
  int32_t quantized_dimension;
} vnpu_tensor;

typedef struct vnpu_operator {
  int32_t builtin;            /* VNPU_OP_* or another BuiltinOperator value */
  bool ethos_u;               /* CUSTOM with custom_code "ethos-u" */
  uint8_t input_count, output_count;
  int32_t inputs[VNPU_MODEL_MAX_OP_TENSORS];   /* -1 = optional input left out */
  int32_t outputs[VNPU_MODEL_MAX_OP_TENSORS];
  uint8_t options_type;       /* BuiltinOptions union type, 0 = none */
  uint32_t options_table;     /* model offset of the options table, 0 = none */
} vnpu_operator;

typedef struct vnpu_model {
  const uint8_t* base;
  uint32_t size;
  uint32_t tensor_count, operator_count, input_count, output_count;
  vnpu_tensor tensors[VNPU_MODEL_MAX_TENSORS];
  vnpu_operator operators[VNPU_MODEL_MAX_OPERATORS];
  int32_t inputs[VNPU_MODEL_MAX_IO];
  int32_t outputs[VNPU_MODEL_MAX_IO];
  /* The "OfflineMemoryAllocation" metadata (Vela's and vnpu compile's arena plan, as
   * TFLite Micro reads it): an arena offset per tensor, -1 = planned by the runner. */
  bool has_offline_plan;
  int32_t offline_offsets[VNPU_MODEL_MAX_TENSORS];
  char error[VNPU_MODEL_ERROR_SIZE]; /* what and where, after a failed load */
} vnpu_model;

/* Reads subgraph 0 of the model in `data` (kept, not copied: it must outlive
 * `model`). Returns false with model->error set when anything is out of bounds,
 * inconsistent or beyond the limits above. */
bool vnpu_model_load(vnpu_model* model, const uint8_t* data, uint32_t size);

/* Scale `index` of a tensor's quantization (0 when it has none). */
float vnpu_tensor_scale(const vnpu_model* model, const vnpu_tensor* tensor, uint32_t index);

/* An int32 / float / byte field of an operator's options table (checked at load),
 * or `fallback` when absent. */
int32_t vnpu_option_i32(const vnpu_model* model, const vnpu_operator* op, uint32_t field,
                        int32_t fallback);
float vnpu_option_f32(const vnpu_model* model, const vnpu_operator* op, uint32_t field,
                      float fallback);
int32_t vnpu_option_u8(const vnpu_model* model, const vnpu_operator* op, uint32_t field,
                       int32_t fallback);

/* A small formatter for error messages: appends text / a decimal number at
 * *length within `buffer` of VNPU_MODEL_ERROR_SIZE bytes, always terminated. */
void vnpu_error_append(char* buffer, uint32_t* length, const char* text);
void vnpu_error_append_int(char* buffer, uint32_t* length, int64_t value);

#ifdef __cplusplus
}
#endif

#endif /* VNPU_MODEL_H */
