#include "isa/weight_layout.h"

#include <algorithm>
#include <limits>
#include <string>

namespace vnpu::isa {
namespace {

constexpr int32_t kSubKernelMax = 8;  // the hardware works on sub-kernels of at most 8x8

int32_t round_up(int32_t value, int32_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

bool part_kernel(const WeightLayoutParams& params) {
  return params.order == WeightOrder::kPartKernelFirst;
}

// One sub-kernel of one (OFM block, IFM block) pair.
struct SubKernel {
  int32_t ofm_block_z = 0;
  int32_t ofm_block_depth = 0;  // clipped to the tensor
  int32_t ifm_block_z = 0;
  int32_t ifm_block_depth = 0;  // clipped for part-kernel-first only
  int32_t y = 0;
  int32_t x = 0;
  int32_t height = 0;
  int32_t width = 0;
};

// Kernel elements the sub-kernel occupies in the stream.
int32_t padded_elements(const WeightLayoutParams& params, int32_t elements) {
  if (params.depthwise) return round_up(elements, 4);
  if (part_kernel(params)) return round_up(elements, params.ifm_bits == 16 ? 2 : 4);
  return elements;
}

// Appends, for every stream position of the sub-kernel, the OHWI index or -1.
class OrderBuilder {
 public:
  OrderBuilder(const WeightLayoutParams& params, std::vector<int64_t>* out)
      : p_(params), out_(out) {}

  void append(const SubKernel& sub) {
    const int32_t elements = padded_elements(p_, sub.width * sub.height);
    const int32_t outer = part_kernel(p_) ? sub.ifm_block_depth : 1;
    const int32_t inner = part_kernel(p_) ? 1 : sub.ifm_block_depth;
    for (int32_t ifm_outer = 0; ifm_outer < outer; ifm_outer += p_.ifm_ublock_depth) {
      for (int32_t ofm_ublock = 0; ofm_ublock < sub.ofm_block_depth;
           ofm_ublock += p_.ofm_ublock_depth) {
        for (int32_t element = 0; element < elements; ++element) {
          for (int32_t ifm_inner = 0; ifm_inner < inner; ifm_inner += p_.ifm_ublock_depth) {
            append_ublock(sub, sub.ofm_block_z + ofm_ublock, element,
                          sub.ifm_block_z + ifm_outer + ifm_inner);
          }
        }
      }
    }
  }

 private:
  // ofm_ublock_depth OFM channels x ifm_ublock_depth IFM channels (one for depthwise).
  void append_ublock(const SubKernel& sub, int32_t ofm_z0, int32_t element, int32_t ifm_z0) {
    const int32_t ky = element / sub.width;
    const int32_t kx = element % sub.width;
    const int32_t ifm_count = p_.depthwise ? 1 : p_.ifm_ublock_depth;
    for (int32_t oz = 0; oz < p_.ofm_ublock_depth; ++oz) {
      for (int32_t iz = 0; iz < ifm_count; ++iz) {
        const int32_t ofm_z = ofm_z0 + oz;
        const int32_t ifm_z = ifm_z0 + iz;
        if (ofm_z >= p_.ofm_depth || ifm_z >= p_.ifm_depth || ky >= sub.height) {
          out_->push_back(kPaddingSymbol);
          continue;
        }
        const int64_t wy = sub.y + ky;
        const int64_t wx = sub.x + kx;
        out_->push_back(((int64_t{ofm_z} * p_.kernel_height + wy) * p_.kernel_width + wx) *
                            p_.ifm_depth +
                        ifm_z);
      }
    }
  }

  const WeightLayoutParams& p_;
  std::vector<int64_t>* out_;
};

// Visits the sub-kernels in stream order.
template <typename Visit>
void for_each_sub_kernel(const WeightLayoutParams& p, Visit visit) {
  const int32_t ifm_block_depth = weight_ifm_block_depth(p);
  const int32_t decomp_h = kSubKernelMax / p.dilation_y;
  const int32_t decomp_w = kSubKernelMax / p.dilation_x;
  const int32_t ifm_extent = p.depthwise ? 1 : p.ifm_depth;
  SubKernel sub;
  for (sub.ofm_block_z = 0; sub.ofm_block_z < p.ofm_depth; sub.ofm_block_z += p.ofm_block_depth) {
    sub.ofm_block_depth = std::min(p.ofm_block_depth, p.ofm_depth - sub.ofm_block_z);
    for (sub.ifm_block_z = 0; sub.ifm_block_z < ifm_extent; sub.ifm_block_z += ifm_block_depth) {
      sub.ifm_block_depth = p.depthwise ? p.ifm_ublock_depth
                            : part_kernel(p)
                                ? std::min(ifm_block_depth, p.ifm_depth - sub.ifm_block_z)
                                : ifm_block_depth;
      for (sub.y = 0; sub.y < p.kernel_height; sub.y += decomp_h) {
        sub.height = std::min(p.kernel_height - sub.y, decomp_h);
        for (sub.x = 0; sub.x < p.kernel_width; sub.x += decomp_w) {
          sub.width = std::min(p.kernel_width - sub.x, decomp_w);
          visit(sub);
        }
      }
    }
  }
}

// OFM channels the stream sends per kernel element and IFM channel: every
// OFM block padded to whole micro-blocks.
int64_t ofm_positions(const WeightLayoutParams& p) {
  int64_t positions = 0;
  for (int64_t z = 0; z < p.ofm_depth; z += p.ofm_block_depth) {
    const int64_t depth = std::min<int64_t>(p.ofm_block_depth, p.ofm_depth - z);
    positions += round_up(static_cast<int32_t>(depth), p.ofm_ublock_depth);
  }
  return positions;
}

// IFM channels per OFM channel and kernel element: depth-first blocks are
// always full, part-kernel-first blocks are clipped to whole micro-blocks.
int64_t ifm_positions(const WeightLayoutParams& p) {
  if (p.depthwise) return 1;
  const int32_t block = weight_ifm_block_depth(p);
  int64_t positions = 0;
  for (int32_t z = 0; z < p.ifm_depth; z += block) {
    positions += part_kernel(p) ? round_up(std::min(block, p.ifm_depth - z), p.ifm_ublock_depth)
                                : round_up(block, p.ifm_ublock_depth);
  }
  return positions;
}

// Kernel element positions over all sub-kernels: full ones, a partial last
// row and column of sub-kernels, and the corner.
int64_t element_positions(const WeightLayoutParams& p) {
  const int32_t decomp_h = kSubKernelMax / p.dilation_y;
  const int32_t decomp_w = kSubKernelMax / p.dilation_x;
  const int64_t full_rows = p.kernel_height / decomp_h;
  const int64_t full_cols = p.kernel_width / decomp_w;
  const int32_t last_h = p.kernel_height % decomp_h;
  const int32_t last_w = p.kernel_width % decomp_w;
  int64_t positions = full_rows * full_cols * padded_elements(p, decomp_h * decomp_w);
  if (last_w > 0) positions += full_rows * padded_elements(p, decomp_h * last_w);
  if (last_h > 0) positions += full_cols * padded_elements(p, last_h * decomp_w);
  if (last_h > 0 && last_w > 0) positions += padded_elements(p, last_h * last_w);
  return positions;
}

Status invalid(const std::string& what) { return Status::invalid_input("weight layout: " + what); }

}  // namespace

WeightLayoutParams weight_layout_for(const AcceleratorConfig& config) {
  WeightLayoutParams params;
  params.ofm_ublock_depth = config.ofm_ublock.depth;
  params.ifm_ublock_depth = config.ifm_ublock.depth;
  return params;
}

Status validate_weight_layout(const WeightLayoutParams& p) {
  const struct {
    const char* name;
    int32_t value;
  } sizes[] = {{"ofm_depth", p.ofm_depth},
               {"kernel_height", p.kernel_height},
               {"kernel_width", p.kernel_width},
               {"ifm_depth", p.ifm_depth},
               {"ofm_ublock_depth", p.ofm_ublock_depth},
               {"ifm_ublock_depth", p.ifm_ublock_depth},
               {"ofm_block_depth", p.ofm_block_depth}};
  for (const auto& size : sizes) {
    if (size.value < 1 || size.value > 65536) {
      return invalid(std::string(size.name) + " " + std::to_string(size.value) +
                     " is outside 1..65536");
    }
  }
  if (p.ifm_bits != 8 && p.ifm_bits != 16) {
    return invalid("IFM precision " + std::to_string(p.ifm_bits) + " bits (8 or 16 supported)");
  }
  if ((p.dilation_x != 1 && p.dilation_x != 2) || (p.dilation_y != 1 && p.dilation_y != 2)) {
    return invalid("dilation " + std::to_string(p.dilation_x) + "x" + std::to_string(p.dilation_y) +
                   " (1 or 2 per axis)");
  }
  if (p.depthwise && (part_kernel(p) || p.ifm_depth != 1)) {
    return invalid("depthwise weights are depth-first with one IFM channel per OFM channel");
  }
  if (weight_stream_length(p) > kMaxWeightStreamLength) {
    return invalid("stream of " + std::to_string(weight_stream_length(p)) +
                   " symbols exceeds the supported " + std::to_string(kMaxWeightStreamLength));
  }
  return Status::ok();
}

int32_t weight_ifm_block_depth(const WeightLayoutParams& params) {
  return part_kernel(params) || params.ifm_bits == 16 ? 16 : 32;
}

int64_t weight_stream_length(const WeightLayoutParams& p) {
  const bool sizes_valid = p.ofm_depth >= 1 && p.kernel_height >= 1 && p.kernel_width >= 1 &&
                           p.ifm_depth >= 1 && p.ofm_ublock_depth >= 1 && p.ifm_ublock_depth >= 1 &&
                           p.ofm_block_depth >= 1 && (p.dilation_x == 1 || p.dilation_x == 2) &&
                           (p.dilation_y == 1 || p.dilation_y == 2);
  if (!sizes_valid) return 0;
  // The loop nest's positions are (OFM block positions) x (IFM block
  // positions) x (sub-kernel element positions), each summed over its loop.
  const int64_t ofm = ofm_positions(p);
  const int64_t ifm = ifm_positions(p);
  const int64_t elements = element_positions(p);
  if (ofm * ifm > std::numeric_limits<int64_t>::max() / elements) {
    return std::numeric_limits<int64_t>::max();
  }
  return ofm * ifm * elements;
}

Expected<std::vector<int64_t>> weight_stream_order(const WeightLayoutParams& params) {
  Status status = validate_weight_layout(params);
  if (!status) return status;
  std::vector<int64_t> order;
  order.reserve(static_cast<size_t>(weight_stream_length(params)));
  OrderBuilder builder(params, &order);
  for_each_sub_kernel(params, [&](const SubKernel& sub) { builder.append(sub); });
  return order;
}

Expected<std::vector<int16_t>> reorder_weights(const WeightLayoutParams& params,
                                               const std::vector<int16_t>& ohwi) {
  Expected<std::vector<int64_t>> order = weight_stream_order(params);
  if (!order) return order.status();
  const int64_t expected =
      int64_t{params.ofm_depth} * params.kernel_height * params.kernel_width * params.ifm_depth;
  if (static_cast<int64_t>(ohwi.size()) != expected) {
    return invalid("tensor of " + std::to_string(ohwi.size()) + " weights, the shape needs " +
                   std::to_string(expected));
  }
  std::vector<int16_t> stream(order->size(), 0);
  for (size_t i = 0; i < stream.size(); ++i) {
    const int64_t source = (*order)[i];
    if (source != kPaddingSymbol) stream[i] = ohwi[static_cast<size_t>(source)];
  }
  return stream;
}

Expected<std::vector<int16_t>> unreorder_weights(const WeightLayoutParams& params,
                                                 const std::vector<int16_t>& stream) {
  Expected<std::vector<int64_t>> order = weight_stream_order(params);
  if (!order) return order.status();
  if (stream.size() != order->size()) {
    return invalid("stream of " + std::to_string(stream.size()) + " symbols, the layout has " +
                   std::to_string(order->size()));
  }
  std::vector<int16_t> ohwi(static_cast<size_t>(int64_t{params.ofm_depth} * params.kernel_height *
                                                params.kernel_width * params.ifm_depth),
                            0);
  for (size_t i = 0; i < stream.size(); ++i) {
    const int64_t target = (*order)[i];
    if (target != kPaddingSymbol) {
      ohwi[static_cast<size_t>(target)] = stream[i];
    } else if (stream[i] != 0) {
      return invalid("padding symbol " + std::to_string(i) + " is " + std::to_string(stream[i]) +
                     ", not 0");
    }
  }
  return ohwi;
}

WeightOrder choose_weight_order(int32_t kernel_height, int32_t kernel_width, int32_t ifm_depth,
                                int32_t ifm_bits) {
  const int32_t kernel_size = kernel_height * kernel_width;
  const double depth_utilization =
      static_cast<double>(ifm_depth) / round_up(ifm_depth, ifm_bits == 8 ? 32 : 16);
  const double part_kernel_utilization =
      (static_cast<double>(ifm_depth) / round_up(ifm_depth, 8)) *
      (static_cast<double>(kernel_size) / round_up(kernel_size, ifm_bits == 8 ? 4 : 2));
  if (part_kernel_utilization >= depth_utilization || ifm_depth <= 8) {
    return WeightOrder::kPartKernelFirst;
  }
  return WeightOrder::kDepthFirst;
}

std::vector<int16_t> transpose_depthwise_filter(const std::vector<int16_t>& filter_1hwc,
                                                int32_t kernel_height, int32_t kernel_width,
                                                int32_t channels) {
  std::vector<int16_t> ohwi(filter_1hwc.size(), 0);
  const int64_t elements = int64_t{kernel_height} * kernel_width;
  for (int64_t e = 0; e < elements; ++e) {
    for (int64_t c = 0; c < channels; ++c) {
      const auto from = static_cast<size_t>(e * channels + c);
      const auto to = static_cast<size_t>(c * elements + e);
      if (from < filter_1hwc.size() && to < ohwi.size()) ohwi[to] = filter_1hwc[from];
    }
  }
  return ohwi;
}

}  // namespace vnpu::isa
