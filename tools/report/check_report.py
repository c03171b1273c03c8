#!/usr/bin/env python3
"""Render a Vigía report.html in headless Chromium and check it.

- screenshots at laptop (1280 wide) and phone (390 wide) sizes; each PNG must not be blank
  (enough distinct colours, enough non-background pixels);
- printing (--print-to-pdf) must give a PDF with at least one page;
- the DOM after load (--dump-dom) must show each --hostile text as text, contain no <script> or <img> element,
  and the page title must still be the report's (the hostile posts set document.title if they ever run);
- --expect-title: the title the page must keep.

Prints one JSON object with the findings; exit 0 when all checks pass, 1 when one fails, 77 when chromium is
missing (the convention for "skipped"). Only Python's standard library: the PNG is decoded with zlib.
"""
import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                  "--disable-extensions", "--disable-background-networking", "--mute-audio"]


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(binary, args, profile, timeout=90):
    command = [binary] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile] + args
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return done.stdout.decode("utf-8", "replace"), done.returncode


def png_pixels(path):
    """(width, height, rows of pixel tuples) for 8-bit RGB/RGBA PNGs, unfiltered."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    offset, idat, header = 8, b"", None
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height, depth, colour = header[0], header[1], header[2], header[3]
    if depth != 8 or colour not in (2, 6):
        raise ValueError("unsupported PNG: depth %d colour type %d" % (depth, colour))
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, position = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1:position + 1 + stride])
        position += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(line)
        previous = line
    return width, height, channels, rows


def blankness(path):
    width, height, channels, rows = png_pixels(path)
    colours, counts = set(), {}
    for line in rows[::2]:
        for x in range(0, width * channels, channels * 2):
            pixel = bytes(line[x:x + 3])
            colours.add(pixel)
            counts[pixel] = counts.get(pixel, 0) + 1
    total = sum(counts.values())
    background = max(counts.values()) if counts else 0
    return {"width": width, "height": height, "distinct_colours": len(colours),
            "non_background_share": round(1 - background / total, 4) if total else 0}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("html")
    parser.add_argument("--hostile", action="append", default=[], help="post text that must appear as text")
    parser.add_argument("--expect-title", help="the title the page must keep")
    parser.add_argument("--png-dir", help="where to keep the screenshots (default: a temporary folder)")
    options = parser.parse_args()

    binary = find_chromium()
    if not binary:
        print(json.dumps({"skipped": "chromium not found"}))
        return 77
    url = "file://" + os.path.abspath(options.html)
    out_dir = options.png_dir or tempfile.mkdtemp(prefix="vigia-report-png-")
    os.makedirs(out_dir, exist_ok=True)
    failures, findings = [], {"screenshots": {}}
    with tempfile.TemporaryDirectory(prefix="vigia-chromium-") as profile:
        for name, size in (("laptop", "1280,2000"), ("phone", "390,2400")):
            png = os.path.join(out_dir, "report-%s.png" % name)
            if os.path.exists(png):
                os.unlink(png)
            run_chromium(binary, ["--screenshot=" + png, "--window-size=" + size, url], profile)
            if not os.path.exists(png):
                failures.append("%s: no screenshot written" % name)
                continue
            shot = blankness(png)
            shot["path"] = png
            findings["screenshots"][name] = shot
            if shot["distinct_colours"] < 8 or shot["non_background_share"] < 0.02:
                failures.append("%s screenshot looks blank: %s" % (name, shot))
        dom, _ = run_chromium(binary, ["--dump-dom", url], profile)
        pdf = os.path.join(out_dir, "report.pdf")
        run_chromium(binary, ["--print-to-pdf=" + pdf, "--no-pdf-header-footer", url], profile)
        if os.path.exists(pdf):
            with open(pdf, "rb") as handle:
                document = handle.read()
            pages = len(re.findall(rb"/Type\s*/Page\b", document))
            findings["print"] = {"path": pdf, "bytes": len(document), "pages": pages}
            if not document.startswith(b"%PDF") or pages < 1:
                failures.append("printing gave no usable PDF")
        else:
            failures.append("printing wrote no PDF")
    findings["dom_bytes"] = len(dom)
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    findings["title"] = title.group(1) if title else None
    if options.expect_title is not None and findings["title"] != options.expect_title:
        failures.append("title changed to %r: a script ran" % findings["title"])
    if re.search(r"<script\b", dom, re.I):
        failures.append("the DOM has a <script> element")
    if re.search(r"<img\b", dom, re.I):
        failures.append("the DOM has an <img> element")
    body_text = re.sub(r"<[^>]*>", "", dom)
    for hostile in options.hostile:
        escaped = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if escaped not in body_text:
            failures.append("hostile text not shown as text: %r" % hostile)
    findings["failures"] = failures
    print(json.dumps(findings, indent=1))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
