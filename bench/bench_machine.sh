# Sourced by bench/run_*_bench.sh: prints the line naming the machine a table was measured on.
# Usage: print_bench_machine CORE
print_bench_machine() {
  cpuinfo_field() { grep -m1 "^$1" /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'; }
  local vnni
  vnni=$(grep -qw avx512_vnni /proc/cpuinfo && echo "AVX-512 VNNI" || echo "no AVX-512 VNNI")
  echo "CPU: $(cpuinfo_field 'model name') (family $(cpuinfo_field 'cpu family'), model" \
    "$(cpuinfo_field 'model[[:space:]]*:' ), ${vnni}); date: $(date -u +%Y-%m-%d);" \
    "single thread on core $1"
}
