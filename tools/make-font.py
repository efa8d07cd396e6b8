#!/usr/bin/env python3
"""Builds assets/fonts/NotoSansSC-courtesy.otf: Noto Sans CJK SC (OFL 1.1) cut
down to GB2312, Big5 level 1, ASCII, CJK and full-width punctuation, and every
character used in scenarios/ and locales/. egui's default fonts have no CJK.
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
for hi in range(0xA4, 0xC7):  # Big5 level 1 (frequent characters)
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
