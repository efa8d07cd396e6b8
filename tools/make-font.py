#!/usr/bin/env python3
"""Builds assets/fonts/NotoSansSC-courtesy.otf: Noto Sans CJK SC (OFL 1.1) cut
down to what Chinese names and text need: every CJK Unified Ideograph
(U+4E00-9FFF), Extension A, the compatibility ideographs, and the characters
of Extensions B-F the font draws (so the whole 通用规范汉字表 and all of Big5
and GB2312, names such as 喆 堃 珺 镕 赟 彧 included); Latin, CJK and
full-width punctuation, bopomofo and strokes; and every character used in
scenarios/ and locales/. egui's default fonts have no CJK.
Needs Debian's fonts-noto-cjk and `pip install fonttools`. Run from the root."""
import glob
import subprocess

chars = set(chr(c) for c in range(0x20, 0x7F))
chars |= set(chr(c) for c in range(0x3000, 0x3040))  # CJK punctuation
chars |= set(chr(c) for c in range(0xFF00, 0xFFF0))  # full-width forms
chars |= set("“”‘’—…·×÷→←↑↓✓✗█░━═║╭╮╰╯│─《》〈〉【】〔〕「」『』")
for hi in range(0xA1, 0xF8):  # GB2312
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
RANGES = [
    (0x00A0, 0x0100),  # Latin-1
    (0x2000, 0x2070),  # general punctuation
    (0x2100, 0x2150),  # letterlike symbols
    (0x2190, 0x2200),  # arrows
    (0x2460, 0x2500),  # enclosed numbers
    (0x25A0, 0x2600),  # shapes
    (0x3100, 0x3130),  # bopomofo
    (0x31C0, 0x31F0),  # strokes
    (0x3400, 0x4DC0),  # CJK Extension A
    (0x4E00, 0xA000),  # CJK Unified Ideographs
    (0xF900, 0xFB00),  # compatibility ideographs
    (0xFE30, 0xFE50),  # vertical and compatibility forms
    (0x20000, 0x2FA20),  # Extensions B-F and supplement: those the font has
]
for lo, hi in RANGES:
    chars |= set(chr(c) for c in range(lo, hi))
for hi in range(0xA1, 0xFA):  # all of Big5
    for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
        try:
            chars.add(bytes([hi, lo]).decode("big5"))
        except UnicodeDecodeError:
            pass
for path in glob.glob("scenarios/**/*.ron", recursive=True) + glob.glob("locales/*/*.ftl"):
    chars |= set(open(path, encoding="utf-8").read())
chars = sorted(c for c in chars if c.isprintable())
open("/tmp/courtesy-chars.txt", "w", encoding="utf-8").write("".join(chars))
subprocess.run(
    [
        "pyftsubset",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "--font-number=2",
        "--text-file=/tmp/courtesy-chars.txt",
        "--layout-features=*",
        "--output-file=assets/fonts/NotoSansSC-courtesy.otf",
    ],
    check=True,
)
print(len(chars), "characters")
