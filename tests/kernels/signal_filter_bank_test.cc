// kernels/signal_filter_bank.h and kernels/signal_math.h against TFLM's own
// signal kernel tests (signal/micro/kernels/filter_bank_test.cc,
// filter_bank_square_root_test.cc, filter_bank_spectral_subtraction_test.cc,
// filter_bank_log_test.cc, pcan_test.cc): inputs, parameters (decoded from
// their flexbuffers) and expected outputs, ported as facts.
#include "kernels/signal_filter_bank.h"

#include <gtest/gtest.h>

#include <vector>

#include "kernels/signal_math.h"

namespace vnpu::kernels {
namespace {

TEST(SignalFilterBank, SixteenChannels) {
  const std::vector<uint32_t> energy = {
      645050, 4644,  3653,  24262, 56660, 43260, 50584, 57902, 31702, 5401,  45555, 34852, 8518,
      43556,  13358, 19350, 40221, 18017, 27284, 64491, 60099, 17863, 11001, 29076, 32666, 65268,
      50947,  28694, 32377, 30014, 25607, 22547, 45086, 10654, 46797, 8622,  47348, 43085, 5747,
      51544,  50364, 6208,  20696, 59782, 14429, 60125, 37079, 32673, 63457, 60142, 34042, 11280,
      1874,   33734, 62118, 13766, 54398, 47818, 50976, 46930, 25906, 59441, 25958, 59136, 1756,
      18652,  29213, 13379, 51845, 1207,  55626, 27108, 43771, 35236, 3374,  40959, 47707, 41540,
      34282,  27094, 36329, 13593, 65257, 47006, 46857, 1114,  37106, 18738, 25969, 15461, 2842,
      36470,  32489, 61622, 23613, 29624, 32820, 30438, 9543,  6767,  23037, 52896, 12059, 32264,
      11575,  42400, 43344, 27511, 16712, 6877,  4910,  50047, 61569, 57237, 48558, 2310,  22192,
      7874,   46141, 64056, 61997, 7298,  31372, 25316, 683,   58940, 18755, 17898, 19196};
  const std::vector<int16_t> weights = {
      -2210, 1711, 3237, 1247, 2507, 61,   1019, 899,  206,  146,  2849, 2756, 1260, 1280, 1951,
      213,   617,  2047, 211,  347,  2821, 3747, 150,  1924, 3962, 942,  1430, 2678, 993,  308,
      3364,  2491, 954,  1308, 879,  3950, 1,    3556, 3628, 2104, 78,   1298, 1080, 342,  1337,
      1639,  2352, 829,  1358, 2498, 1647, 2507, 3816, 3767, 3735, 1155, 2221, 2196, 1160};
  const std::vector<int16_t> unweights = {
      408,  3574, 1880, 2561, 2011, 3394, 1019, 445,  3901, 343,  1874, 3846, 3566, 1830, 327,
      111,  623,  1037, 2803, 1947, 1518, 661,  3239, 2351, 1257, 269,  1574, 3431, 3972, 2487,
      2181, 1458, 552,  717,  679,  1031, 1738, 1782, 128,  2242, 353,  1460, 3305, 1424, 3813,
      2895, 164,  272,  3886, 3135, 141,  747,  3233, 1478, 2612, 3837, 3271, 73,   1746};
  const std::vector<int16_t> frequency_starts = {5,  6,  7,  9,  11, 12, 14, 16, 18,
                                                 20, 22, 25, 27, 30, 32, 35, 33};
  const std::vector<int16_t> weight_starts = {0,  1,  2,  4,  6,  7,  9,  11, 13,
                                              15, 17, 20, 22, 25, 27, 30, 33};
  const std::vector<int16_t> widths = {1, 1, 2, 2, 1, 2, 2, 2, 2, 2, 3, 2, 3, 2, 3, 3, 3};
  const std::vector<uint64_t> expected = {104199304, 407748384, 206363744, 200989269,
                                          52144406,  230780884, 174394190, 379684049,
                                          94840835,  57788823,  531528204, 318265707,
                                          263149795, 188110467, 501443259, 200747781};
  const SignalFilterBankTables tables{weights.data(),       unweights.data(),
                                      frequency_starts.data(), weight_starts.data(),
                                      widths.data(),        16};
  std::vector<uint64_t> output(16);
  u32_signal_filter_bank(tables, energy.data(), output.data());
  EXPECT_EQ(output, expected);
}

TEST(SignalFilterBankSquareRoot, SixteenChannelsShift5) {
  const std::vector<uint64_t> input = {13051415151, 14932650877, 18954728418, 8730126017,
                                       6529665275,  12952546517, 10314975609, 8919697835,
                                       8053663348,  17231208421, 7366899760,  1372112200,
                                       19953434807, 17012385332, 4710443222,  17765594053};
  const std::vector<uint32_t> expected = {3570, 3818, 4302, 2919, 2525, 3556, 3173, 2951,
                                          2804, 4102, 2682, 1157, 4414, 4076, 2144, 4165};
  std::vector<uint32_t> output(16);
  u64_signal_filter_bank_square_root(input.data(), 16, 5, output.data());
  EXPECT_EQ(output, expected);
}

TEST(SignalFilterBankSquareRoot, ThirtyTwoChannelsShift7) {
  const std::vector<uint64_t> input = {
      10528000193, 28362909357, 47577133750, 8466055850, 5842710800, 2350911449, 2989811430,
      2646718839,  515262774,   276394561,   469831522,  55815334,   28232446,   11591835,
      40329249,    67658028,    183446654,   323189165,  117473797,  41339272,   25846050,
      12428673,    18670978,    22521722,    78477733,   54207503,   25150296,   43098592,
      28211625,    15736687,    20990296,    17907031};
  const std::vector<uint32_t> expected = {801, 1315, 1704, 718, 597, 378, 427, 401, 177, 129, 169,
                                          58,  41,   26,   49,  64,  105, 140, 84,  50,  39,  27,
                                          33,  37,   69,   57,  39,  51,  41,  30,  35,  33};
  std::vector<uint32_t> output(32);
  u64_signal_filter_bank_square_root(input.data(), 32, 7, output.data());
  EXPECT_EQ(output, expected);
}

TEST(SignalMath, SquareRootsRoundAndStopAtTheirWidth) {
  EXPECT_EQ(signal_sqrt32(0), 0);
  EXPECT_EQ(signal_sqrt32(15), 4);  // 3.87 rounds up
  EXPECT_EQ(signal_sqrt32(12), 3);  // 3.46 rounds down
  EXPECT_EQ(signal_sqrt32(0xFFFFFFFFu), 0xFFFF);  // no rounding past 16 bits
  EXPECT_EQ(signal_sqrt64(uint64_t{1} << 40), 1u << 20);
  EXPECT_EQ(signal_most_significant_bit32(0), 32u);
  EXPECT_EQ(signal_most_significant_bit32(1), 1u);
  EXPECT_EQ(signal_most_significant_bit64(uint64_t{1} << 40), 41u);
}

// The 32-channel test's flexbuffer: smoothing 655 and one_minus_smoothing
// 15729 (both also the alternates), min_signal_remaining 819, smoothing_bits
// 0, spectral_subtraction_bits 14, no clamping.
SignalSpectralSubtractionParams tflm_test_params(int32_t channels) {
  SignalSpectralSubtractionParams p;
  p.channels = channels;
  p.smoothing = p.alternate_smoothing = 655;
  p.one_minus_smoothing = p.alternate_one_minus_smoothing = 15729;
  p.min_signal_remaining = 819;
  p.smoothing_bits = 0;
  p.spectral_subtraction_bits = 14;
  p.clamping = false;
  return p;
}

TEST(SignalSpectralSubtraction, ThirtyTwoChannelsFromZeroNoise) {
  const std::vector<uint32_t> input = {322, 308, 210, 212, 181, 251, 403, 259, 65,  48, 76,
                                       48,  50,  46,  53,  52,  112, 191, 136, 59,  70, 51,
                                       39,  64,  33,  44,  41,  49,  74,  107, 262, 479};
  const std::vector<uint32_t> expected_output = {310, 296, 202, 204, 174, 241, 387, 249,
                                                 63,  47,  73,  47,  49,  45,  51,  50,
                                                 108, 184, 131, 57,  68,  49,  38,  62,
                                                 32,  43,  40,  48,  72,  103, 252, 460};
  const std::vector<uint32_t> expected_noise = {12, 12, 8, 8, 7, 10, 16, 10, 2, 1, 3,
                                                1,  1,  1, 2, 2, 4,  7,  5,  2, 2, 2,
                                                1,  2,  1, 1, 1, 1,  2,  4,  10, 19};
  std::vector<uint32_t> noise(32, 0);
  std::vector<uint32_t> output(32);
  u32_signal_spectral_subtraction(tflm_test_params(32), input.data(), noise.data(),
                                  output.data());
  EXPECT_EQ(output, expected_output);
  EXPECT_EQ(noise, expected_noise);
  // The estimate is state: a second frame starts from it and moves on.
  u32_signal_spectral_subtraction(tflm_test_params(32), input.data(), noise.data(),
                                  output.data());
  EXPECT_EQ(noise[0], (322u * 655 + 12u * 15729) >> 14);
}

TEST(SignalSpectralSubtraction, SixteenChannels) {
  const std::vector<uint32_t> input = {393, 213, 408, 1,   361, 385, 386, 326,
                                       170, 368, 368, 305, 152, 322, 213, 319};
  const std::vector<uint32_t> expected_output = {378, 205, 392, 1,   347, 370, 371, 313,
                                                 164, 354, 354, 293, 146, 310, 205, 307};
  const std::vector<uint32_t> expected_noise = {15, 8, 16, 0, 14, 15, 15, 13,
                                                6,  14, 14, 12, 6,  12, 8,  12};
  std::vector<uint32_t> noise(16, 0);
  std::vector<uint32_t> output(16);
  u32_signal_spectral_subtraction(tflm_test_params(16), input.data(), noise.data(),
                                  output.data());
  EXPECT_EQ(output, expected_output);
  EXPECT_EQ(noise, expected_noise);
}

TEST(SignalFilterBankLog, ThirtyTwoChannelsScale1600CorrectionBits3) {
  const std::vector<uint32_t> input = {29, 21, 29, 40, 19, 11, 13, 23, 13, 11, 25,
                                       17, 5,  4,  46, 14, 17, 14, 20, 14, 10, 10,
                                       15, 11, 17, 12, 15, 16, 19, 18, 6,  2};
  const std::vector<int16_t> expected = {8715, 8198, 8715, 9229, 8038, 7164, 7431, 8344,
                                         7431, 7164, 8477, 7860, 5902, 5545, 9453, 7550,
                                         7860, 7550, 8120, 7550, 7011, 7011, 7660, 7164,
                                         7860, 7303, 7660, 7763, 8038, 7952, 6194, 4436};
  std::vector<int16_t> output(32);
  u32_signal_filter_bank_log(input.data(), 32, 1600, 3, output.data());
  EXPECT_EQ(output, expected);
}

TEST(SignalFilterBankLog, SixteenChannelsScale32768CorrectionBits5Saturates) {
  const std::vector<uint32_t> input = {48, 20, 19, 24, 35, 47, 23, 30,
                                       31, 10, 48, 21, 46, 14, 18, 27};
  const std::vector<int16_t> expected = {32767, 15121, 13440, 21095, 32767, 32767,
                                         19701, 28407, 29482, 32767, 32767, 16720,
                                         32767, 3434,  11669, 24955};
  std::vector<int16_t> output(16);
  u32_signal_filter_bank_log(input.data(), 16, 32768, 5, output.data());
  EXPECT_EQ(output, expected);
}

TEST(SignalFilterBankLog, ZeroAndOneGiveZero) {
  const std::vector<uint32_t> input = {0, 1};
  std::vector<int16_t> output(2, -1);
  u32_signal_filter_bank_log(input.data(), 2, 1600, 0, output.data());
  EXPECT_EQ(output, (std::vector<int16_t>{0, 0}));
}

TEST(SignalPcan, FortyChannelsSnrShift6) {
  const std::vector<uint32_t> input = {286, 298, 305, 291, 290, 279, 273, 257, 250, 240,
                                       240, 233, 234, 230, 221, 205, 183, 159, 156, 188,
                                       239, 298, 345, 374, 380, 369, 359, 364, 372, 354,
                                       302, 243, 194, 135, 64,  72,  171, 245, 277, 304};
  const std::vector<uint32_t> noise = {
      7310, 18308, 7796, 17878, 7413, 17141, 6978, 15789, 6390, 14745, 6135, 14314, 5981, 14130,
      5649, 12594, 4677, 9768,  3987, 11550, 6109, 18308, 8819, 22977, 9713, 22670, 9176, 22363,
      9509, 21748, 7719, 14929, 4959, 8294,  1636, 4423,  4371, 15052, 7080, 18677};
  const std::vector<int16_t> gains = {
      32636,  32633,  32630,  -6,     0,      -21589, 32624,  -12,    0,      -21589, 32612,
      -23,    -2,     -21589, 32587,  -48,    0,      -21589, 32539,  -96,    0,      -21589,
      32443,  -190,   0,      -21589, 32253,  -378,   4,      -21589, 31879,  -739,   18,
      -21589, 31158,  -1409,  62,     -21589, 29811,  -2567,  202,    -21589, 27446,  -4301,
      562,    -21589, 23707,  -6265,  1230,   -21589, 18672,  -7458,  1952,   -21589, 13166,
      -7030,  2212,   -21589, 8348,   -5342,  1868,   -21589, 4874,   -3459,  1282,   -21589,
      2697,   -2025,  774,    -21589, 1446,   -1120,  436,    -21589, 762,    -596,   232,
      -21589, 398,    -313,   122,    -21589, 207,    -164,   64,     -21589, 107,    -85,
      34,     -21589, 56,     -45,    18,     -21589, 29,     -22,    8,      -21589, 15,
      -13,    6,      -21589, 8,      -8,     4,      -21589, 4,      -2,     0,      -21589,
      2,      -3,     2,      -21589, 1,      0,      0,      -21589, 1,      -3,     2,
      -21589, 0,      0,      0};
  const std::vector<uint32_t> expected = {
      1301, 836, 1354, 827, 1312, 811, 1263, 779, 1192, 753, 1160, 743, 1140, 738,
      1096, 698, 956,  607, 845,  667, 1157, 836, 1461, 912, 1546, 908, 1496, 904,
      1527, 895, 1346, 758, 999,  548, 378,  344, 908,  761, 1274, 843};
  ASSERT_EQ(gains.size(), static_cast<size_t>(kSignalPcanGainTableSize));
  std::vector<uint32_t> output(40);
  u32_signal_pcan(input.data(), noise.data(), gains.data(), 40, 6, output.data());
  EXPECT_EQ(output, expected);
}

}  // namespace
}  // namespace vnpu::kernels
