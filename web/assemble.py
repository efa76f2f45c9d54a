#!/usr/bin/env python3
"""assemble.py — writes the browser edition's one page: web/page.html with its
style, its script, the program (engine.wasm, as base64, which the page compiles
once), the worker's script (engine.js, Emscripten's loader, then web/worker.js)
and a Content-Security-Policy that allows that one script (by its hash),
WebAssembly, a worker made from the page and nothing else: no connection of any
kind.

Usage: python3 web/assemble.py ENGINE.js ENGINE.wasm OUT.html [LIMIT_MB]"""
import base64
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The largest data the page takes, in MB: docs/web.md says how it was measured
# (1,341 MB ran, with the browser at 3.7 GB of memory; this keeps a margin).
DEFAULT_LIMIT_MB = 1000


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return f.read()


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    engine_path, wasm_path, out = sys.argv[1:4]
    limit = int(sys.argv[4]) if len(sys.argv) == 5 else DEFAULT_LIMIT_MB
    with open(wasm_path, "rb") as f:
        wasm = base64.b64encode(f.read()).decode()
    with open(engine_path, encoding="utf-8") as f:
        engine = f.read() + "\n" + read("worker.js")
    # Inside a script element the HTML parser ends at "</script" and changes
    # state at "<!--": the program must hold neither.
    low = engine.lower()
    for bad in ("</script", "<!--"):
        if bad in low:
            sys.exit(f"assemble.py: {engine_path} holds {bad!r}; it cannot be put in the page")
    script = read("page.js").replace("@LIMIT_MB@", str(limit))
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = ("default-src 'none'; "
           f"script-src 'sha256-{digest}' 'wasm-unsafe-eval'; "
           "worker-src blob:; "
           "style-src 'unsafe-inline'; "
           "img-src data: blob:; "
           "font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
           "frame-src 'none'; manifest-src 'none'; form-action 'none'; base-uri 'none'")
    page = read("page.html")
    parts = {"@CSP@": csp, "@STYLE@": read("page.css"), "@LIMIT_MB@": str(limit)}
    for k, v in parts.items():
        page = page.replace(k, v)
    # the script and the program last: their text is never searched for markers
    head, rest = page.split("@WASM@")
    mid1, rest = rest.split("@ENGINE@")
    mid2, tail = rest.split("@SCRIPT@")
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(head + wasm + mid1 + engine + mid2 + script + tail)
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
