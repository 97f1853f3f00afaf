#include "sim/functional/output_stage.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/functional/feature_map.h"

namespace vnpu::sim {
namespace {

constexpr uint8_t kClipOfmPrecision = 0;
constexpr uint8_t kClipForceUint8 = 2;
constexpr uint8_t kClipForceInt8 = 3;
constexpr uint8_t kClipForceInt16 = 5;
constexpr size_t kLutBytes = 2048;
constexpr size_t kLutSlotBytes = 256;

// Fixed-point input of the tanh/sigmoid functions: 3 * 2^12 per unit
// (Vela rescales the IFM by 0x3000 * scale before them).
constexpr double kFunctionInputUnit = 12288.0;

}  // namespace

int64_t saturate(int64_t value, int64_t low, int64_t high) {
  return value < low ? low : (value > high ? high : value);
}

int64_t wrap_accumulator(int64_t acc, isa::AccFormat format) {
  const int bits = format == isa::AccFormat::kInt40 ? 40 : 32;
  const uint64_t mask = (uint64_t{1} << bits) - 1;
  uint64_t value = static_cast<uint64_t>(acc) & mask;
  if ((value >> (bits - 1)) & 1) value |= ~mask;
  return static_cast<int64_t>(value);
}

ExecResult OutputStage::create(const isa::Operation& op, const NpuMemory& memory,
                               OutputStage* out) {
  const isa::RegisterState& s = op.state;
  OutputStage stage;
  stage.ofm_bits_ = s.ofm.type.bits;
  stage.ofm_signed_ = s.ofm.type.is_signed;
  const uint8_t function = s.activation.function;
  if (function == 0) {
    stage.function_ = Function::kClamp;
  } else if (function == 3) {
    stage.function_ = Function::kTanh;
  } else if (function == 4) {
    stage.function_ = Function::kSigmoid;
  } else if (function >= 16 && function <= 23) {
    stage.function_ = Function::kLut;
  } else {
    return ExecResult::parse("ACTIVATION function " + std::to_string(function) +
                             " is reserved");
  }

  // A 32-bit OFM takes no zero point, except to form a lookup-table index.
  const bool wide = stage.ofm_bits_ == 32 && stage.function_ != Function::kLut;
  stage.zero_point_ = wide ? 0 : s.ofm.zero_point;

  // Range of the value before the function: the forced clip range, else the OFM type.
  int range_bits = stage.ofm_bits_;
  bool range_signed = stage.ofm_signed_;
  switch (s.activation.clip_range) {
    case kClipOfmPrecision:
      break;
    case kClipForceUint8:
      range_bits = 8;
      range_signed = false;
      break;
    case kClipForceInt8:
      range_bits = 8;
      range_signed = true;
      break;
    case kClipForceInt16:
      range_bits = 16;
      range_signed = true;
      break;
    default:
      return ExecResult::parse("ACTIVATION clip_range " + std::to_string(s.activation.clip_range) +
                               " is reserved");
  }
  stage.low_ = element_min(range_signed, range_bits);
  stage.high_ = element_max(range_signed, range_bits);
  if (range_bits < 32) {
    stage.low_ = std::max(stage.low_, static_cast<int64_t>(s.activation.min));
    stage.high_ = std::min(stage.high_, static_cast<int64_t>(s.activation.max));
  }

  if (stage.function_ == Function::kLut) {
    if (range_bits == 32) {
      return ExecResult::parse("a lookup-table activation with a 32-bit OFM needs an 8- or 16-bit "
                               "clip range");
    }
    const size_t entries = range_bits == 8 ? 256 : 512;
    stage.entry_bytes_ = range_bits == 8 ? stage.ofm_bits_ / 8 : 4;
    stage.index_low_ = element_min(range_signed, range_bits);
    stage.index_high_ = element_max(range_signed, range_bits);
    stage.lut16_ = range_bits == 16;
    const std::vector<uint8_t>& shram = *memory.shram;
    const size_t start = shram.size() - kLutBytes + static_cast<size_t>(function - 16) * kLutSlotBytes;
    const size_t bytes = entries * static_cast<size_t>(stage.entry_bytes_);
    if (shram.size() < kLutBytes || start + bytes > shram.size()) {
      return ExecResult::parse("lookup table " + std::to_string(function - 16) + " (" +
                               std::to_string(bytes) + " bytes) does not fit in SHRAM");
    }
    stage.table_ = shram.data() + start;
  }
  *out = stage;
  return ExecResult::success();
}

int64_t OutputStage::lookup(int64_t value) const {
  const size_t index = static_cast<size_t>(value - index_low_);
  const uint8_t* p = table_ + index * static_cast<size_t>(entry_bytes_);
  switch (entry_bytes_) {
    case 1:
      return ofm_signed_ ? static_cast<int8_t>(p[0]) : p[0];
    case 2: {
      const uint16_t v = static_cast<uint16_t>(p[0] | (p[1] << 8));
      return ofm_signed_ ? static_cast<int16_t>(v) : v;
    }
    default: {
      const uint32_t v = static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
                         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
      return ofm_signed_ ? static_cast<int32_t>(v) : static_cast<int64_t>(v);
    }
  }
}

int64_t OutputStage::lookup16(int64_t value) const {
  const uint32_t x = static_cast<uint32_t>(value - index_low_);  // 0..65535
  const size_t index = x >> 7;
  const int64_t fraction = x & 0x7F;
  const uint8_t* p = table_ + index * 4;
  const int64_t base = static_cast<int16_t>(static_cast<uint16_t>(p[0] | (p[1] << 8)));
  const int64_t slope = static_cast<int16_t>(static_cast<uint16_t>(p[2] | (p[3] << 8)));
  return base + ((slope * fraction + 64) >> 7);
}

int64_t OutputStage::finish(int64_t value) const {
  const int64_t type_low = element_min(ofm_signed_, ofm_bits_);
  const int64_t type_high = element_max(ofm_signed_, ofm_bits_);
  // A saturated 64-bit value plus the zero point saturates (no signed overflow).
  int64_t v = 0;
  if (__builtin_add_overflow(value, zero_point_, &v)) v = value < 0 ? INT64_MIN : INT64_MAX;
  switch (function_) {
    case Function::kLut: {
      // ACTIVATION_MIN/MAX may lie outside the clip range (a stream's choice): the
      // index is then the nearest end of the table, never outside it.
      v = saturate(saturate(v, low_, high_), index_low_, index_high_);
      const int64_t looked_up = lut16_ ? lookup16(v) : lookup(v);
      return saturate(looked_up, type_low, type_high);
    }
    case Function::kTanh:
    case Function::kSigmoid: {
      const double x = static_cast<double>(value) / kFunctionInputUnit;
      const double f = function_ == Function::kTanh ? std::tanh(x) : 1.0 / (1.0 + std::exp(-x));
      v = static_cast<int64_t>(std::llround(f * 32768.0)) + zero_point_;
      break;
    }
    case Function::kClamp:
      break;
  }
  return saturate(saturate(v, low_, high_), type_low, type_high);
}

}  // namespace vnpu::sim
