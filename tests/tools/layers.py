#!/usr/bin/env python3
"""layers.py — checks the house: every module of src/ sits in a layer folder,
includes only modules of its own layer or of the layers below, never a sibling
folder's, and no modules include each other in a circle (a module is a .c file
with its .h). Reads the #include lines only; prints each breach and exits 1.

Layers, bottom up: core, ingest, metrics, history, report, render, cli. Inside a layer a
sub-folder stands above the layer's own files (render/pdf/ may use
render/pdfdraw.h, never the reverse), and sibling sub-folders (render/pdf/ and
render/xlsx/) never use each other.

Usage: python3 tests/tools/layers.py [SRC]     (default: src)"""
import os
import re
import sys

LAYERS = ["core", "ingest", "metrics", "history", "report", "render", "cli"]


def module_of(path):
    return os.path.splitext(path)[0]


def place(mod):
    """(layer index, sub-folder or '') of a module path relative to src."""
    parts = mod.split("/")
    if len(parts) < 2 or parts[0] not in LAYERS:
        return None
    sub = parts[1] if len(parts) > 2 else ""
    return LAYERS.index(parts[0]), sub


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "src"
    deps = {}
    problems = []
    for dirpath, _, names in os.walk(src):
        for n in sorted(names):
            if not n.endswith((".c", ".h")):
                continue
            rel = os.path.relpath(os.path.join(dirpath, n), src)
            mod = module_of(rel)
            if place(mod) is None:
                problems.append(f"{rel}: not inside a layer folder ({', '.join(LAYERS)})")
                continue
            with open(os.path.join(dirpath, n), encoding="utf-8") as f:
                for lineno, line in enumerate(f, 1):
                    m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                    if not m:
                        continue
                    target = module_of(m.group(1))
                    if not os.path.exists(os.path.join(src, m.group(1))):
                        problems.append(f"{rel}:{lineno}: includes {m.group(1)}, which is not "
                                        "a path under src/")
                        continue
                    if target != mod:
                        deps.setdefault(mod, set()).add(target)
                    lay, sub = place(mod)
                    tlay, tsub = place(target)
                    if tlay > lay:
                        problems.append(f"{rel}:{lineno}: {LAYERS[lay]} uses {m.group(1)} of "
                                        f"the higher layer {LAYERS[tlay]}")
                    elif tlay == lay and tsub and tsub != sub:
                        what = "the sub-folder above it" if not sub else "a sibling folder"
                        problems.append(f"{rel}:{lineno}: uses {m.group(1)} of {what}")
    # a header declares only what its own .c defines, so that the #include
    # lines are the calls: a function declared in a.h and defined in b.c would
    # hide b's users from this check
    for dirpath, _, names in os.walk(src):
        for n in sorted(names):
            if not n.endswith(".h") or n[:-2] + ".c" not in names:
                continue
            with open(os.path.join(dirpath, n), encoding="utf-8") as f:
                text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
            with open(os.path.join(dirpath, n[:-2] + ".c"), encoding="utf-8") as f:
                body = f.read()
            for fn in re.findall(r"^[A-Za-z_][\w \t*]*?\b(ov_\w+)\s*\([^;{]*\)\s*"
                                 r"(?:__attribute__\(\(.*?\)\))?\s*;", text, flags=re.M | re.S):
                if not re.search(r"^[A-Za-z_][\w \t*]*?\b" + fn + r"\s*\([^;]*?\)\s*\{",
                                 body, flags=re.M | re.S):
                    rel = os.path.relpath(os.path.join(dirpath, n), src)
                    problems.append(f"{rel}: declares {fn}, which {n[:-2]}.c does not define")
    # circles: depth-first search over modules
    state = {}
    stack = []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for t in sorted(deps.get(m, ())):
            if state.get(t) == 1:
                circle = stack[stack.index(t):] + [t]
                problems.append("circle: " + " -> ".join(circle))
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(deps):
        if m not in state:
            visit(m)
    nmods = len(set(deps) | {t for ts in deps.values() for t in ts})
    nedges = sum(len(v) for v in deps.values())
    for p in problems:
        print("layers: " + p)
    if problems:
        return 1
    print(f"layers: {nmods} modules, {nedges} uses, all pointing down; no circles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
