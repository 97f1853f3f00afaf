// Fuzzing the weight decoder with mutated real streams: bit flips,
// truncation, inserted, deleted and overwritten bytes. Every call returns a
// value or an error naming a bit offset, quickly, and (under ASan/UBSan)
// without touching memory it should not.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "core/deterministic_rng.h"
#include "isa/scale_stream.h"
#include "isa/weight_decoder.h"
#include "isa/weight_encoder.h"
#include "weight_vela_streams.h"

namespace vnpu::isa {
namespace {

struct RealStream {
  std::vector<uint8_t> bytes;
  size_t symbols = 0;
};

// The distinct weight streams of the shared Vela models, plus streams of our
// encoder (which use the uncompressed and truncated codes more often).
std::vector<RealStream> real_streams() {
  std::vector<RealStream> streams;
  std::set<std::vector<uint8_t>> seen;
  for (const std::string& path : weight_testing::vela_model_paths()) {
    Expected<weight_testing::VelaModel> model = weight_testing::load_vela_model(path);
    if (!model) continue;
    for (const weight_testing::VelaCustomOp& custom : model->custom_ops) {
      for (const weight_testing::VelaKernelOp& op : custom.kernel_ops) {
        const auto begin = custom.flash.begin() + static_cast<std::ptrdiff_t>(op.weight_offset);
        std::vector<uint8_t> bytes(begin, begin + static_cast<std::ptrdiff_t>(op.weight_length));
        if (!seen.insert(bytes).second) continue;
        Expected<std::vector<int16_t>> symbols = decode_weight_stream(bytes);
        if (!symbols) continue;
        streams.push_back({bytes, symbols->size()});
        Expected<std::vector<uint8_t>> ours = encode_weight_stream(*symbols);
        if (ours) streams.push_back({*ours, symbols->size()});
      }
    }
  }
  return streams;
}

std::vector<uint8_t> mutate(DeterministicRng& rng, std::vector<uint8_t> bytes) {
  if (bytes.empty()) bytes.push_back(0);
  const auto pick = [&](size_t size) { return static_cast<size_t>(rng.next() % size); };
  switch (rng.uniform(0, 4)) {
    case 0:  // flip 1..8 bits
      for (int i = rng.uniform(1, 8); i > 0; --i) {
        bytes[pick(bytes.size())] ^= static_cast<uint8_t>(1U << rng.uniform(0, 7));
      }
      break;
    case 1:  // truncate
      bytes.resize(pick(bytes.size()));
      break;
    case 2:  // insert a byte
      bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(pick(bytes.size() + 1)),
                   static_cast<uint8_t>(rng.next()));
      break;
    case 3:  // delete a byte
      bytes.erase(bytes.begin() + static_cast<std::ptrdiff_t>(pick(bytes.size())));
      break;
    default:  // overwrite up to 16 bytes with random ones
      for (size_t at = pick(bytes.size()), n = pick(16) + 1; n > 0 && at < bytes.size();
           --n, ++at) {
        bytes[at] = static_cast<uint8_t>(rng.next());
      }
      break;
  }
  return bytes;
}

// Decodes and checks the result's shape; returns the call's duration in ms.
double decode_checked(const std::vector<uint8_t>& bytes, const WeightDecodeOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  Expected<std::vector<int16_t>> symbols = decode_weight_stream(bytes, options);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (symbols) {
    for (int16_t s : *symbols) EXPECT_TRUE(s >= -255 && s <= 255);
    if (options.expected_symbols != WeightDecodeOptions::kAnyCount) {
      EXPECT_EQ(symbols->size(), options.expected_symbols);
    }
  } else {
    EXPECT_EQ(symbols.status().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(symbols.status().message().rfind("weight stream bit ", 0), 0u)
        << symbols.status().message();
  }
  return ms;
}

TEST(WeightDecoderFuzz, MutatedRealStreamsNeverCrashAndFinishQuickly) {
  const std::vector<RealStream> streams = real_streams();
  if (streams.empty()) GTEST_SKIP() << "shared models not found";
  DeterministicRng rng(99);
  double slowest_ms = 0.0;
  int rejected = 0;
  constexpr int kMutations = 6000;
  for (int i = 0; i < kMutations; ++i) {
    const RealStream& stream = streams[static_cast<size_t>(rng.next() % streams.size())];
    std::vector<uint8_t> bytes = mutate(rng, stream.bytes);
    if (rng.uniform(0, 3) == 0) bytes = mutate(rng, bytes);  // sometimes two mutations
    WeightDecodeOptions options;
    if (i % 2 == 0) {
      options.expected_symbols = stream.symbols;  // as the NPU decodes: the count is known
    } else {
      options.max_symbols = 4 * stream.symbols + 1024;
    }
    slowest_ms = std::max(slowest_ms, decode_checked(bytes, options));
    rejected += decode_weight_stream(bytes, options).has_value() ? 0 : 1;
    if (HasFailure()) return;
  }
  std::printf("%d mutated streams from %zu real ones: %d rejected, slowest call %.2f ms\n",
              kMutations, streams.size(), rejected, slowest_ms);
  EXPECT_GT(rejected, kMutations / 2);
  EXPECT_LT(slowest_ms, 1000.0);
}

TEST(WeightDecoderFuzz, RandomBytesNeverCrash) {
  DeterministicRng rng(5);
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> bytes(static_cast<size_t>(rng.uniform(0, 600)));
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng.next());
    WeightDecodeOptions options;
    options.max_symbols = 100000;
    options.require_padding = rng.uniform(0, 1) == 0;
    decode_checked(bytes, options);
    if (HasFailure()) return;
  }
}

TEST(ScaleStreamFuzz, RandomBytesNeverCrash) {
  DeterministicRng rng(6);
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> bytes(static_cast<size_t>(rng.uniform(0, 200)));
    for (uint8_t& b : bytes)
      b = static_cast<uint8_t>(rng.next() & (rng.uniform(0, 1) ? 0xFF : 0x3F));
    ScaleDecodeOptions options;
    options.exact_length = rng.uniform(0, 1) == 0;
    Expected<std::vector<ScaleBiasEntry>> entries = decode_scale_stream(
        bytes.data(), bytes.size(), static_cast<size_t>(rng.uniform(0, 20)), options);
    if (entries) {
      for (const ScaleBiasEntry& e : *entries) {
        EXPECT_LE(e.shift, 63u);
        EXPECT_TRUE(e.bias >= kMinScaleBias && e.bias <= kMaxScaleBias);
      }
    }
  }
}

}  // namespace
}  // namespace vnpu::isa
