// The verilated weight decoder (rtl/vnpu_weight_decoder.sv) against the C++
// decoder it replaces (isa::decode_weight_stream, called, not re-implemented):
// random weight tensors through our encoder, every distinct weight stream of
// the Vela-compiled shared models, and corrupted real streams (fault where the
// C++ decoder errs, the same weights where it decodes, never a hang). The
// cycle count of every clean decode is checked against docs/rtl.md §6.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "isa/accelerator_config.h"
#include "isa/weight_decoder.h"
#include "isa/weight_encoder.h"
#include "isa/weight_layout.h"
#include "rtl_harness.h"
#include "sim/rtl/weight_decoder_driver.h"
#include "weight_vela_streams.h"

namespace vnpu::rtl_test {
namespace {

namespace wt = isa::weight_testing;

struct Reference {
  Expected<std::vector<int16_t>> symbols = Status::ok();
  isa::WeightStreamStats stats;
};

Reference decode_reference(const std::vector<uint8_t>& stream, size_t symbols) {
  Reference r;
  isa::WeightDecodeOptions options;
  options.expected_symbols = symbols;
  options.stats = &r.stats;
  r.symbols = isa::decode_weight_stream(stream, options);
  return r;
}

// docs/rtl.md §6: one cycle per byte, per slice header and the end marker, per
// palette header and entry, per chunk step, ZUNARY and WUNARY1 chunk, per
// remainder and per weight out, plus the cycles stalled on input or output.
uint64_t formula_cycles(size_t bytes, const isa::WeightStreamStats& s, size_t symbols,
                        const WeightDecodeRun& run) {
  return bytes + s.slices + 1 + s.palettes + s.palette_entries + s.steps + s.zero_run_chunks +
         s.weight_unary_chunks + s.weight_values + s.zero_run_values + symbols + run.input_stalls +
         run.output_stalls;
}

// Far above any decode of `bytes` bytes and `symbols` symbols (at most about
// 11 cycles per byte plus 4 per symbol without stalls, docs/rtl.md §6), times 64 for stalls.
uint64_t watchdog_cycles(size_t bytes, size_t symbols) {
  return 64 * (16 * uint64_t{bytes} + 4 * uint64_t{symbols} + 1000);
}

BackPressure random_pressure(std::mt19937_64& rng) {
  const BackPressure choices[] = {{1.0, 1.0}, {1.0, 1.0}, {0.8, 0.9}, {0.5, 1.0}, {1.0, 0.4},
                                  {0.3, 0.5}};
  return choices[uniform(rng, 0, 5)];
}

// Decodes a stream the C++ decoder accepts; checks the weights and the cycle formula.
// What a suite's streams exercised (summed isa::WeightStreamStats).
struct Coverage {
  uint64_t slices = 0, palettes = 0, zero_run_slices = 0, truncated_slices = 0,
           uncompressed_slices = 0, palette_weights = 0, direct_weights = 0;
  void add(const isa::WeightStreamStats& s) {
    slices += s.slices;
    palettes += s.palettes;
    zero_run_slices += s.zero_run_slices;
    truncated_slices += s.truncated_slices;
    uncompressed_slices += s.uncompressed_slices;
    palette_weights += s.palette_weights;
    direct_weights += s.direct_weights;
  }
  // Every slice kind and both kinds of weight index occurred.
  void expect_every_kind(const char* suite) const {
    std::printf("%s: %llu slices (%llu zero-run, %llu truncated, %llu uncompressed), %llu palettes, "
                "%llu palette and %llu direct weights\n",
                suite, ull(slices), ull(zero_run_slices), ull(truncated_slices),
                ull(uncompressed_slices), ull(palettes), ull(palette_weights), ull(direct_weights));
    EXPECT_GT(zero_run_slices, 0u) << suite;
    EXPECT_GT(slices - zero_run_slices, 0u) << suite;
    EXPECT_GT(truncated_slices, 0u) << suite;
    EXPECT_GT(uncompressed_slices, 0u) << suite;
    EXPECT_GT(palette_weights, 0u) << suite;
    EXPECT_GT(direct_weights, 0u) << suite;
  }
  static unsigned long long ull(uint64_t v) { return static_cast<unsigned long long>(v); }
};

void expect_same_decode(WeightDecoderDriver& bench, const std::vector<uint8_t>& stream,
                        size_t symbols, std::mt19937_64& rng, const BackPressure& pressure,
                        const std::string& what, Coverage* coverage = nullptr) {
  const Reference ref = decode_reference(stream, symbols);
  if (coverage != nullptr) coverage->add(ref.stats);
  ASSERT_TRUE(ref.symbols.has_value()) << what << ": " << ref.symbols.status().message();
  const WeightDecodeRun run = bench.run(stream, static_cast<uint32_t>(symbols), rng, pressure,
                                        watchdog_cycles(stream.size(), symbols));
  ASSERT_FALSE(run.timed_out) << what;
  ASSERT_FALSE(run.fault) << what << ": wd_fault_o on a stream the C++ decoder accepts";
  ASSERT_TRUE(run.done) << what;
  ASSERT_EQ(run.symbols.size(), ref.symbols->size()) << what;
  for (size_t i = 0; i < run.symbols.size(); ++i) {
    ASSERT_EQ(run.symbols[i], (*ref.symbols)[i]) << what << ": symbol " << i;
  }
  ASSERT_EQ(run.cycles, formula_cycles(stream.size(), ref.stats, symbols, run)) << what;
}

// ---------------- random weight tensors ----------------

isa::WeightLayoutParams random_layout(std::mt19937_64& rng) {
  const isa::AcceleratorConfig config = *isa::find_accelerator_config("ethos-u55-128");
  while (true) {
    isa::WeightLayoutParams p = isa::weight_layout_for(config);
    const int32_t kernels[] = {1, 1, 2, 3, 3, 5, 8};
    p.kernel_height = kernels[uniform(rng, 0, 6)];
    p.kernel_width = chance(rng, 0.7) ? p.kernel_height : kernels[uniform(rng, 0, 6)];
    p.depthwise = chance(rng, 0.2);
    const int32_t depths[] = {1, 3, 8, 13, 16, 32, 37};
    p.ifm_depth = p.depthwise ? 1 : (chance(rng, 0.5) ? depths[uniform(rng, 0, 6)]
                                                      : static_cast<int32_t>(uniform(rng, 1, 80)));
    p.ofm_depth = chance(rng, 0.2) ? 1 : static_cast<int32_t>(uniform(rng, 1, 48));
    if (chance(rng, 0.7)) {  // mostly small streams: more streams, slices and ends per weight
      p.ofm_depth = std::min(p.ofm_depth, 9);
      p.ifm_depth = std::min(p.ifm_depth, 17);
    }
    p.ofm_block_depth = static_cast<int32_t>(8 * uniform(rng, 1, 8));
    p.ifm_bits = chance(rng, 0.8) ? 8 : 16;
    p.order = !p.depthwise && chance(rng, 0.4) ? isa::WeightOrder::kPartKernelFirst
                                               : isa::WeightOrder::kDepthFirst;
    if (chance(rng, 0.1)) p.dilation_x = 2;
    if (chance(rng, 0.1)) p.dilation_y = 2;
    const int64_t length = isa::weight_stream_length(p);
    const int64_t limit = chance(rng, 0.8) ? 3000 : 40000;  // mostly short: more stream ends
    if (isa::validate_weight_layout(p) && length > 0 && length <= limit) return p;
  }
}

std::vector<int16_t> random_weights(std::mt19937_64& rng, size_t count) {
  std::vector<int16_t> w(count);
  const int kind = static_cast<int>(uniform(rng, 0, 5));
  std::vector<int16_t> palette(static_cast<size_t>(uniform(rng, 1, 12)));
  for (int16_t& v : palette) v = static_cast<int16_t>(uniform(rng, -255, 255));
  for (int16_t& v : w) {
    switch (kind) {
      case 0: v = static_cast<int16_t>(uniform(rng, -128, 127)); break;           // int8
      case 1: v = chance(rng, 0.9) ? 0 : static_cast<int16_t>(uniform(rng, -128, 127)); break;
      case 2: v = palette[static_cast<size_t>(uniform(rng, 0, static_cast<int64_t>(palette.size()) - 1))]; break;
      case 3: v = static_cast<int16_t>(uniform(rng, -255, 255)); break;           // 9-bit
      case 4: v = static_cast<int16_t>(chance(rng, 0.5) ? 0 : uniform(rng, -3, 3)); break;
      default: v = chance(rng, 0.02) ? static_cast<int16_t>(uniform(rng, -255, 255)) : 0; break;
    }
  }
  return w;
}

// Random tensors of random layouts until `total` weights (stream symbols) were compared.
void run_random(const char* name, uint64_t total) {
  std::mt19937_64 rng(test_seed(name));
  auto bench = make_weight_decoder_driver(mutant_requested());
  uint64_t done = 0, streams = 0;
  Coverage coverage;
  while (done < total) {
    const isa::WeightLayoutParams p = random_layout(rng);
    const size_t count = static_cast<size_t>(p.ofm_depth) * static_cast<size_t>(p.kernel_height) *
                         static_cast<size_t>(p.kernel_width) * static_cast<size_t>(p.ifm_depth);
    Expected<std::vector<uint8_t>> stream = isa::encode_weights(p, random_weights(rng, count));
    ASSERT_TRUE(stream.has_value()) << stream.status().message();
    const auto symbols = static_cast<size_t>(isa::weight_stream_length(p));
    expect_same_decode(*bench, *stream, symbols, rng, random_pressure(rng),
                       "random stream " + std::to_string(streams), &coverage);
    if (::testing::Test::HasFatalFailure()) return;
    done += symbols;
    ++streams;
  }
  coverage.expect_every_kind(name);
  std::printf("%llu weights in %llu random streams\n", static_cast<unsigned long long>(done),
              static_cast<unsigned long long>(streams));
}

TEST(WeightDecoderRtl, RandomTensorsMatchTheCppDecoder) {
  run_random("WeightDecoderRtl.RandomTensorsMatchTheCppDecoder", vector_count(1000000));
}

// ---------------- the Vela streams ----------------

struct RealStream {
  std::vector<uint8_t> bytes;
  size_t symbols = 0;
};

// The distinct weight streams (by bytes) of the Vela models at `paths`.
std::vector<RealStream> vela_streams(const std::vector<std::string>& paths,
                                     std::set<std::vector<uint8_t>>* seen) {
  std::vector<RealStream> streams;
  for (const std::string& path : paths) {
    Expected<wt::VelaModel> model = wt::load_vela_model(path, /*load_source=*/false);
    EXPECT_TRUE(model.has_value()) << path << ": " << model.status().message();
    if (!model) continue;
    const isa::AcceleratorConfig config = *isa::find_accelerator_config(model->config_name);
    for (const wt::VelaCustomOp& custom : model->custom_ops) {
      for (const wt::VelaKernelOp& op : custom.kernel_ops) {
        EXPECT_LE(op.weight_offset + op.weight_length, custom.flash.size()) << path;
        if (op.weight_offset + op.weight_length > custom.flash.size()) continue;
        const auto begin = custom.flash.begin() + static_cast<std::ptrdiff_t>(op.weight_offset);
        std::vector<uint8_t> bytes(begin, begin + static_cast<std::ptrdiff_t>(op.weight_length));
        if (!seen->insert(bytes).second) continue;
        streams.push_back(
            {bytes, static_cast<size_t>(isa::weight_stream_length(op.layout(config)))});
      }
    }
  }
  return streams;
}

struct AllVelaStreams {
  std::vector<RealStream> streams;
  size_t from_models = 0;  // of those, in ../shared/models (the rest: ../shared/more_models)
};

const AllVelaStreams& all_vela_streams() {
  static const AllVelaStreams all = [] {
    AllVelaStreams a;
    std::set<std::vector<uint8_t>> seen;
    a.streams = vela_streams(wt::vela_model_paths(), &seen);
    a.from_models = a.streams.size();
    const std::string more = std::string(VNPU_SHARED_MODELS_DIR) + "/../more_models";
    std::vector<RealStream> extra = vela_streams(wt::vela_model_paths_under(more), &seen);
    a.streams.insert(a.streams.end(), extra.begin(), extra.end());
    return a;
  }();
  return all;
}

// The distinct streams (by bytes) of the Vela models: 229 in ../shared/models
// (350 operations read them; the weight codec tests' fuzz corpus adds our
// encoder's re-encoding of each, 458 in all) and 168 in ../shared/more_models.
constexpr size_t kModelsStreams = 229;
constexpr size_t kMoreModelsStreams = 168;

TEST(WeightDecoderRtl, EveryVelaStreamMatchesTheCppDecoder) {
  const AllVelaStreams& all = all_vela_streams();
  if (all.streams.empty()) GTEST_SKIP() << "shared models not found";
  std::printf("%zu distinct Vela weight streams: %zu in models, %zu in more_models\n",
              all.streams.size(), all.from_models, all.streams.size() - all.from_models);
  EXPECT_EQ(all.from_models, kModelsStreams);
  EXPECT_EQ(all.streams.size() - all.from_models, kMoreModelsStreams);
  std::mt19937_64 rng(test_seed("WeightDecoderRtl.EveryVelaStreamMatchesTheCppDecoder"));
  auto bench = make_weight_decoder_driver(mutant_requested());
  uint64_t symbols = 0;
  for (size_t i = 0; i < all.streams.size(); ++i) {
    const RealStream& s = all.streams[i];
    expect_same_decode(*bench, s.bytes, s.symbols, rng, random_pressure(rng),
                       "Vela stream " + std::to_string(i));
    if (HasFatalFailure()) return;
    symbols += s.symbols;
  }
  std::printf("%llu weights decoded\n", static_cast<unsigned long long>(symbols));
}

// The same symbols as every Vela stream, written by our encoder (which uses
// the uncompressed and truncated codes more often than Vela).
TEST(WeightDecoderRtl, EveryVelaStreamReencodedMatchesTheCppDecoder) {
  const AllVelaStreams& all = all_vela_streams();
  if (all.streams.empty()) GTEST_SKIP() << "shared models not found";
  std::mt19937_64 rng(test_seed("WeightDecoderRtl.EveryVelaStreamReencodedMatchesTheCppDecoder"));
  auto bench = make_weight_decoder_driver(mutant_requested());
  Coverage coverage;
  for (size_t i = 0; i < all.streams.size(); ++i) {
    const RealStream& s = all.streams[i];
    Expected<std::vector<int16_t>> symbols = decode_reference(s.bytes, s.symbols).symbols;
    ASSERT_TRUE(symbols.has_value()) << symbols.status().message();
    Expected<std::vector<uint8_t>> ours = isa::encode_weight_stream(*symbols);
    ASSERT_TRUE(ours.has_value()) << ours.status().message();
    expect_same_decode(*bench, *ours, s.symbols, rng, random_pressure(rng),
                       "re-encoded Vela stream " + std::to_string(i), &coverage);
    if (HasFatalFailure()) return;
  }
  coverage.expect_every_kind("re-encoded Vela streams");
}

// ---------------- corrupted streams ----------------

std::vector<uint8_t> corrupt(std::mt19937_64& rng, std::vector<uint8_t> bytes) {
  const auto pick = [&](size_t size) {
    return static_cast<size_t>(uniform(rng, 0, static_cast<int64_t>(size) - 1));
  };
  switch (uniform(rng, 0, 5)) {
    case 0:  // flip 1..4 bits
      for (int64_t i = uniform(rng, 1, 4); i > 0; --i) {
        bytes[pick(bytes.size())] ^= static_cast<uint8_t>(1U << uniform(rng, 0, 7));
      }
      break;
    case 1:  // truncate anywhere
      bytes.resize(pick(bytes.size()));
      break;
    case 2:  // truncate to a multiple of 16 (the length check passes)
      bytes.resize(pick(bytes.size()) / 16 * 16);
      break;
    case 3:  // insert a byte
      bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(pick(bytes.size() + 1)),
                   static_cast<uint8_t>(uniform(rng, 0, 255)));
      break;
    case 4: {  // insert 16 random bytes (the length stays a multiple of 16)
      const auto at = static_cast<std::ptrdiff_t>(pick(bytes.size() + 1));
      for (int i = 0; i < 16; ++i) {
        bytes.insert(bytes.begin() + at, static_cast<uint8_t>(uniform(rng, 0, 255)));
      }
      break;
    }
    default:  // overwrite one byte
      bytes[pick(bytes.size())] = static_cast<uint8_t>(uniform(rng, 0, 255));
      break;
  }
  return bytes;
}

TEST(WeightDecoderRtl, CorruptedStreamsFaultOrDecodeLikeTheCppDecoder) {
  const AllVelaStreams& all = all_vela_streams();
  if (all.streams.empty()) GTEST_SKIP() << "shared models not found";
  std::mt19937_64 rng(test_seed("WeightDecoderRtl.CorruptedStreamsFaultOrDecodeLikeTheCppDecoder"));
  auto bench = make_weight_decoder_driver(mutant_requested());
  int faults = 0, decodes = 0;
  for (int i = 0; i < 1000; ++i) {
    const RealStream& s = all.streams[static_cast<size_t>(
        uniform(rng, 0, static_cast<int64_t>(all.streams.size()) - 1))];
    const std::vector<uint8_t> bytes = corrupt(rng, s.bytes);
    const Reference ref = decode_reference(bytes, s.symbols);
    const BackPressure pressure = random_pressure(rng);
    const WeightDecodeRun run = bench->run(bytes, static_cast<uint32_t>(s.symbols), rng, pressure,
                                           watchdog_cycles(bytes.size(), s.symbols));
    const std::string what = "corruption " + std::to_string(i);
    ASSERT_FALSE(run.timed_out) << what << ": no fault and no end within the watchdog";
    if (!ref.symbols) {
      ASSERT_TRUE(run.fault) << what << ": the C++ decoder says " << ref.symbols.status().message();
      ASSERT_TRUE(run.dropped_input_after_fault) << what;
      ++faults;
    } else {
      ASSERT_TRUE(run.done) << what;
      ASSERT_EQ(run.symbols, *ref.symbols) << what;
      ASSERT_EQ(run.cycles, formula_cycles(bytes.size(), ref.stats, s.symbols, run)) << what;
      ++decodes;
    }
  }
  std::printf("1000 corrupted streams: %d faulted like the C++ decoder, %d decoded alike\n",
              faults, decodes);
  EXPECT_GT(faults, 500);
}

}  // namespace
}  // namespace vnpu::rtl_test
