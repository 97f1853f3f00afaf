#!/usr/bin/env python3
"""Seed corpora for the libFuzzer harnesses (fuzz/), generated at fuzz time from
../shared so no large binaries are committed: usage fuzz_seeds.py SHARED OUT.

OUT/<harness>/ gets: small .tflite models and Vela outputs (reader, run,
compile), the COP1 payloads cut out of every Vela output (command stream),
their command streams with the functional harness's word-count prefix, small
.npy files, configs/vela.ini and configs/energy.ini (INI readers). The weight
decoder gets two tiny streams only: cutting the weight streams out of a Vela
output's flash tensor needs the flatbuffer parsed, which this script does not do.
"""
import os
import struct
import sys

MAX_MODEL_BYTES = 64 * 1024
MAX_MODELS = 120
MAX_NPY = 60


def files_under(root, suffix, limit_bytes):
    found = []
    for folder, _, names in os.walk(root, followlinks=True):
        for name in sorted(names):
            path = os.path.join(folder, name)
            if name.endswith(suffix) and os.path.getsize(path) <= limit_bytes:
                found.append(path)
    return sorted(found)


def spread(paths, count):
    """At most `count` paths picked evenly, so every model family is represented."""
    if len(paths) <= count:
        return paths
    step = len(paths) / count
    return [paths[int(i * step)] for i in range(count)]


def cop1_payloads(data):
    """The COP1 payloads in a .tflite: each is a flatbuffer byte vector whose
    uint32 length precedes its 'COP1' magic."""
    start = 0
    while True:
        at = data.find(b"COP1", start)
        if at < 4:
            return
        length = struct.unpack_from("<I", data, at - 4)[0]
        if 0 < length <= len(data) - at and length % 4 == 0:
            yield data[at:at + length]
        start = at + 4


def write(out, harness, name, data):
    folder = os.path.join(out, harness)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    shared, out = sys.argv[1], sys.argv[2]
    source = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    models = spread(files_under(shared, ".tflite", MAX_MODEL_BYTES), MAX_MODELS)
    for i, path in enumerate(models):
        data = open(path, "rb").read()
        for harness in ("fuzz_tflite_reader", "fuzz_cpu_run", "fuzz_compile",
                        "fuzz_firmware_runner"):
            write(out, harness, "model_%03d.tflite" % i, data)
    vela_outputs = [p for p in files_under(shared, ".tflite", 1 << 24) if "vela" in p]
    for i, path in enumerate(vela_outputs):
        data = open(path, "rb").read()
        for k, payload in enumerate(cop1_payloads(data)):
            write(out, "fuzz_command_stream", "payload_%03d_%d" % (i, k), payload)
            write(out, "fuzz_firmware_payload", "payload_%03d_%d" % (i, k), payload)
            words = (len(payload) - 32) // 4  # the stream starts at byte 32 (build_cop1_payload)
            prefix = struct.pack("<H", min(words, 0xFFFF))
            write(out, "fuzz_functional_npu", "stream_%03d_%d" % (i, k), prefix + payload[32:])
    for i, path in enumerate(spread(files_under(shared, ".npy", 4096), MAX_NPY)):
        write(out, "fuzz_npy", "array_%03d.npy" % i, open(path, "rb").read())
    for name in ("vela.ini", "energy.ini"):
        write(out, "fuzz_ini", name, open(os.path.join(source, "configs", name), "rb").read())
    # A weight stream's end marker and 0xFF padding: the smallest valid shapes.
    write(out, "fuzz_weight_decoder", "padding_only", b"\xff" * 16)
    write(out, "fuzz_weight_decoder", "zeros", b"\x00" * 32)


if __name__ == "__main__":
    main()
