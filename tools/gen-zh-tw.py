#!/usr/bin/env python3
"""Regenerates locales/zh-TW/courtesy.ftl from zh-CN with OpenCC (s2tw).
Needs: pip install opencc-python-reimplemented. Run from the repository root."""
import opencc

conv = opencc.OpenCC("s2tw")
out = []
for line in open("locales/zh-CN/courtesy.ftl", encoding="utf-8").read().split("\n"):
    if "=" in line and not line.startswith("#"):
        key, value = line.split("=", 1)
        out.append(key + "=" + conv.convert(value))
    elif line.startswith("#"):
        out.append(conv.convert(line))
    else:
        out.append(line)
text = "\n".join(out).replace("簡體中文（默認）", "繁體中文")
open("locales/zh-TW/courtesy.ftl", "w", encoding="utf-8").write(text)
