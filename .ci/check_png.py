#!/usr/bin/env python3
"""Checks a screenshot PNG: exists, has the expected size, and is not blank.

Usage: check_png.py FILE WIDTH HEIGHT
Standard library only (zlib): decodes 8-bit RGB/RGBA non-interlaced PNGs, which is what
the app writes. "Blank" means nearly uniform: fewer than 1% of pixels differ from the most
common colour, or fewer than 50 distinct colours.
"""
import struct, sys, zlib
from collections import Counter


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    w, h, depth, color, _, _, interlace = header
    if depth != 8 or color not in (2, 6) or interlace:
        sys.exit(f"{path}: unsupported PNG (depth {depth}, colour type {color}, interlace {interlace})")
    bpp = 4 if color == 6 else 3
    raw, stride = zlib.decompress(idat), w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def main():
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    w, h, bpp, rows = decode(path)
    if (w, h) != (want_w, want_h):
        sys.exit(f"{path}: size {w}x{h}, expected {want_w}x{want_h}")
    pixels = Counter(r[i:i + 3] for r in rows[::4] for i in range(0, len(r), bpp * 4))
    total = sum(pixels.values())
    top = pixels.most_common(1)[0][1]
    if (total - top) / total < 0.01 or len(pixels) < 50:
        sys.exit(f"{path}: looks blank ({len(pixels)} colours, {100 * top / total:.1f}% one colour)")
    print(f"{path}: {w}x{h}, {len(pixels)} colours in a sample, {100 * top / total:.1f}% the most common: not blank")


main()
