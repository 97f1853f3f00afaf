// A CONV, DEPTHWISE or POOL operation walked in OFM block jobs on the verilated MAC
// datapath (docs/rtl.md §7, §8). Each job's OFM block fits the accumulator
// bank (64 micro-blocks), its IFM window a SHRAM half and its weights a
// weight-buffer half (512 words); a CONV whose kernel does not fit is split in
// IFM depth slices of multiples of 8 channels whose partial sums are added
// (modulo the accumulator width, as the output unit wraps them). The SHRAM is
// filled from the IFM through sim/functional's FeatureMap (every layout,
// tiling, int8/int16); an upscaled IFM is filled upscaled (the inserted zeros of
// zero insertion hold the IFM zero point, which a CONV or DEPTHWISE tap
// multiplies to nothing), so the sequencer runs it without its upscale mode.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/functional/convolution.h"
#include "sim/functional/feature_map.h"
#include "sim/functional/kernel_geometry.h"
#include "sim/rtl/rtl_datapath.h"

namespace vnpu::sim::rtl {

struct MacOperation {
  const KernelGeometry* geometry = nullptr;
  const FeatureMap* ifm = nullptr;
  const ConvWeights* weights = nullptr;  // OHWI (CONV, DEPTHWISE; none for pooling)
  MacMode mode = MacMode::kConv;
  bool acc40 = false;
  int32_t ifm_zero_point = 0;
};

// Why the MAC datapath cannot run `op` ("" when it can): a stride above 3, a
// dilation above 2, an IFM other than 8 or 16 bits, a kernel whose taps
// exceed the weight buffer, a pooling over a zero-insertion upscaled IFM
// (its inserted zeros must not be taps).
std::string mac_refusal(const MacOperation& op, const MacGeometry& geometry);

// The accumulators of every OFM point (NHWC order, before the bias; the sum of
// the depth slices' accumulators, each wrapped by the MAC array to ACC_FORMAT;
// pooling: the max or the sum), and in `taps` (when given) each point's tap
// count. Adds the blocks and cycles to `record`.
std::vector<int64_t> run_on_mac(const MacOperation& op, RtlUnits& units, RtlOperationRecord* record,
                                std::vector<uint32_t>* taps = nullptr);

}  // namespace vnpu::sim::rtl
