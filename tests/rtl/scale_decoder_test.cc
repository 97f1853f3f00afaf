// The verilated scale decoder (rtl/vnpu_scale_decoder.sv) against
// isa::decode_scale_stream (called, not re-implemented): random channels,
// every distinct scale stream of the Vela-compiled shared models, and
// corrupted streams (a reserved shift bit, non-zero padding, a wrong length).
// The cycle count of every decode against docs/rtl.md §6.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "isa/scale_stream.h"
#include "rtl_harness.h"
#include "sim/rtl/weight_decoder_driver.h"
#include "weight_vela_streams.h"

namespace vnpu::rtl_test {
namespace {

namespace wt = isa::weight_testing;

// docs/rtl.md §6: one cycle per byte and the stalls, plus one when the last
// channel ends at the last byte (no padding to overlap its hand-over).
uint64_t formula_cycles(size_t bytes, uint32_t channels, const ScaleDecodeRun& run) {
  const uint64_t tail = channels > 0 && (uint64_t{channels} * 10) % 16 == 0 ? 1 : 0;
  return bytes + tail + run.input_stalls + run.output_stalls;
}

BackPressure random_pressure(std::mt19937_64& rng) {
  const BackPressure choices[] = {{1.0, 1.0}, {0.7, 0.9}, {1.0, 0.3}, {0.4, 0.6}};
  return choices[uniform(rng, 0, 3)];
}

// Decodes with both; expects the same channels or a fault exactly where the C++ errs.
void expect_same(ScaleDecoderDriver& bench, const std::vector<uint8_t>& stream, uint32_t channels,
                 std::mt19937_64& rng, const std::string& what) {
  const Expected<std::vector<isa::ScaleBiasEntry>> ref =
      isa::decode_scale_stream(stream.data(), stream.size(), channels);
  const ScaleDecodeRun run = bench.run(stream, channels, rng, random_pressure(rng));
  ASSERT_FALSE(run.timed_out) << what;
  if (!ref) {
    ASSERT_TRUE(run.fault) << what << ": the C++ decoder says " << ref.status().message();
    return;
  }
  ASSERT_FALSE(run.fault) << what;
  ASSERT_TRUE(run.done) << what;
  ASSERT_EQ(run.channels.size(), ref->size()) << what;
  for (size_t c = 0; c < ref->size(); ++c) {
    ASSERT_EQ(run.channels[c].bias, (*ref)[c].bias) << what << " channel " << c;
    ASSERT_EQ(run.channels[c].multiplier, (*ref)[c].multiplier) << what << " channel " << c;
    ASSERT_EQ(run.channels[c].shift, (*ref)[c].shift) << what << " channel " << c;
  }
  ASSERT_EQ(run.cycles, formula_cycles(stream.size(), channels, run)) << what;
}

std::vector<isa::ScaleBiasEntry> random_entries(std::mt19937_64& rng, size_t channels) {
  std::vector<isa::ScaleBiasEntry> entries(channels);
  for (isa::ScaleBiasEntry& e : entries) {
    e.bias = chance(rng, 0.2) ? (chance(rng, 0.5) ? isa::kMinScaleBias : isa::kMaxScaleBias)
                              : uniform(rng, isa::kMinScaleBias, isa::kMaxScaleBias);
    e.multiplier = static_cast<uint32_t>(uniform(rng, 0, UINT32_MAX));
    e.shift = static_cast<uint32_t>(uniform(rng, 0, 63));
  }
  return entries;
}

TEST(ScaleDecoderRtl, RandomChannelsMatchTheCppDecoder) {
  std::mt19937_64 rng(test_seed("ScaleDecoderRtl.RandomChannelsMatchTheCppDecoder"));
  auto bench = make_scale_decoder_driver();
  const uint64_t total = vector_count(100000) / 4;
  for (uint64_t done = 0, i = 0; done < total; ++i) {
    const auto channels = static_cast<uint32_t>(chance(rng, 0.1) ? uniform(rng, 0, 8)
                                                                 : uniform(rng, 1, 300));
    Expected<std::vector<uint8_t>> stream = isa::encode_scale_stream(random_entries(rng, channels));
    ASSERT_TRUE(stream.has_value());
    expect_same(*bench, *stream, channels, rng, "random stream " + std::to_string(i));
    if (HasFatalFailure()) return;
    done += channels + 1;
  }
}

TEST(ScaleDecoderRtl, EveryVelaScaleStreamMatchesTheCppDecoder) {
  std::vector<std::string> paths = wt::vela_model_paths();
  if (paths.empty()) GTEST_SKIP() << "shared models not found";
  const std::vector<std::string> more =
      wt::vela_model_paths_under(std::string(VNPU_SHARED_MODELS_DIR) + "/../more_models");
  paths.insert(paths.end(), more.begin(), more.end());
  std::mt19937_64 rng(test_seed("ScaleDecoderRtl.EveryVelaScaleStreamMatchesTheCppDecoder"));
  auto bench = make_scale_decoder_driver();
  std::set<std::pair<std::vector<uint8_t>, int32_t>> seen;
  for (const std::string& path : paths) {
    Expected<wt::VelaModel> model = wt::load_vela_model(path, /*load_source=*/false);
    ASSERT_TRUE(model.has_value()) << model.status().message();
    for (const wt::VelaCustomOp& custom : model->custom_ops) {
      for (const wt::VelaKernelOp& op : custom.kernel_ops) {
        ASSERT_LE(op.scale_offset + op.scale_length, custom.flash.size()) << path;
        const auto begin = custom.flash.begin() + static_cast<std::ptrdiff_t>(op.scale_offset);
        std::vector<uint8_t> bytes(begin, begin + static_cast<std::ptrdiff_t>(op.scale_length));
        if (!seen.insert({bytes, op.ofm_depth}).second) continue;
        expect_same(*bench, bytes, static_cast<uint32_t>(op.ofm_depth), rng,
                    path + " scale stream " + std::to_string(seen.size()));
        if (HasFatalFailure()) return;
      }
    }
  }
  std::printf("%zu distinct Vela scale streams\n", seen.size());
  EXPECT_GT(seen.size(), 300u);
}

TEST(ScaleDecoderRtl, CorruptedStreamsFaultLikeTheCppDecoder) {
  std::mt19937_64 rng(test_seed("ScaleDecoderRtl.CorruptedStreamsFaultLikeTheCppDecoder"));
  auto bench = make_scale_decoder_driver();
  int faults = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto channels = static_cast<uint32_t>(uniform(rng, 1, 40));
    std::vector<uint8_t> stream = *isa::encode_scale_stream(random_entries(rng, channels));
    const size_t entries = size_t{channels} * 10;
    switch (uniform(rng, 0, 3)) {
      case 0:  // a reserved shift bit
        stream[10 * static_cast<size_t>(uniform(rng, 0, channels - 1)) + 9] |=
            static_cast<uint8_t>(0x40U << uniform(rng, 0, 1));
        break;
      case 1:  // a padding byte (when there is padding), else any byte
        stream[static_cast<size_t>(uniform(rng, entries == stream.size() ? 0 : static_cast<int64_t>(entries),
                                           static_cast<int64_t>(stream.size()) - 1))] ^= 0x01;
        break;
      case 2:  // one 16-byte block more or less
        stream.resize(uniform(rng, 0, 1) == 0 || stream.size() < 16 ? stream.size() + 16
                                                                     : stream.size() - 16);
        break;
      default:  // any length
        stream.resize(static_cast<size_t>(uniform(rng, 0, static_cast<int64_t>(stream.size()) + 20)));
        break;
    }
    const bool rejected =
        !isa::decode_scale_stream(stream.data(), stream.size(), channels).has_value();
    expect_same(*bench, stream, channels, rng, "corruption " + std::to_string(i));
    if (HasFatalFailure()) return;
    faults += rejected ? 1 : 0;
  }
  EXPECT_GT(faults, 700);
}

}  // namespace
}  // namespace vnpu::rtl_test
