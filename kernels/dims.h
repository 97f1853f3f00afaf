// Dims: the shape a kernel sees, up to kMaxRank dimensions, on the stack.
// Kernels take (Dims, pointer) pairs like TensorFlow Lite's RuntimeShape, so
// they never allocate and never depend on the IR.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace vnpu::kernels {

class Dims {
 public:
  static constexpr int kMaxRank = 6;

  Dims() = default;
  Dims(std::initializer_list<int32_t> dims) {
    for (int32_t d : dims) dims_[static_cast<size_t>(rank_++)] = d;
  }
  // Caller guarantees dims.size() <= kMaxRank (the IR verifier and op prepare check it).
  static Dims from(const std::vector<int32_t>& dims) {
    Dims result;
    for (int32_t d : dims) result.dims_[static_cast<size_t>(result.rank_++)] = d;
    return result;
  }

  int rank() const { return rank_; }
  int32_t operator[](int i) const { return dims_[static_cast<size_t>(i)]; }
  int32_t& operator[](int i) { return dims_[static_cast<size_t>(i)]; }

  int64_t flat_size() const {
    int64_t size = 1;
    for (int i = 0; i < rank_; ++i) size *= dims_[static_cast<size_t>(i)];
    return size;
  }

  // Product of all dimensions except `skip`.
  int64_t flat_size_skipping(int skip) const {
    int64_t size = 1;
    for (int i = 0; i < rank_; ++i) {
      if (i != skip) size *= dims_[static_cast<size_t>(i)];
    }
    return size;
  }

  // Offset of element (n, h, w, c) of a rank-4 NHWC shape.
  int64_t offset(int32_t n, int32_t h, int32_t w, int32_t c) const {
    return ((static_cast<int64_t>(n) * dims_[1] + h) * dims_[2] + w) * dims_[3] + c;
  }

  bool operator==(const Dims& other) const {
    if (rank_ != other.rank_) return false;
    for (int i = 0; i < rank_; ++i) {
      if (dims_[static_cast<size_t>(i)] != other.dims_[static_cast<size_t>(i)]) return false;
    }
    return true;
  }
  bool operator!=(const Dims& other) const { return !(*this == other); }

 private:
  int rank_ = 0;
  std::array<int32_t, kMaxRank> dims_{};
};

}  // namespace vnpu::kernels
