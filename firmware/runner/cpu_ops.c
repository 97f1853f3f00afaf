/* The CPU operators: each checks its tensors against its kernel (so that a
 * malformed model is refused at init, never read out of bounds) and, when
 * asked, runs it. The quantization set-up follows kernels/prepare and
 * driver/cpu/ops (TFLite Micro's Prepare). */
#include <math.h>
#include <string.h>

#include "runner_internal.h"

enum { kPaddingSame = 0, kPaddingValid = 1 };
enum { kActNone = 0, kActRelu = 1, kActReluN1To1 = 2, kActRelu6 = 3 };

typedef struct op_context {
  vnpu_runner* r;
  uint32_t index;
  const vnpu_operator* op;
  const vnpu_tensor* in;      /* input 0 */
  const vnpu_tensor* out;     /* output 0 */
  const int8_t* in_data;
  int8_t* out_data;
} op_context;

static vnpu_run_status bad(op_context* c, const char* problem) {
  return vnpu_runner_fail(c->r, c->index, VNPU_RUN_BAD_MODEL, problem);
}

static vnpu_run_status unsupported(op_context* c, const char* problem) {
  return vnpu_runner_fail(c->r, c->index, VNPU_RUN_UNSUPPORTED, problem);
}

static const vnpu_tensor* input_tensor(const op_context* c, uint32_t i) {
  if (i >= c->op->input_count || c->op->inputs[i] < 0) return NULL;
  return &c->r->model->tensors[c->op->inputs[i]];
}

static uint64_t elements(const vnpu_tensor* t) {
  uint64_t count = 1;
  for (uint32_t d = 0; d < t->rank; ++d) count *= (uint64_t)t->dims[d];
  return count;
}

static float scale_of(const op_context* c, const vnpu_tensor* t, uint32_t i) {
  return vnpu_tensor_scale(c->r->model, t, i);
}

/* TFLite CalculateActivationRangeQuantized for int8 (kernels/prepare/op_support.cc). */
static int32_t quantize_bound(float value, float scale, int32_t zero_point) {
  double rounded = round((double)(value / scale));
  if (rounded < -2147483648.0) rounded = -2147483648.0;
  if (rounded > 2147483647.0) rounded = 2147483647.0;
  const int64_t sum = (int64_t)rounded + zero_point;
  return sum < INT32_MIN ? INT32_MIN : (sum > INT32_MAX ? INT32_MAX : (int32_t)sum);
}

static vnpu_run_status activation_range(op_context* c, int32_t activation, int32_t* low,
                                        int32_t* high) {
  const float scale = scale_of(c, c->out, 0);
  const int32_t zp = c->out->zero_point;
  int32_t lo = -128, hi = 127;
  if (activation == kActRelu || activation == kActRelu6 || activation == kActReluN1To1) {
    const int32_t q = quantize_bound(activation == kActReluN1To1 ? -1.0f : 0.0f, scale, zp);
    lo = q > lo ? q : lo;
  }
  if (activation == kActRelu6 || activation == kActReluN1To1) {
    const int32_t q = quantize_bound(activation == kActRelu6 ? 6.0f : 1.0f, scale, zp);
    hi = q < hi ? q : hi;
  } else if (activation != kActNone && activation != kActRelu) {
    return unsupported(c, "fused activation other than NONE, RELU, RELU_N1_TO_1, RELU6");
  }
  *low = lo;
  *high = hi;
  return VNPU_RUN_OK;
}

static bool is_int8_quantized(const op_context* c, const vnpu_tensor* t) {
  const float scale = scale_of(c, t, 0);
  return t->type == VNPU_TYPE_INT8 && t->scale_count >= 1u && scale > 0.0f && isfinite(scale) &&
         t->zero_point >= -128 && t->zero_point <= 127;
}

/* Multiplier of channel `ch`: input * filter / output scales, as TFLM's Prepare. */
static vnpu_run_status set_multiplier(op_context* c, uint32_t ch, double real) {
  const vnpu_multiplier m = vnpu_quantize_multiplier(real);
  if (m.shift > 31) return unsupported(c, "a scale ratio of 2^31 or more");
  c->r->multipliers[ch] = m;
  return VNPU_RUN_OK;
}

static vnpu_run_status channel_multipliers(op_context* c, const vnpu_tensor* filter,
                                           uint32_t channels) {
  if (channels > VNPU_RUNNER_MAX_CHANNELS) return unsupported(c, "more than 2048 channels");
  if (filter->scale_count != 1u && filter->scale_count != channels) {
    return bad(c, "filter scales are neither 1 nor one per output channel");
  }
  const float in_scale = scale_of(c, c->in, 0), out_scale = scale_of(c, c->out, 0);
  for (uint32_t ch = 0; ch < channels; ++ch) {
    const float f_scale = scale_of(c, filter, filter->scale_count > 1u ? ch : 0u);
    const double real = (double)in_scale * (double)f_scale / (double)out_scale;
    const vnpu_run_status s = set_multiplier(c, ch, real);
    if (s != VNPU_RUN_OK) return s;
  }
  return VNPU_RUN_OK;
}

static vnpu_run_status check_bias(op_context* c, const vnpu_tensor* bias, int32_t channels) {
  if (bias == NULL) return VNPU_RUN_OK;
  if (bias->type != VNPU_TYPE_INT32 || bias->data == NULL || elements(bias) != (uint64_t)channels ||
      ((uintptr_t)bias->data & 3u) != 0u) {
    return bad(c, "bias must be a constant, 4-byte aligned int32 vector, one value per channel");
  }
  return VNPU_RUN_OK;
}

static vnpu_run_status fully_connected(op_context* c, bool execute) {
  const vnpu_tensor* filter = input_tensor(c, 1);
  const vnpu_tensor* bias = input_tensor(c, 2);
  if (filter == NULL || filter->rank != 2u || filter->data == NULL || !is_int8_quantized(c, filter)) {
    return bad(c, "filter must be a constant int8 [out, depth] tensor");
  }
  const int32_t out_depth = filter->dims[0], depth = filter->dims[1];
  if (depth == 0 || elements(c->in) % (uint64_t)depth != 0u) return bad(c, "input size");
  const int32_t batches = (int32_t)(elements(c->in) / (uint64_t)depth);
  if (c->out->rank == 0u || c->out->dims[c->out->rank - 1u] != out_depth ||
      elements(c->out) != (uint64_t)batches * (uint64_t)out_depth) {
    return bad(c, "output shape differs from [batches, filter rows]");
  }
  vnpu_run_status s = check_bias(c, bias, out_depth);
  vnpu_conv_params p;
  memset(&p, 0, sizeof p);
  if (s == VNPU_RUN_OK) s = activation_range(c, vnpu_option_u8(c->r->model, c->op, 0, 0),
                                             &p.activation_min, &p.activation_max);
  if (s != VNPU_RUN_OK) return s;
  p.per_channel = filter->scale_count > 1u;
  if (p.per_channel) {
    s = channel_multipliers(c, filter, (uint32_t)out_depth);
  } else {
    const float product = scale_of(c, c->in, 0) * scale_of(c, filter, 0);
    s = set_multiplier(c, 0, (double)product / (double)scale_of(c, c->out, 0));
  }
  if (s != VNPU_RUN_OK || !execute) return s;
  p.input_offset = -c->in->zero_point;
  p.filter_offset = -filter->zero_point;
  p.output_offset = c->out->zero_point;
  vnpu_s8_fully_connected(&p, c->r->multipliers, batches, depth, c->in_data, out_depth,
                          (const int8_t*)filter->data,
                          bias == NULL ? NULL : (const int32_t*)(const void*)bias->data,
                          c->out_data);
  return VNPU_RUN_OK;
}

/* TFLite ComputeOutSize and ComputePadding for one spatial axis. The dilated
 * filter plus the input must fit int32 (as the C++ reader's ir::check_window_axis
 * demands), so that the kernels' input positions origin + dilation * k do too. */
static bool spatial_axis(int32_t padding, int32_t in, int32_t filter, int32_t stride,
                         int32_t dilation, int32_t out, int32_t* pad) {
  if (stride <= 0 || dilation <= 0 || filter <= 0) return false;
  const int64_t effective = ((int64_t)filter - 1) * dilation + 1;
  if (effective + in > INT32_MAX) return false;
  const int64_t expected = padding == kPaddingSame ? ((int64_t)in + stride - 1) / stride
                                                   : ((int64_t)in + stride - effective) / stride;
  if (expected != out || (padding != kPaddingSame && padding != kPaddingValid)) return false;
  const int64_t total = ((int64_t)out - 1) * stride + effective - in;
  *pad = total > 0 ? (int32_t)(total / 2) : 0;
  return true;
}

static vnpu_run_status conv_geometry(op_context* c, const vnpu_tensor* filter, uint32_t first_field,
                                     vnpu_conv_params* p) {
  const vnpu_model* m = c->r->model;
  const int32_t padding = vnpu_option_u8(m, c->op, 0, 0);
  p->stride_w = vnpu_option_i32(m, c->op, 1, 0);
  p->stride_h = vnpu_option_i32(m, c->op, 2, 0);
  p->dilation_w = vnpu_option_i32(m, c->op, first_field, 1);
  p->dilation_h = vnpu_option_i32(m, c->op, first_field + 1u, 1);
  if (c->in->rank != 4u || c->out->rank != 4u || c->in->dims[0] != c->out->dims[0] ||
      !spatial_axis(padding, c->in->dims[1], filter->dims[1], p->stride_h, p->dilation_h,
                    c->out->dims[1], &p->pad_top) ||
      !spatial_axis(padding, c->in->dims[2], filter->dims[2], p->stride_w, p->dilation_w,
                    c->out->dims[2], &p->pad_left)) {
    return bad(c, "input, filter, output shapes, strides, dilations and padding do not agree");
  }
  p->input_offset = -c->in->zero_point;
  p->output_offset = c->out->zero_point;
  return VNPU_RUN_OK;
}

static vnpu_run_status convolution(op_context* c, bool depthwise, bool execute) {
  const vnpu_tensor* filter = input_tensor(c, 1);
  const vnpu_tensor* bias = input_tensor(c, 2);
  if (filter == NULL || filter->rank != 4u || filter->data == NULL || !is_int8_quantized(c, filter)) {
    return bad(c, "filter must be a constant int8 4-D tensor");
  }
  vnpu_conv_params p;
  memset(&p, 0, sizeof p);
  vnpu_run_status s = conv_geometry(c, filter, depthwise ? 5u : 4u, &p);
  if (s != VNPU_RUN_OK) return s;
  const int32_t in_depth = c->in->dims[3], out_depth = c->out->dims[3];
  if (depthwise) {
    if (filter->dims[0] != 1 || filter->dims[3] != out_depth || in_depth == 0 ||
        out_depth % in_depth != 0) {
      return bad(c, "depthwise filter must be [1, KH, KW, input depth * multiplier]");
    }
    p.depth_multiplier = out_depth / in_depth;
  } else if (filter->dims[0] != out_depth || filter->dims[3] == 0 || in_depth < filter->dims[3] ||
             in_depth % filter->dims[3] != 0 || out_depth % (in_depth / filter->dims[3]) != 0) {
    return bad(c, "filter must be [output depth, KH, KW, input depth / groups]");
  }
  s = check_bias(c, bias, out_depth);
  if (s == VNPU_RUN_OK) s = activation_range(c, vnpu_option_u8(c->r->model, c->op, depthwise ? 4u : 3u, 0),
                                             &p.activation_min, &p.activation_max);
  if (s == VNPU_RUN_OK) s = channel_multipliers(c, filter, (uint32_t)out_depth);
  if (s != VNPU_RUN_OK || !execute) return s;
  const int32_t* bias_data = bias == NULL ? NULL : (const int32_t*)(const void*)bias->data;
  if (depthwise) {
    vnpu_s8_depthwise_conv2d(&p, c->r->multipliers, c->in->dims, c->in_data, filter->dims,
                             (const int8_t*)filter->data, bias_data, c->out->dims, c->out_data);
  } else {
    vnpu_s8_conv2d(&p, c->r->multipliers, c->in->dims, c->in_data, filter->dims,
                   (const int8_t*)filter->data, bias_data, c->out->dims, c->out_data);
  }
  return VNPU_RUN_OK;
}

static vnpu_run_status average_pool(op_context* c, bool execute) {
  const vnpu_model* m = c->r->model;
  vnpu_pool_params p;
  const int32_t padding = vnpu_option_u8(m, c->op, 0, 0);
  p.stride_w = vnpu_option_i32(m, c->op, 1, 0);
  p.stride_h = vnpu_option_i32(m, c->op, 2, 0);
  p.filter_w = vnpu_option_i32(m, c->op, 3, 0);
  p.filter_h = vnpu_option_i32(m, c->op, 4, 0);
  if (c->in->rank != 4u || c->out->rank != 4u || c->in->dims[0] != c->out->dims[0] ||
      c->in->dims[3] != c->out->dims[3] ||
      !spatial_axis(padding, c->in->dims[1], p.filter_h, p.stride_h, 1, c->out->dims[1], &p.pad_top) ||
      !spatial_axis(padding, c->in->dims[2], p.filter_w, p.stride_w, 1, c->out->dims[2], &p.pad_left)) {
    return bad(c, "input, output shapes, filter, strides and padding do not agree");
  }
  if (scale_of(c, c->in, 0) != scale_of(c, c->out, 0) || c->in->zero_point != c->out->zero_point) {
    return unsupported(c, "input and output quantization differ");
  }
  const vnpu_run_status s = activation_range(c, vnpu_option_u8(m, c->op, 5, 0), &p.activation_min,
                                             &p.activation_max);
  if (s != VNPU_RUN_OK || !execute) return s;
  vnpu_s8_average_pool2d(&p, c->in->dims, c->in_data, c->out->dims, c->out_data);
  return VNPU_RUN_OK;
}

static vnpu_run_status softmax(op_context* c, bool execute) {
  vnpu_softmax_params p;
  if (c->in->rank == 0u || elements(c->in) != elements(c->out)) return bad(c, "shapes differ");
  if (scale_of(c, c->out, 0) != 1.0f / 256.0f || c->out->zero_point != -128) {
    return unsupported(c, "output quantization must be scale 1/256, zero point -128");
  }
  const int32_t depth = c->in->dims[c->in->rank - 1u];
  if (depth <= 0 || depth > 4095) return unsupported(c, "row length outside [1, 4095]");
  if (!vnpu_make_s8_softmax_params(scale_of(c, c->in, 0),
                                   vnpu_option_f32(c->r->model, c->op, 0, 0.0f), &p)) {
    return unsupported(c, "beta * input scale * 2^26 must exceed 1");
  }
  if (execute) {
    vnpu_s8_softmax(&p, (int32_t)(elements(c->in) / (uint64_t)depth), depth, c->in_data,
                    c->out_data);
  }
  return VNPU_RUN_OK;
}

static vnpu_run_status add(op_context* c, bool execute) {
  const vnpu_tensor* in2 = input_tensor(c, 1);
  if (in2 == NULL || c->op->input_count != 2u || !is_int8_quantized(c, in2)) {
    return bad(c, "needs a second int8 input");
  }
  if (in2->bytes != c->in->bytes || c->out->bytes != c->in->bytes || in2->rank != c->in->rank ||
      c->out->rank != c->in->rank || memcmp(in2->dims, c->in->dims, 4u * c->in->rank) != 0 ||
      memcmp(c->out->dims, c->in->dims, 4u * c->in->rank) != 0) {
    return unsupported(c, "inputs and output of different shapes (no broadcasting in the firmware)");
  }
  vnpu_add_params p = vnpu_make_s8_add_params(
      scale_of(c, c->in, 0), c->in->zero_point, scale_of(c, in2, 0), in2->zero_point,
      scale_of(c, c->out, 0), c->out->zero_point);
  if (p.input1_multiplier.shift > 0 || p.input2_multiplier.shift > 0 ||
      p.output_multiplier.shift > 0) {
    return unsupported(c, "a scale ratio of 1 or more (TFLM needs each below 1)");
  }
  const vnpu_run_status s = activation_range(c, vnpu_option_u8(c->r->model, c->op, 0, 0),
                                             &p.activation_min, &p.activation_max);
  if (s != VNPU_RUN_OK || !execute) return s;
  const int8_t* in2_data = (const int8_t*)c->r->tensor_data[c->op->inputs[1]];
  if (in2_data == NULL) return bad(c, "input 1 has no data");
  vnpu_s8_add(&p, c->in->bytes, c->in_data, in2_data, c->out_data);
  return VNPU_RUN_OK;
}

static vnpu_run_status reshape(op_context* c, bool execute) {
  if (c->in->bytes != c->out->bytes || c->in->type != c->out->type) {
    return bad(c, "input and output sizes or types differ");
  }
  if (execute && (const void*)c->in_data != (void*)c->out_data) {
    memmove(c->out_data, c->in_data, c->in->bytes);
  }
  return VNPU_RUN_OK;
}

vnpu_run_status vnpu_cpu_operator(vnpu_runner* runner, uint32_t op_index, bool execute) {
  op_context c;
  c.r = runner;
  c.index = op_index;
  c.op = &runner->model->operators[op_index];
  c.in = input_tensor(&c, 0);
  if (c.in == NULL || c.op->output_count != 1u) return bad(&c, "needs input 0 and one output");
  c.out = &runner->model->tensors[c.op->outputs[0]];
  c.in_data = (const int8_t*)runner->tensor_data[c.op->inputs[0]];
  c.out_data = (int8_t*)runner->tensor_data[c.op->outputs[0]];
  if (c.out->data != NULL || c.in_data == NULL) {
    return bad(&c, "output is a constant or input has no data");
  }
  if (c.op->builtin == VNPU_OP_RESHAPE) return reshape(&c, execute);
  /* An empty output has nothing to compute; its loops could still spin over a
   * huge batch beside a zero dimension. The checks run all the same. */
  if (c.out->bytes == 0u) execute = false;
  if (!is_int8_quantized(&c, c.in) || !is_int8_quantized(&c, c.out)) {
    return unsupported(&c, "input and output must be int8 with a positive scale");
  }
  switch (c.op->builtin) {
    case VNPU_OP_FULLY_CONNECTED: return fully_connected(&c, execute);
    case VNPU_OP_CONV_2D: return convolution(&c, false, execute);
    case VNPU_OP_DEPTHWISE_CONV_2D: return convolution(&c, true, execute);
    case VNPU_OP_AVERAGE_POOL_2D: return average_pool(&c, execute);
    case VNPU_OP_SOFTMAX: return softmax(&c, execute);
    case VNPU_OP_ADD: return add(&c, execute);
    default: return unsupported(&c, "no CPU kernel for this operator in the firmware");
  }
}
