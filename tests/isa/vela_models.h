// The Vela-compiled models in ../shared/models and their COP1 payloads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vnpu::isa::testing {

struct VelaModel {
  std::string path;
  std::string config_name;  // "ethos-u55-128" or "ethos-u55-256": what Vela compiled it for
};

// Every <model>/vela/<config>/<model>_vela.tflite and
// person_detect/vela_upstream_u55-256.tflite that exists.
std::vector<VelaModel> vela_models();

// Input 0 (the COP1 payload) of every ethos-u operator of every subgraph, in
// order; fails the calling test (ADD_FAILURE) if the model does not load.
std::vector<std::vector<uint8_t>> ethos_u_payloads(const std::string& path);

// The command stream of the first ethos-u operator of the smallest model
// (hello_world for ethos-u55-128); empty when the shared models are absent.
std::vector<uint32_t> small_vela_stream();

}  // namespace vnpu::isa::testing
