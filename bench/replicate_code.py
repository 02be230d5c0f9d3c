#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""replicate_code.py IN.wasm OUT.wasm COPIES: a valid module whose code section holds every
function body of IN COPIES times (the function section's entries likewise), so the instruction mix
is a real compiler's. Custom sections are dropped; every index the copies use stays in range."""
import sys


def uleb(b, i):
    v = shift = 0
    while True:
        x = b[i]; i += 1
        v |= (x & 0x7F) << shift; shift += 7
        if x < 0x80:
            return v, i


def put(v):
    out = bytearray()
    while True:
        x = v & 0x7F; v >>= 7
        out.append(x | (0x80 if v else 0))
        if not v:
            return bytes(out)


def main(src, dst, copies):
    b = open(src, 'rb').read()
    out = bytearray(b[:8]); i = 8
    while i < len(b):
        sid = b[i]; size, j = uleb(b, i + 1); payload = b[j:j + size]; i = j + size
        if sid == 0:
            continue
        if sid in (3, 10):  # function and code sections: the entries, COPIES times
            n, k = uleb(payload, 0)
            payload = put(n * copies) + payload[k:] * copies
        out += bytes([sid]) + put(len(payload)) + payload
    open(dst, 'wb').write(out)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
