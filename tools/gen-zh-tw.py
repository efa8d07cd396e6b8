#!/usr/bin/env python3
"""Regenerates locales/zh-TW/courtesy.ftl: the zh-CN messages converted with
OpenCC (s2tw), then each scenario's title and summary from scenarios/*.ron,
converted the same way. Edit the result by hand if a phrase reads wrong in
Taiwan usage, then keep it (re-running overwrites it).
Needs: pip install opencc-python-reimplemented. Run from the repository root."""
import glob
import os
import re

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
text = "\n".join(out).replace("簡體中文（默認）", "繁體中文").rstrip("\n") + "\n"

text += "\n## 場景標題與簡介（由 scenarios/*.ron 轉換）\n"
for path in sorted(glob.glob("scenarios/*.ron")):
    source = open(path, encoding="utf-8").read()
    sid = os.path.basename(path)[:-4]
    for field in ("title", "summary"):
        match = re.search(r'^\s*' + field + r':\s*"((?:[^"\\]|\\.)*)"', source, re.M)
        if match:
            text += f"scenario-{sid}-{field} = {conv.convert(match.group(1))}\n"
open("locales/zh-TW/courtesy.ftl", "w", encoding="utf-8").write(text)
