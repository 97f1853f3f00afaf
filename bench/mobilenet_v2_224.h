// A MobileNetV2-1.0-224-sized int8 model for simulation-speed measurements:
// the network's layer shapes (stem conv, 17 inverted-residual blocks with their
// residual ADDs, 1280-channel 1x1 conv, global average pool, 1000-class fully
// connected layer), built with models::GraphBuilder from seeded synthetic
// weights. About 300 M MACs. Only its shapes matter (timing, speed).
#pragma once

#include <cstdint>

#include "ir/graph.h"

namespace vnpu::bench {

struct SyntheticModel {
  ir::Model model;
  int64_t macs = 0;
};

SyntheticModel build_mobilenet_v2_224();

}  // namespace vnpu::bench
