/* The bounds-checked TFLite flatbuffer reader (vnpu_model.h).
 *
 * Flatbuffer layout: the root is a uint32 offset to the Model table; a table
 * starts with an int32 soffset back to its vtable (uint16 vtable size, uint16
 * table size, then one uint16 field offset per field id, 0 = absent); a
 * reference field holds a uint32 offset from the field to its target; a vector
 * is a uint32 length followed by its elements. Every read goes through
 * read_bytes(), which checks the range against the buffer. */
#include "include/vnpu_model.h"

#include <string.h>

typedef struct reader {
  vnpu_model* model;
  uint32_t length;  /* of model->error */
} reader;

void vnpu_error_append(char* buffer, uint32_t* length, const char* text) {
  while (*text != '\0' && *length + 1u < VNPU_MODEL_ERROR_SIZE) buffer[(*length)++] = *text++;
  buffer[*length] = '\0';
}

void vnpu_error_append_int(char* buffer, uint32_t* length, int64_t value) {
  char digits[24];
  uint32_t count = 0;
  uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
  do {
    digits[count++] = (char)('0' + (int)(magnitude % 10u));
    magnitude /= 10u;
  } while (magnitude != 0u && count < sizeof digits);
  if (value < 0) vnpu_error_append(buffer, length, "-");
  char one[2] = {0, 0};
  while (count > 0u) {
    one[0] = digits[--count];
    vnpu_error_append(buffer, length, one);
  }
}

/* Sets the error "<what> <index>: <problem>" and returns false. */
static bool fail(reader* r, const char* what, int64_t index, const char* problem) {
  r->length = 0;
  vnpu_error_append(r->model->error, &r->length, what);
  if (index >= 0) {
    vnpu_error_append(r->model->error, &r->length, " ");
    vnpu_error_append_int(r->model->error, &r->length, index);
  }
  vnpu_error_append(r->model->error, &r->length, ": ");
  vnpu_error_append(r->model->error, &r->length, problem);
  return false;
}

static bool in_bounds(const vnpu_model* m, uint64_t at, uint64_t count) {
  return at <= m->size && count <= m->size - at;
}

static bool read_bytes(const vnpu_model* m, uint64_t at, void* out, uint32_t count) {
  if (!in_bounds(m, at, count)) return false;
  memcpy(out, m->base + at, count);
  return true;
}

static bool read_u32(const vnpu_model* m, uint64_t at, uint32_t* out) {
  return read_bytes(m, at, out, 4u);
}

/* A table's field: *at = its offset in the model, or 0 when absent. The field
 * (of `width` bytes) lies within the table, which lies within the buffer. */
static bool table_field(const vnpu_model* m, uint32_t table, uint32_t field, uint32_t width,
                        uint32_t* at) {
  int32_t back = 0;
  uint16_t vtable_size = 0, table_size = 0, offset = 0;
  *at = 0;
  if (!read_bytes(m, table, &back, 4u)) return false;
  const int64_t vtable = (int64_t)table - (int64_t)back;
  if (vtable < 0 || !read_bytes(m, (uint64_t)vtable, &vtable_size, 2u) ||
      !read_bytes(m, (uint64_t)vtable + 2u, &table_size, 2u)) {
    return false;
  }
  if (vtable_size < 4u || (vtable_size & 1u) != 0u || !in_bounds(m, (uint64_t)vtable, vtable_size) ||
      table_size < 4u || !in_bounds(m, table, table_size)) {
    return false;
  }
  if (4u + 2u * field + 2u > vtable_size) return true; /* absent: older writer */
  (void)read_bytes(m, (uint64_t)vtable + 4u + 2u * field, &offset, 2u);
  if (offset == 0u) return true;
  if ((uint32_t)offset + width > table_size) return false;
  *at = table + offset;
  return true;
}

/* A reference field: *target = what it points to, or 0 when absent. */
static bool table_ref(const vnpu_model* m, uint32_t table, uint32_t field, uint32_t* target) {
  uint32_t at = 0, relative = 0;
  *target = 0;
  if (!table_field(m, table, field, 4u, &at)) return false;
  if (at == 0u) return true;
  (void)read_u32(m, at, &relative);
  const uint64_t position = (uint64_t)at + relative;
  if (relative == 0u || position >= m->size) return false;
  *target = (uint32_t)position;
  return true;
}

/* A vector field of `element` bytes each: *first = its first element, *count. */
static bool table_vector(const vnpu_model* m, uint32_t table, uint32_t field, uint32_t element,
                         uint32_t* first, uint32_t* count) {
  uint32_t vector = 0;
  *first = 0;
  *count = 0;
  if (!table_ref(m, table, field, &vector)) return false;
  if (vector == 0u) return true;
  if (!read_u32(m, vector, count)) return false;
  if (!in_bounds(m, (uint64_t)vector + 4u, (uint64_t)*count * element)) return false;
  *first = vector + 4u;
  return true;
}

/* Element `index` of a vector of tables (offsets relative to each element). */
static bool vector_table(const vnpu_model* m, uint32_t first, uint32_t index, uint32_t* table) {
  uint32_t relative = 0;
  const uint64_t at = (uint64_t)first + 4u * (uint64_t)index;
  (void)read_u32(m, at, &relative);
  if (relative == 0u || at + relative + 4u > m->size) return false;
  *table = (uint32_t)(at + relative);
  return true;
}

static bool table_scalar(const vnpu_model* m, uint32_t table, uint32_t field, uint32_t width,
                         void* out) {
  uint32_t at = 0;
  if (!table_field(m, table, field, width, &at)) return false;
  if (at != 0u) (void)read_bytes(m, at, out, width);
  return true;
}

static bool read_index_list(reader* r, uint32_t table, uint32_t field, int32_t* out,
                            uint32_t limit, uint32_t tensor_count, uint32_t* count,
                            const char* what, int64_t index) {
  const vnpu_model* m = r->model;
  uint32_t first = 0;
  if (!table_vector(m, table, field, 4u, &first, count)) {
    return fail(r, what, index, "tensor index vector out of bounds");
  }
  if (*count > limit) return fail(r, what, index, "too many tensors");
  for (uint32_t i = 0; i < *count; ++i) {
    (void)read_bytes(m, first + 4u * i, &out[i], 4u);
    if (out[i] < -1 || out[i] >= (int32_t)tensor_count) {
      return fail(r, what, index, "tensor index out of range");
    }
  }
  return true;
}

static uint32_t type_size(uint8_t type) {
  switch (type) {
    case VNPU_TYPE_INT8:
    case VNPU_TYPE_UINT8:
      return 1u;
    case VNPU_TYPE_INT16:
      return 2u;
    case VNPU_TYPE_INT32:
    case VNPU_TYPE_FLOAT32:
      return 4u;
    case VNPU_TYPE_INT64:
      return 8u;
    default:
      return 0u;
  }
}

/* The data of buffer `index`: inline [ubyte] or (offset, size) past the flatbuffer. */
static bool buffer_data(reader* r, uint32_t buffers, uint32_t buffer_count, uint32_t index,
                        const uint8_t** data, uint32_t* size) {
  const vnpu_model* m = r->model;
  uint32_t table = 0, first = 0, count = 0;
  uint64_t offset = 0, length = 0;
  *data = NULL;
  *size = 0;
  if (index == 0u) return true;
  if (index >= buffer_count) return false;
  if (!vector_table(m, buffers, index, &table) || !table_vector(m, table, 0, 1u, &first, &count) ||
      !table_scalar(m, table, 1, 8u, &offset) || !table_scalar(m, table, 2, 8u, &length)) {
    return false;
  }
  if (count > 0u) {
    *data = m->base + first;
    *size = count;
  } else if (offset > 1u) {
    if (!in_bounds(m, offset, length)) return false;
    *data = m->base + offset;
    *size = (uint32_t)length;
  }
  return true;
}

static bool load_quantization(reader* r, uint32_t table, uint32_t index, vnpu_tensor* t) {
  const vnpu_model* m = r->model;
  uint32_t quant = 0, first = 0, count = 0;
  if (!table_ref(m, table, 4, &quant)) return fail(r, "tensor", index, "bad quantization");
  if (quant == 0u) return true;
  if (!table_vector(m, quant, 2, 4u, &t->scales_at, &t->scale_count) ||
      !table_vector(m, quant, 3, 8u, &first, &count) ||
      !table_scalar(m, quant, 6, 4u, &t->quantized_dimension)) {
    return fail(r, "tensor", index, "quantization out of bounds");
  }
  if (count > 0u) {
    int64_t zero_point = 0;
    (void)read_bytes(m, first, &zero_point, 8u);
    if (zero_point < INT32_MIN || zero_point > INT32_MAX) {
      return fail(r, "tensor", index, "zero point beyond int32");
    }
    t->zero_point = (int32_t)zero_point;
  }
  /* TOCO wrote per-channel biases (rank 1) with their filter's quantized dimension;
   * their only axis is 0, which TFLite uses (as tflite/read_tensor.cc does). */
  if (t->rank == 1u && t->scale_count > 1u && t->quantized_dimension > 0 &&
      t->scale_count == (uint32_t)t->dims[0]) {
    t->quantized_dimension = 0;
  }
  if (t->quantized_dimension < 0 || (t->scale_count > 1u && t->quantized_dimension >= t->rank)) {
    return fail(r, "tensor", index, "quantized dimension out of range");
  }
  return true;
}

static bool load_tensor(reader* r, uint32_t table, uint32_t index, uint32_t buffers,
                        uint32_t buffer_count) {
  const vnpu_model* m = r->model;
  vnpu_tensor* t = &r->model->tensors[index];
  uint32_t first = 0, rank = 0, buffer = 0, size = 0;
  memset(t, 0, sizeof *t);
  if (!table_vector(m, table, 0, 4u, &first, &rank) || !table_scalar(m, table, 1, 1u, &t->type) ||
      !table_scalar(m, table, 2, 4u, &buffer)) {
    return fail(r, "tensor", index, "field out of bounds");
  }
  if (rank > VNPU_MODEL_MAX_RANK) return fail(r, "tensor", index, "rank above 6");
  t->rank = (uint8_t)rank;
  uint64_t elements = 1;
  for (uint32_t d = 0; d < rank; ++d) {
    (void)read_bytes(m, first + 4u * d, &t->dims[d], 4u);
    if (t->dims[d] < 0) return fail(r, "tensor", index, "negative dimension");
    elements *= (uint64_t)t->dims[d];
    if (elements > 0x7fffffffu) return fail(r, "tensor", index, "more than 2^31 elements");
  }
  const uint64_t bytes = elements * type_size(t->type);
  if (bytes > 0x7fffffffu) return fail(r, "tensor", index, "more than 2^31 bytes");
  t->bytes = (uint32_t)bytes;
  if (!buffer_data(r, buffers, buffer_count, buffer, &t->data, &size)) {
    return fail(r, "tensor", index, "buffer out of bounds");
  }
  if (t->data != NULL && size != t->bytes && type_size(t->type) != 0u) {
    return fail(r, "tensor", index, "buffer size differs from the shape");
  }
  return load_quantization(r, table, index, t);
}

static bool load_operator(reader* r, uint32_t table, uint32_t index, uint32_t codes,
                          uint32_t code_count) {
  const vnpu_model* m = r->model;
  vnpu_operator* op = &r->model->operators[index];
  uint32_t opcode = 0, code = 0, custom = 0, count = 0;
  int8_t deprecated = 0;
  int32_t builtin = 0;
  memset(op, 0, sizeof *op);
  if (!table_scalar(m, table, 0, 4u, &opcode) || opcode >= code_count ||
      !vector_table(m, codes, opcode, &code)) {
    return fail(r, "operator", index, "opcode index out of range");
  }
  if (!table_scalar(m, code, 0, 1u, &deprecated) || !table_scalar(m, code, 3, 4u, &builtin) ||
      !table_ref(m, code, 1, &custom)) {
    return fail(r, "operator code", opcode, "field out of bounds");
  }
  op->builtin = builtin > deprecated ? builtin : deprecated;
  if (op->builtin == VNPU_OP_CUSTOM && custom != 0u) {
    static const char kEthosU[] = "ethos-u";
    uint32_t length = 0;
    if (!read_u32(m, custom, &length) || !in_bounds(m, (uint64_t)custom + 4u, length)) {
      return fail(r, "operator code", opcode, "custom code out of bounds");
    }
    op->ethos_u = length == sizeof kEthosU - 1u &&
                  memcmp(m->base + custom + 4u, kEthosU, sizeof kEthosU - 1u) == 0;
  }
  if (!read_index_list(r, table, 1, op->inputs, VNPU_MODEL_MAX_OP_TENSORS, m->tensor_count,
                       &count, "operator", index)) {
    return false;
  }
  op->input_count = (uint8_t)count;
  if (!read_index_list(r, table, 2, op->outputs, VNPU_MODEL_MAX_OP_TENSORS, m->tensor_count,
                       &count, "operator", index)) {
    return false;
  }
  op->output_count = (uint8_t)count;
  for (uint32_t i = 0; i < count; ++i) {
    if (op->outputs[i] < 0) return fail(r, "operator", index, "output index -1");
  }
  if (!table_scalar(m, table, 3, 1u, &op->options_type) ||
      !table_ref(m, table, 4, &op->options_table)) {
    return fail(r, "operator", index, "options out of bounds");
  }
  if (op->options_table != 0u) {
    uint32_t unused = 0;
    if (!table_field(m, op->options_table, 0, 0u, &unused)) {
      return fail(r, "operator", index, "options table out of bounds");
    }
  }
  return true;
}

static bool load_subgraph(reader* r, uint32_t subgraph, uint32_t buffers, uint32_t buffer_count,
                          uint32_t codes, uint32_t code_count) {
  vnpu_model* m = r->model;
  uint32_t tensors = 0, operators = 0, table = 0;
  if (!table_vector(m, subgraph, 0, 4u, &tensors, &m->tensor_count) ||
      !table_vector(m, subgraph, 3, 4u, &operators, &m->operator_count)) {
    return fail(r, "subgraph", 0, "tensor or operator vector out of bounds");
  }
  if (m->tensor_count > VNPU_MODEL_MAX_TENSORS) return fail(r, "subgraph", 0, "over 256 tensors");
  if (m->operator_count > VNPU_MODEL_MAX_OPERATORS) {
    return fail(r, "subgraph", 0, "over 256 operators");
  }
  for (uint32_t i = 0; i < m->tensor_count; ++i) {
    if (!vector_table(m, tensors, i, &table)) return fail(r, "tensor", i, "table out of bounds");
    if (!load_tensor(r, table, i, buffers, buffer_count)) return false;
  }
  for (uint32_t i = 0; i < m->operator_count; ++i) {
    if (!vector_table(m, operators, i, &table)) return fail(r, "operator", i, "table out of bounds");
    if (!load_operator(r, table, i, codes, code_count)) return false;
  }
  if (!read_index_list(r, subgraph, 1, m->inputs, VNPU_MODEL_MAX_IO, m->tensor_count,
                       &m->input_count, "subgraph inputs", -1) ||
      !read_index_list(r, subgraph, 2, m->outputs, VNPU_MODEL_MAX_IO, m->tensor_count,
                       &m->output_count, "subgraph outputs", -1)) {
    return false;
  }
  for (uint32_t i = 0; i < m->input_count + m->output_count; ++i) {
    const int32_t t = i < m->input_count ? m->inputs[i] : m->outputs[i - m->input_count];
    if (t < 0) return fail(r, "subgraph", 0, "input or output index -1");
  }
  return true;
}

/* The "OfflineMemoryAllocation" metadata, int32 little-endian: version 0,
 * subgraph count, tensor count (= subgraph 0's), then one offset per tensor
 * (-1: not planned offline); as tflite/offline_memory_plan.cc reads it. */
static bool load_offline_plan(reader* r, uint32_t root, uint32_t buffers, uint32_t buffer_count) {
  static const char kName[] = "OfflineMemoryAllocation";
  vnpu_model* m = r->model;
  uint32_t entries = 0, count = 0, entry = 0, name = 0, length = 0, buffer = 0, size = 0;
  const uint8_t* data = NULL;
  m->has_offline_plan = false;
  if (!table_vector(m, root, 6, 4u, &entries, &count)) return fail(r, "metadata", -1, "out of bounds");
  for (uint32_t i = 0; i < count; ++i) {
    if (!vector_table(m, entries, i, &entry) || !table_ref(m, entry, 0, &name) ||
        !table_scalar(m, entry, 1, 4u, &buffer)) {
      return fail(r, "metadata", i, "out of bounds");
    }
    if (name == 0u || !read_u32(m, name, &length) || !in_bounds(m, (uint64_t)name + 4u, length)) {
      return fail(r, "metadata", i, "name out of bounds");
    }
    if (length != sizeof kName - 1u || memcmp(m->base + name + 4u, kName, length) != 0) continue;
    if (!buffer_data(r, buffers, buffer_count, buffer, &data, &size)) {
      return fail(r, "metadata", i, "buffer out of bounds");
    }
    int32_t header[3] = {0, 0, 0};
    if (data == NULL || size < 12u) return fail(r, "offline memory plan", -1, "shorter than its header");
    memcpy(header, data, sizeof header);
    if (header[2] < 0 || (uint32_t)header[2] != m->tensor_count ||
        (uint64_t)size != 12u + 4u * (uint64_t)m->tensor_count) {
      return fail(r, "offline memory plan", -1, "tensor count differs from subgraph 0's");
    }
    for (uint32_t t = 0; t < m->tensor_count; ++t) {
      memcpy(&m->offline_offsets[t], data + 12u + 4u * t, 4u);
      if (m->offline_offsets[t] < -1) return fail(r, "offline memory plan", t, "offset below -1");
      const uint32_t element = type_size(m->tensors[t].type); /* 0: a type no kernel takes */
      if (m->offline_offsets[t] > 0 && element > 1u &&
          (uint32_t)m->offline_offsets[t] % element != 0u) {
        return fail(r, "offline memory plan", t, "offset not a multiple of the element size");
      }
    }
    m->has_offline_plan = true;
  }
  return true;
}

bool vnpu_model_load(vnpu_model* model, const uint8_t* data, uint32_t size) {
  reader r = {model, 0};
  uint32_t root = 0, subgraphs = 0, subgraph_count = 0, subgraph = 0;
  uint32_t buffers = 0, buffer_count = 0, codes = 0, code_count = 0;
  model->base = data;
  model->size = size;
  model->tensor_count = model->operator_count = model->input_count = model->output_count = 0;
  model->error[0] = '\0';
  model->has_offline_plan = false;
  if (data == NULL || size < 8u) return fail(&r, "model", -1, "shorter than a flatbuffer header");
  (void)read_u32(model, 0, &root);
  if (root < 8u || (uint64_t)root + 4u > size) return fail(&r, "model", -1, "root out of bounds");
  if (memcmp(data + 4, "TFL3", 4) != 0) return fail(&r, "model", -1, "identifier is not TFL3");
  if (!table_vector(model, root, 2, 4u, &subgraphs, &subgraph_count) ||
      !table_vector(model, root, 4, 4u, &buffers, &buffer_count) ||
      !table_vector(model, root, 1, 4u, &codes, &code_count)) {
    return fail(&r, "model", -1, "subgraph, buffer or operator code vector out of bounds");
  }
  if (subgraph_count == 0u || !vector_table(model, subgraphs, 0, &subgraph)) {
    return fail(&r, "model", -1, "no subgraph");
  }
  return load_subgraph(&r, subgraph, buffers, buffer_count, codes, code_count) &&
         load_offline_plan(&r, root, buffers, buffer_count);
}

float vnpu_tensor_scale(const vnpu_model* model, const vnpu_tensor* tensor, uint32_t index) {
  float scale = 0.0f;
  if (index < tensor->scale_count) {
    (void)read_bytes(model, (uint64_t)tensor->scales_at + 4u * (uint64_t)index, &scale, 4u);
  }
  return scale;
}

static bool option_bytes(const vnpu_model* model, const vnpu_operator* op, uint32_t field,
                         uint32_t width, void* out) {
  uint32_t at = 0;
  if (op->options_table == 0u || !table_field(model, op->options_table, field, width, &at) ||
      at == 0u) {
    return false;
  }
  return read_bytes(model, at, out, width);
}

int32_t vnpu_option_i32(const vnpu_model* model, const vnpu_operator* op, uint32_t field,
                        int32_t fallback) {
  int32_t value = 0;
  return option_bytes(model, op, field, 4u, &value) ? value : fallback;
}

float vnpu_option_f32(const vnpu_model* model, const vnpu_operator* op, uint32_t field,
                      float fallback) {
  float value = 0.0f;
  return option_bytes(model, op, field, 4u, &value) ? value : fallback;
}

int32_t vnpu_option_u8(const vnpu_model* model, const vnpu_operator* op, uint32_t field,
                       int32_t fallback) {
  uint8_t value = 0;
  return option_bytes(model, op, field, 1u, &value) ? (int32_t)value : fallback;
}
