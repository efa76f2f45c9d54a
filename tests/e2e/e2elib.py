"""Helpers shared by the end-to-end tests: run the binary, read CSV outputs,
and count checks so every test prints what it verified."""
import csv
import os
import re
import subprocess
import sys
import tempfile

OVERSIGHT = os.environ.get("OVERSIGHT", "./oversight")
# The reference fixtures live in tests/fixtures, next to this folder.
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(HERE, "..", "fixtures"))
TINY = os.path.join(FIXTURES, "tiny")


class Checks:
    """Collects named checks; exit status non-zero when any failed."""

    def __init__(self):
        self.failed = 0
        self.passed = 0

    def eq(self, name, got, want):
        if got == want:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}\n     got:  {got!r}\n     want: {want!r}")

    def true(self, name, cond, detail=""):
        self.eq(name + (f" ({detail})" if detail else ""), bool(cond), True)

    def done(self):
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed or not self.passed else 0)


def run(*args, check_rc=None):
    """Runs the binary; returns (rc, stderr)."""
    p = subprocess.run([OVERSIGHT, *args], capture_output=True, text=True)
    if check_rc is not None and p.returncode != check_rc:
        raise SystemExit(f"{args}: exit {p.returncode}, wanted {check_rc}\n{p.stderr}")
    return p.returncode, p.stderr


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def tmpdir():
    return tempfile.mkdtemp(prefix="ov-e2e-")


def write(path, text, encoding="utf-8"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text.encode(encoding) if isinstance(text, str) else text)


def pdf_small_words(pdf, minimum=8.0):
    """Words of a PDF set below minimum points, from pdftotext -bbox-layout: a
    word's box is as tall as 1.117 x its size for the report's fonts (Liberation
    Sans; DejaVu Sans alike). A line whose words stand one above the other was
    turned a quarter (names reading upwards), and its words' size is across the
    box. Returns (page, size, text) for each word under minimum."""
    import html
    import re
    import subprocess
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         text=True, check=True).stdout
    word_re = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="([\d.]+)">([^<]*)</word>')
    small = []
    for page, body in enumerate(out.split("<page ")[1:], 1):
        for line in re.findall(r"<line [^>]*>(.*?)</line>", body, flags=re.S):
            words = [(float(a), float(b), float(c), float(d), html.unescape(t))
                     for a, b, c, d, t in word_re.findall(line)]
            upright = (len(words) > 1 and abs(words[0][0] - words[1][0]) < 0.5
                       and abs(words[0][1] - words[1][1]) > 0.5)
            for x0, y0, x1, y1, text in words:
                across = (x1 - x0) if upright else (y1 - y0)
                size = across / 1.117
                if size < minimum - 0.05:
                    small.append((page, round(size, 2), text))
    return small


def pdf_half_empty_pages(pdf, starts=("1. ", "2. ", "3. ", "4. ", "5. ", "Appendix",
                                      "Contents", "The board on one page", "Exceptions",
                                      "What must be done")):
    """Pages whose text ends above the middle of the page (more than half of it
    empty), other than the last page and a page followed by one that opens a
    new section (its first heading starts with one of starts). The running
    header and footer are left out. Returns (page, fraction used) pairs."""
    import re
    import subprocess
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = out.split("<page ")[1:]
    result = []
    firsts = []
    used = []
    for body in pages:
        height = float(re.search(r'height="([\d.]+)"', body).group(1))
        lines = []
        for line in re.findall(r"<line [^>]*>(.*?)</line>", body, flags=re.S):
            ws = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', line)
            if not ws:
                continue
            top, bottom = float(ws[0][0]), max(float(w[1]) for w in ws)
            if top < 62 or bottom > height - 62:
                continue  # running header or footer
            lines.append((top, bottom, " ".join(w[2] for w in ws)))
        lines.sort()
        firsts.append(lines[0][2] if lines else "")
        used.append((max(b for _, b, _ in lines) - 62) / (height - 124) if lines else 0.0)
    for i in range(len(pages) - 1):
        if used[i] < 0.5 and not firsts[i + 1].startswith(starts):
            result.append((i + 1, round(used[i], 2)))
    return result


# ---- the report's words read back from the PDF text (pdftotext -layout) ----------------


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                          text=True, check=True).stdout


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def pdf_messages(text):
    """The bullets between the 'Key messages' heading and the tiles' heading."""
    start = text.index("\nKey messages\n")
    end = text.index("\nHeadline figures", start)
    block = text[start + len("\nKey messages\n"):end]
    return [squash(b) for b in block.split("■") if squash(b)]


def pdf_changes(text, titles):
    """{title: (then, now, change words)} from the 'Change since' table."""
    out = {}
    if "\nChange since " not in text:
        return out
    block = text[text.index("\nChange since "):]
    for line in block.splitlines():
        line = line.strip()
        for t in titles:
            if line.startswith(t + " ") and t not in out:
                # a figure resting on a thinly filled field carries its mark (‡)
                value = r"((?:[0-9]+\.[0-9]%|Not covered|No data|Not sent|Suppressed)(?: ‡)?)"
                m = re.fullmatch(value + r"\s+" + value + r"\s+(.*)", line[len(t):].strip())
                if m:  # then, now, then the change words
                    out[t] = (m.group(1), m.group(2), m.group(3).strip())
    return out
