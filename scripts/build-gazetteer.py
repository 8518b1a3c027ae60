#!/usr/bin/env python3
"""Builds Sources/StageEntities/Resources/gazetteer.tsv from admin-divisions.tsv.

Usage: python3 scripts/build-gazetteer.py [../shared/datasets/admin-divisions.tsv]

Output: one line per unit from province to township (villages are found by pattern at run
time), in tree order: name, level (P/D/C/T), parent line number (0-based among units,
-1 for provinces), division code, and the derived short forms (comma-separated):
short (青海, 海东, 民和), short + 州 for 自治州 (海西州), short + 县 for counties named …县
(民和县), short + 旗 for 自治旗. Municipalities listed twice (province and prefecture)
are kept once. Deterministic: same input, same bytes.
"""
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/admin-divisions.tsv"
dst = "Sources/StageEntities/Resources/gazetteer.tsv"
LEVEL = {"province": "P", "prefecture": "D", "county": "C", "township": "T"}

rows = {}
shorts = {}
out = []
index = {}
with open(src, encoding="utf-8") as f:
    next(f)
    for line in f:
        rid, name, short, code, level, parent = line.rstrip("\n").split("\t")
        if level not in LEVEL:
            continue
        rid, parent = int(rid), int(parent)
        # Municipality duplicated as its own prefecture: map to the province line.
        # Municipalities and the special administrative regions list themselves again as their own
        # prefecture (北京市 under 北京市, 香港 under 香港特别行政区): one place, the province line.
        if level == "prefecture" and parent in rows and name in (rows[parent][0], shorts.get(parent)):
            index[rid] = index[parent]
            rows[rid] = (name,)
            continue
        if level == "township" and (len(name) > 12 or any(c in name for c in "（()")):
            continue  # institutions listed as townships (戒毒所, 农场 (…)) are not place names
        rows[rid] = (name,)
        shorts[rid] = short
        aliases = []
        if short and short != name and len(short) >= 2:
            aliases.append(short)
            if name.endswith("自治州"):
                aliases.append(short + "州")
            elif name.endswith("自治县") or (name.endswith("县") and not short.endswith("县")):
                aliases.append(short + "县")
                if level == "county" and not name.endswith("自治县"):
                    aliases.append(short + "区")  # many counties have become districts (湟中县 → 湟中区)
            elif name.endswith("自治旗"):
                aliases.append(short + "旗")
            elif name.endswith("地区"):
                aliases.append(short + "地区")
        index[rid] = len(out)
        out.append([name, LEVEL[level], str(index.get(parent, -1)), code, ",".join(dict.fromkeys(a for a in aliases if a != name))])

with open(dst, "w", encoding="utf-8") as f:
    f.write("# Place names derived from JioNLP's china_location dictionary (Apache-2.0).\n")
    f.write("# Built by scripts/build-gazetteer.py: name, level P/D/C/T, parent line (0-based, -1 none), code, aliases\n")
    for r in out:
        f.write("\t".join(r) + "\n")
print(f"{len(out)} units -> {dst}")
