#!/usr/bin/env python3
"""The .npy side of scripts/run_firmware_qemu.sh (no numpy needed).

  firmware_npy.py data INPUT.npy OUT.bin   the array's data bytes (.npy format 1.0/2.0)
  firmware_npy.py write LOG.txt OUTDIR     OUTDIR/output_<i>.npy from the image's lines
                                           "output I type T shape D,D" + "hex ..."
The header written is numpy's own for format 1.0 (padded to a multiple of 64 bytes),
so an output equal to a golden is byte-identical to its file.
"""
import ast
import struct
import sys

# TFLite TensorType -> numpy descr
DESCR = {9: "|i1", 3: "|u1", 7: "<i2", 2: "<i4", 0: "<f4", 4: "<i8"}


def npy_data(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:6] != b"\x93NUMPY":
        sys.exit(f"{path}: not an .npy file")
    if raw[6] == 1:
        header_length, start = struct.unpack("<H", raw[8:10])[0], 10
    else:
        header_length, start = struct.unpack("<I", raw[8:12])[0], 12
    header = ast.literal_eval(raw[start:start + header_length].decode("latin1"))
    if header.get("fortran_order"):
        sys.exit(f"{path}: Fortran order is not supported")
    return raw[start + header_length:]


def npy_bytes(descr, shape, data):
    shape_text = "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_text)
    padding = 64 - (10 + len(header) + 1) % 64
    header += " " * (padding % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + data


def write_outputs(log_path, out_dir):
    outputs = []
    with open(log_path, encoding="latin1") as log:
        for line in log:
            words = line.split()
            if len(words) == 6 and words[0] == "output" and words[2] == "type" and words[4] == "shape":
                shape = [int(d) for d in words[5].split(",")]
                outputs.append([int(words[1]), int(words[3]), shape, bytearray()])
            elif words and words[0] == "hex" and outputs:
                outputs[-1][3] += bytes.fromhex(words[1] if len(words) > 1 else "")
    if not outputs:
        sys.exit(f"{log_path}: the image printed no output")
    for index, tensor_type, shape, data in outputs:
        if tensor_type not in DESCR:
            sys.exit(f"{log_path}: output {index} has type {tensor_type}, which has no .npy form")
        path = f"{out_dir}/output_{index}.npy"
        with open(path, "wb") as f:
            f.write(npy_bytes(DESCR[tensor_type], shape, bytes(data)))
        print(f"wrote {path} ({len(data)} bytes of data)")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("data", "write"):
        sys.exit(__doc__)
    if sys.argv[1] == "data":
        with open(sys.argv[3], "wb") as f:
            f.write(npy_data(sys.argv[2]))
    else:
        write_outputs(sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    main()
