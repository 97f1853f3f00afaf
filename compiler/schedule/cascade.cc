#include "compiler/schedule/cascade.h"

#include <algorithm>

namespace vnpu::compiler {
namespace {

// Points `fm` at rows [first, first + rows) of `store` (row size `row_bytes`).
void place_rows(const RowStore& store, uint64_t row_bytes, int32_t first, int32_t rows,
                isa::FeatureMapState* fm) {
  const auto height = static_cast<uint32_t>(rows - 1);
  fm->height0_m1 = height;
  fm->height1_m1 = height;
  if (store.ring == 0) {
    fm->tile_base[0] = store.base + static_cast<uint64_t>(first) * row_bytes;
    return;
  }
  const int32_t start = first % store.ring;
  fm->tile_base[0] = store.base + static_cast<uint64_t>(start) * row_bytes;
  if (start + rows > store.ring) {
    // Rows past the ring's end wrap to its start: tile 2.
    fm->height0_m1 = static_cast<uint32_t>(store.ring - start - 1);
    fm->height1_m1 = fm->height0_m1;
    fm->tile_base[2] = store.base;
  }
}

}  // namespace

RowGeometry row_geometry(const isa::RegisterState& s) {
  RowGeometry g;
  g.in_height = static_cast<int32_t>(s.ifm.height0_m1) + 1;
  g.out_height = static_cast<int32_t>(s.ofm.height_m1) + 1;
  g.stride = s.kernel.stride_y;
  g.kernel = static_cast<int32_t>(s.kernel.height_m1) + 1;
  g.pad_top = s.ifm.pad_top;
  g.in_row_bytes = s.ifm.stride_y;
  g.out_row_bytes = s.ofm.stride_y;
  return g;
}

std::pair<int32_t, int32_t> input_rows(const RowGeometry& op, int32_t begin, int32_t end) {
  const int32_t first = begin * op.stride - op.pad_top;
  const int32_t last = (end - 1) * op.stride + op.kernel - op.pad_top;
  return {std::max(first, 0), std::min(last, op.in_height)};
}

std::vector<CascadeStep> cascade_steps(const std::vector<RowGeometry>& ops, int32_t stripe_rows) {
  std::vector<CascadeStep> steps;
  std::vector<int32_t> produced(ops.size(), 0);
  const RowGeometry& last = ops.back();
  for (int32_t y = 0; y < last.out_height; y += stripe_rows) {
    std::vector<int32_t> need(ops.size(), 0);
    need.back() = std::min(y + stripe_rows, last.out_height);
    for (size_t k = ops.size() - 1; k > 0; --k) {
      const int32_t begin = std::min(produced[k], need[k]);
      need[k - 1] = need[k] > produced[k] ? input_rows(ops[k], begin, need[k]).second : 0;
    }
    for (size_t k = 0; k < ops.size(); ++k) {
      if (need[k] <= produced[k]) continue;
      steps.push_back({k, produced[k], need[k]});
      produced[k] = need[k];
    }
  }
  return steps;
}

std::vector<int32_t> ring_rows(const std::vector<RowGeometry>& ops,
                               const std::vector<CascadeStep>& steps) {
  std::vector<int32_t> rows(ops.size() - 1, 1);
  std::vector<int32_t> produced(ops.size(), 0);
  for (size_t i = 0; i < steps.size(); ++i) {
    const CascadeStep& step = steps[i];
    produced[step.position] = step.row_end;
    if (step.position + 1 >= ops.size()) continue;
    // A write never wraps twice: the ring holds at least one step's rows.
    rows[step.position] = std::max(rows[step.position], step.row_end - step.row_begin);
    // The ring after this operator must hold every row from the first one the
    // consumer still reads (its next kick-off's window) up to what exists.
    const size_t consumer = step.position + 1;
    for (size_t j = i + 1; j < steps.size(); ++j) {
      if (steps[j].position != consumer) continue;
      const int32_t oldest = input_rows(ops[consumer], steps[j].row_begin, steps[j].row_end).first;
      rows[step.position] = std::max(rows[step.position], produced[step.position] - oldest);
      break;
    }
  }
  return rows;
}

KickOff stripe_kick_off(const KickOff& whole, const RowGeometry& op, int32_t begin, int32_t end,
                        const RowStore& input, const RowStore& output) {
  KickOff stripe = whole;
  isa::RegisterState& s = stripe.state;
  const int32_t window_first = begin * op.stride - op.pad_top;
  const int32_t window_last = (end - 1) * op.stride + op.kernel - op.pad_top;
  const std::pair<int32_t, int32_t> rows = input_rows(op, begin, end);
  s.ifm.pad_top = static_cast<uint8_t>(std::max(0, -window_first));
  s.ifm.pad_bottom = static_cast<uint8_t>(std::max(0, window_last - op.in_height));
  const uint64_t ifm_origin = s.ifm.tile_base[0];  // channel offset of a depth slice
  place_rows(input, op.in_row_bytes, rows.first, rows.second - rows.first, &s.ifm);
  s.ifm.tile_base[0] += ifm_origin;
  if (input.ring != 0) s.ifm.tile_base[2] += ifm_origin;
  const uint64_t ofm_origin = s.ofm.tile_base[0];
  s.ofm.height_m1 = static_cast<uint32_t>(end - begin - 1);
  place_rows(output, op.out_row_bytes, begin, end - begin, &s.ofm);
  s.ofm.tile_base[0] += ofm_origin;
  if (output.ring != 0) s.ofm.tile_base[2] += ofm_origin;
  return stripe;
}

}  // namespace vnpu::compiler
