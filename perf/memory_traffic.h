// Elements an NPU operation moves (Vela 3.10 measure_element_access):
// IFM reads with re-reads per sub-kernel and per OFM block, IFM2 reads,
// weight re-streaming per OFM XY block, OFM writes. docs/perf_model.md §5.
#pragma once

#include <cstdint>

#include "isa/register_state.h"
#include "perf/op_geometry.h"

namespace vnpu::perf {

struct ElementAccess {
  double ifm_read = 0;   // elements
  double ifm2_read = 0;  // elements
  double ofm_write = 0;  // elements
  // Weight stream passes: the stream is read once per OFM XY block, scaled by
  // round_up(OFM depth, block depth) / OFM depth (Vela's weight_fetch over the
  // original weight count).
  double weight_passes = 0;
  bool reads_scales = false;
};

ElementAccess measure_element_access(const OpGeometry& geometry, isa::DataFormat ifm_format,
                                     isa::DataFormat ofm_format);

}  // namespace vnpu::perf
