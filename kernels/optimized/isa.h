// Instruction-set selection for the optimized kernels.
//
// Every fast kernel has a portable C++ body and, where the CPU has them, an
// AVX2 and an AVX-512 VNNI body; all give the same bytes. The ISA is chosen
// once, when the filter is packed, so a test can force any supported body.
#pragma once

namespace vnpu::kernels {

enum class Isa {
  kPortable,    // plain C++, any x86-64 (or other) CPU
  kAvx2,        // AVX2 (vpmaddwd on int16 pairs)
  kAvx512Vnni,  // AVX-512 F/BW/VL + VNNI (vpdpbusd)
};

// True if this CPU (and OS) can run kernels built for `isa`.
bool isa_supported(Isa isa);

// The fastest ISA this CPU supports.
Isa best_isa();

// `requested` if supported, else the portable ISA.
Isa usable_isa(Isa requested);

const char* isa_name(Isa isa);

}  // namespace vnpu::kernels
