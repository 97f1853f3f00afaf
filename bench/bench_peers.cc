// bench_peers: our fast int8 kernels beside XNNPACK's and oneDNN's int8
// convolutions, in one program and one run, on the three layers of
// bench/kernel_layers.h (same weights, inputs and per-channel requantization,
// converted to what each library takes). Single thread: XNNPACK runs without a
// thread pool, oneDNN's OpenMP is limited to one thread. Counter GOPS =
// 2 * MACs / s; each peer also reports how many output bytes differ from ours
// (which are TFLite's: checked against the reference kernel first) and the
// largest |difference|. Benchmark-only: the peers are never product dependencies.
// Run pinned and repeated: bench/run_peer_bench.sh BUILD_DIR
#include <benchmark/benchmark.h>
#include <omp.h>
#include <xnnpack.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <dnnl.hpp>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bench/kernel_layers.h"

namespace vnpu::kernels::bench {
namespace {

// The real scale a TFLite multiplier stands for: m * 2^(shift - 31).
float real_scale(const QuantizedMultiplier& q) {
  return static_cast<float>(std::ldexp(static_cast<double>(q.multiplier), q.shift - 31));
}

// A peer's operator, prepared once, writing `output` from the layer's input.
struct PeerRun {
  std::vector<int8_t> output;
  LayerRunner run;  // ignores its argument: the peer is bound to `output` at set-up
  std::string detail;
};

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "bench_peers: %s\n", what.c_str());
  std::exit(1);
}

// XNNPACK qc8 (per-channel int8) convolution; scales as real numbers with
// input and output scale 1, so its requantization scale is exactly ours.
std::shared_ptr<PeerRun> xnnpack_run(const LayerData& d) {
  const auto kernel_h = static_cast<uint32_t>(d.filter_dims[1]);
  const auto kernel_w = static_cast<uint32_t>(d.filter_dims[2]);
  const auto in_c = static_cast<size_t>(d.input_dims[3]);
  const auto out_c = static_cast<size_t>(d.output_dims[3]);
  std::vector<float> kernel_scale;
  for (const QuantizedMultiplier& q : d.multipliers) kernel_scale.push_back(real_scale(q));
  const auto pad_top = static_cast<uint32_t>(d.pad_top());
  const auto pad_left = static_cast<uint32_t>(d.pad_left());
  xnn_operator_t op = nullptr;
  const xnn_status created = xnn_create_convolution2d_nhwc_qc8(
      pad_top, kernel_w - 1 - pad_left, kernel_h - 1 - pad_top, pad_left, kernel_h, kernel_w, 1, 1,
      1, 1, d.depthwise ? static_cast<uint32_t>(in_c) : 1, d.depthwise ? 1 : in_c,
      d.depthwise ? 1 : out_c, in_c, out_c, static_cast<int8_t>(-d.input_offset()), 1.0f,
      kernel_scale.data(), d.filter.data(), d.bias.data(), static_cast<int8_t>(d.output_offset()),
      1.0f, -128, 127, d.depthwise ? XNN_FLAG_DEPTHWISE_CONVOLUTION : 0, &op);
  if (created != xnn_status_success) fail(d.name + ": xnn_create_convolution2d_nhwc_qc8 failed");
  auto peer = std::make_shared<PeerRun>();
  peer->output.resize(static_cast<size_t>(d.output_dims.flat_size()));
  // XNNPACK may read XNN_EXTRA_BYTES past the input.
  auto input = std::make_shared<std::vector<int8_t>>(d.input);
  input->resize(input->size() + XNN_EXTRA_BYTES);
  if (xnn_setup_convolution2d_nhwc_qc8(op, 1, static_cast<size_t>(d.input_dims[1]),
                                       static_cast<size_t>(d.input_dims[2]), input->data(),
                                       peer->output.data(), nullptr) != xnn_status_success) {
    fail(d.name + ": xnn_setup_convolution2d_nhwc_qc8 failed");
  }
  std::shared_ptr<xnn_operator> owned(op, xnn_delete_operator);
  peer->run = [owned, input, name = d.name](std::vector<int8_t>&) {
    if (xnn_run_operator(owned.get(), nullptr) != xnn_status_success) {
      fail(name + ": xnn_run_operator failed");
    }
  };
  peer->detail = "qc8, no thread pool";
  return peer;
}

// Weights in oneDNN's plain order: conv OHWI is kept (tag acdb = o,h,w,i);
// depthwise 1xHxWxC becomes goihw (G=C, O=I=1).
std::vector<int8_t> onednn_weights(const LayerData& d) {
  if (!d.depthwise) return d.filter;
  const int32_t taps = d.filter_dims[1] * d.filter_dims[2];
  const int32_t channels = d.filter_dims[3];
  std::vector<int8_t> result(d.filter.size());
  for (int32_t c = 0; c < channels; ++c) {
    for (int32_t t = 0; t < taps; ++t) {
      result[static_cast<size_t>(c * taps + t)] = d.filter[static_cast<size_t>(t * channels + c)];
    }
  }
  return result;
}

// oneDNN int8 convolution: s8 src, s8 weights (reordered once to the
// primitive's layout), s32 bias, s8 dst, per-channel output scales, src and dst
// zero points (runtime values, the kind its int8 kernels take).
std::shared_ptr<PeerRun> onednn_run(const LayerData& d, const dnnl::engine& engine) {
  using dnnl::memory;
  const memory::dim n = 1, h = d.input_dims[1], w = d.input_dims[2];
  const memory::dim ic = d.input_dims[3], oc = d.output_dims[3];
  const memory::dim kh = d.filter_dims[1], kw = d.filter_dims[2];
  const memory::desc src_md({n, ic, h, w}, memory::data_type::s8, memory::format_tag::nhwc);
  const memory::desc dst_md({n, oc, h, w}, memory::data_type::s8, memory::format_tag::nhwc);
  const memory::desc bias_md({oc}, memory::data_type::s32, memory::format_tag::a);
  const memory::dims weight_dims =
      d.depthwise ? memory::dims{oc, 1, 1, kh, kw} : memory::dims{oc, ic, kh, kw};
  const memory::desc user_weights_md(
      weight_dims, memory::data_type::s8,
      d.depthwise ? memory::format_tag::goihw : memory::format_tag::acdb);
  const memory::desc any_weights_md(weight_dims, memory::data_type::s8, memory::format_tag::any);
  const memory::dims pad_l = {d.pad_top(), d.pad_left()};
  const memory::dims pad_r = {kh - 1 - d.pad_top(), kw - 1 - d.pad_left()};
  dnnl::primitive_attr attr;
  std::vector<float> scales;
  for (const QuantizedMultiplier& q : d.multipliers) scales.push_back(real_scale(q));
  attr.set_output_scales(1 << 1, scales);
  attr.set_zero_points(DNNL_ARG_SRC, 0, {DNNL_RUNTIME_S32_VAL});
  attr.set_zero_points(DNNL_ARG_DST, 0, {DNNL_RUNTIME_S32_VAL});
  const dnnl::convolution_forward::desc desc(
      dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, src_md,
      any_weights_md, bias_md, dst_md, {1, 1}, pad_l, pad_r);
  const dnnl::convolution_forward::primitive_desc pd(desc, attr, engine);

  auto peer = std::make_shared<PeerRun>();
  peer->output.resize(static_cast<size_t>(d.output_dims.flat_size()));
  auto input = std::make_shared<std::vector<int8_t>>(d.input);
  auto user_weights = std::make_shared<std::vector<int8_t>>(onednn_weights(d));
  auto bias = std::make_shared<std::vector<int32_t>>(d.bias);
  auto zero_points = std::make_shared<std::vector<int32_t>>(
      std::vector<int32_t>{-d.input_offset(), d.output_offset()});
  dnnl::stream stream(engine);
  memory weights(pd.weights_desc(), engine);
  memory user_weights_mem(user_weights_md, engine, user_weights->data());
  dnnl::reorder(user_weights_mem, weights).execute(stream, user_weights_mem, weights);
  stream.wait();
  const memory::desc zp_md({1}, memory::data_type::s32, memory::format_tag::a);
  const std::unordered_map<int, memory> args = {
      {DNNL_ARG_SRC, memory(src_md, engine, input->data())},
      {DNNL_ARG_WEIGHTS, weights},
      {DNNL_ARG_BIAS, memory(bias_md, engine, bias->data())},
      {DNNL_ARG_DST, memory(dst_md, engine, peer->output.data())},
      {DNNL_ARG_ATTR_ZERO_POINTS | DNNL_ARG_SRC, memory(zp_md, engine, &(*zero_points)[0])},
      {DNNL_ARG_ATTR_ZERO_POINTS | DNNL_ARG_DST, memory(zp_md, engine, &(*zero_points)[1])}};
  dnnl::convolution_forward conv(pd);
  peer->run = [conv, stream, args, input, user_weights, bias, zero_points](
                  std::vector<int8_t>&) mutable {
    conv.execute(stream, args);
    stream.wait();
  };
  peer->detail = pd.impl_info_str();
  return peer;
}

// The facts of a peer's output against ours: how many bytes differ and the
// largest |difference|.
LayerFacts compare_with_ours(const Layer& layer, const std::string& peer_name, PeerRun& peer) {
  std::vector<int8_t> ours(layer.output.size());
  layer.reference(ours);
  std::fill(peer.output.begin(), peer.output.end(), int8_t{0x33});
  std::vector<int8_t> unused;
  peer.run(unused);
  int64_t differing = 0;
  int max_diff = 0;
  for (size_t i = 0; i < ours.size(); ++i) {
    const int diff = std::abs(int{ours[i]} - int{peer.output[i]});
    if (diff != 0) ++differing;
    if (diff > max_diff) max_diff = diff;
  }
  std::fprintf(stderr, "bench_peers: %s/%s (%s): %lld of %zu output bytes differ from ours, "
               "max |diff| %d\n", layer.data->name.c_str(), peer_name.c_str(),
               peer.detail.c_str(), static_cast<long long>(differing), ours.size(), max_diff);
  return {{"differing_bytes", static_cast<double>(differing)},
          {"max_abs_diff", static_cast<double>(max_diff)}};
}

void register_peer(const std::shared_ptr<Layer>& layer, const std::string& peer_name,
                   const std::shared_ptr<PeerRun>& peer) {
  LayerFacts facts = compare_with_ours(*layer, peer_name, *peer);
  register_variant(layer, peer_name, [peer](std::vector<int8_t>& out) { peer->run(out); },
                   std::move(facts));
}

}  // namespace
}  // namespace vnpu::kernels::bench

int main(int argc, char** argv) {
  using namespace vnpu::kernels::bench;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  omp_set_num_threads(1);  // oneDNN's threads; GOPS are per CPU second of one thread
  if (xnn_initialize(nullptr) != xnn_status_success) fail("xnn_initialize failed");
  const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  for (const auto& layer : make_benchmark_layers()) {
    verify_or_abort(*layer, "bench_peers");
    for (const auto& [variant, run] : layer->fast) register_variant(layer, "vnpu_" + variant, run);
    register_peer(layer, "xnnpack", xnnpack_run(*layer->data));
    try {
      register_peer(layer, "onednn", onednn_run(*layer->data, engine));
    } catch (const dnnl::error& e) {
      fail(layer->data->name + ": oneDNN: " + e.what());
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
