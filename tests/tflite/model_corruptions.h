// Corrupted variants of a valid .tflite file, each of which the reader must
// reject with a one-line error (and never crash on). Reusable by any suite that
// feeds models to vnpu (the CLI's exit-code tests, for instance): link vnpu_tflite
// and compile tests/tflite/model_corruptions.cc and semantic_corruptions.cc.
//
// Three families:
//  - truncations: the file cut at 0..64 bytes and at every 1/64 of its length
//    (lengths whose removed tail is only zero bytes are skipped: they could be
//    alignment padding the flatbuffer never refers to);
//  - structural: byte patches of the flatbuffer itself (root offset, vtables,
//    vector lengths set huge, offsets pointing past the end, a string losing its
//    terminator, the file identifier, the schema version);
//  - semantic: well-formed flatbuffers with inconsistent content, made by reading
//    the model into the IR, breaking it and writing it with write_tflite, or by
//    patching the writer's output through the generated object API for what the
//    IR cannot express (unknown operator codes, unsupported tensor types, ...).
// Random byte flips in weight data are not included: the reader cannot tell them
// from real weights.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vnpu::tflite::testing {

struct NamedCorruption {
  std::string name;  // "truncated_to_17_bytes", "subgraphs_length_huge", ...
  std::vector<uint8_t> bytes;
};

std::vector<NamedCorruption> make_truncations(const std::vector<uint8_t>& model_bytes);

// `model_bytes` must be a well-formed model; variants whose target the file does
// not have (no description string, ...) are left out.
std::vector<NamedCorruption> make_structural_corruptions(const std::vector<uint8_t>& model_bytes);

// `model_bytes` must be a model read_tflite accepts; otherwise the result is empty.
std::vector<NamedCorruption> make_semantic_corruptions(const std::vector<uint8_t>& model_bytes);

// All three families.
std::vector<NamedCorruption> make_model_corruptions(const std::vector<uint8_t>& model_bytes);

}  // namespace vnpu::tflite::testing
