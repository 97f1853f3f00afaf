// Moving tensors between files and the runtime: checked .npy inputs,
// deterministic random inputs, and the file names of dumped intermediates.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "driver/npy.h"
#include "ir/tensor.h"

namespace vnpu::driver {

// The array's bytes if its dtype and shape equal the tensor's; otherwise an
// invalid_input naming both ("input 0 'x': .npy is float32 [1,2], model expects int8 [1,2,1]").
Expected<std::vector<uint8_t>> input_bytes_from_npy(const NpyArray& array,
                                                    const ir::Tensor& tensor,
                                                    const std::string& label);

// Uniform random values over the tensor type's full range (0 or 1 for bool), the same for a given
// seed on every machine (SplitMix64, see models/graph_builder.h).
std::vector<uint8_t> random_input_bytes(const ir::Tensor& tensor, uint64_t seed);

NpyArray tensor_to_npy(const ir::Tensor& tensor, const uint8_t* data);

// "t<index>_<name>.npy": the name with every character outside [A-Za-z0-9_.-]
// replaced by '_', cut to 64 characters, trailing '_' removed (the convention
// of the shared golden intermediates).
std::string intermediate_file_name(int32_t tensor_index, const std::string& tensor_name);

}  // namespace vnpu::driver
