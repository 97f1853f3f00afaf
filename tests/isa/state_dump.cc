#include "tests/isa/state_dump.h"

#include <sstream>

namespace vnpu::isa::testing {
namespace {

class Dumper {
 public:
  template <typename T>
  void add(const std::string& name, T value) {
    out_ << name << '=' << static_cast<int64_t>(value) << '\n';
  }

  void feature_map(const std::string& prefix, const FeatureMapState& fm) {
    add(prefix + ".region", fm.region);
    add(prefix + ".signed", fm.type.is_signed);
    add(prefix + ".bits", fm.type.bits);
    add(prefix + ".format", fm.format);
    add(prefix + ".zero_point", fm.zero_point);
    add(prefix + ".width0_m1", fm.width0_m1);
    add(prefix + ".height0_m1", fm.height0_m1);
    add(prefix + ".height1_m1", fm.height1_m1);
    for (size_t i = 0; i < 4; ++i) add(prefix + ".tile_base" + std::to_string(i), fm.tile_base[i]);
    add(prefix + ".stride_x", fm.stride_x);
    add(prefix + ".stride_y", fm.stride_y);
    add(prefix + ".stride_c", fm.stride_c);
  }

  void ifm(const IfmState& ifm) {
    feature_map("ifm", ifm);
    add("ifm.depth_m1", ifm.depth_m1);
    add("ifm.upscale", ifm.upscale);
    add("ifm.scale_mode", ifm.scale_mode);
    add("ifm.round_mode", ifm.round_mode);
    add("ifm.pad_top", ifm.pad_top);
    add("ifm.pad_left", ifm.pad_left);
    add("ifm.pad_right", ifm.pad_right);
    add("ifm.pad_bottom", ifm.pad_bottom);
    add("ifm.ib_end", ifm.ib_end);
  }

  void ifm2(const Ifm2State& ifm2) {
    feature_map("ifm2", ifm2);
    add("ifm2.broadcast_h", ifm2.broadcast_h);
    add("ifm2.broadcast_w", ifm2.broadcast_w);
    add("ifm2.broadcast_c", ifm2.broadcast_c);
    add("ifm2.operand_swap", ifm2.operand_swap);
    add("ifm2.scalar", ifm2.scalar);
    add("ifm2.scalar_value", ifm2.scalar_value);
    add("ifm2.ib_start", ifm2.ib_start);
  }

  void ofm(const OfmState& ofm) {
    feature_map("ofm", ofm);
    add("ofm.width_m1", ofm.width_m1);
    add("ofm.height_m1", ofm.height_m1);
    add("ofm.depth_m1", ofm.depth_m1);
    add("ofm.global_scale", ofm.global_scale);
    add("ofm.round_mode", ofm.round_mode);
    add("ofm.block_width_m1", ofm.block_width_m1);
    add("ofm.block_height_m1", ofm.block_height_m1);
    add("ofm.block_depth_m1", ofm.block_depth_m1);
  }

  void kernel(const KernelState& kernel) {
    add("kernel.width_m1", kernel.width_m1);
    add("kernel.height_m1", kernel.height_m1);
    add("kernel.stride_x", kernel.stride_x);
    add("kernel.stride_y", kernel.stride_y);
    add("kernel.dilation_x", kernel.dilation_x);
    add("kernel.dilation_y", kernel.dilation_y);
    add("kernel.weight_order", kernel.weight_order);
    add("kernel.decomposition_4x4", kernel.decomposition_4x4);
  }

  void stream(const std::string& prefix, const StreamState& stream) {
    add(prefix + ".region", stream.region);
    add(prefix + ".base", stream.base);
    add(prefix + ".length", stream.length);
  }

  void scale(const std::string& prefix, const ScaleRegister& scale) {
    add(prefix + ".multiplier", scale.multiplier);
    add(prefix + ".shift", scale.shift);
  }

  void dma(const DmaState& dma) {
    add("dma.src_region", dma.src_region);
    add("dma.src_internal", dma.src_internal);
    add("dma.src_stride_mode", dma.src_stride_mode);
    add("dma.dst_region", dma.dst_region);
    add("dma.dst_internal", dma.dst_internal);
    add("dma.dst_stride_mode", dma.dst_stride_mode);
    add("dma.src", dma.src);
    add("dma.dst", dma.dst);
    add("dma.length", dma.length);
    add("dma.size0", dma.size0);
    add("dma.size1", dma.size1);
    add("dma.skip0", dma.skip0);
    add("dma.skip1", dma.skip1);
  }

  std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

}  // namespace

std::string dump_state(const RegisterState& state) {
  Dumper dumper;
  dumper.ifm(state.ifm);
  dumper.ifm2(state.ifm2);
  dumper.ofm(state.ofm);
  dumper.kernel(state.kernel);
  dumper.stream("weights", state.weights);
  dumper.stream("weights1", state.weights1);
  dumper.stream("scales", state.scales);
  dumper.stream("scales1", state.scales1);
  dumper.scale("ofm_scale", state.ofm_scale);
  dumper.scale("opa_scale", state.opa_scale);
  dumper.scale("opb_scale", state.opb_scale);
  dumper.add("activation.function", state.activation.function);
  dumper.add("activation.clip_range", state.activation.clip_range);
  dumper.add("activation.min", state.activation.min);
  dumper.add("activation.max", state.activation.max);
  dumper.add("acc_format", state.acc_format);
  dumper.add("ab_start", state.ab_start);
  dumper.add("blockdep", state.blockdep);
  dumper.dma(state.dma);
  dumper.add("parallel_mode", state.parallel_mode);
  for (size_t i = 0; i < 8; ++i)
    dumper.add("user_defined" + std::to_string(i), state.user_defined[i]);
  return dumper.text();
}

}  // namespace vnpu::isa::testing
