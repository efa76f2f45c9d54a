"""Hostile text for the web page: a partnership of 30 agencies with names of
60 characters (markup, quotes, ampersands, </table>, right-to-left scripts
and emoji among them), each sending the tiny fixture's extracts; commentary
of <script>alert(1)</script> and of a 1 MB paragraph; an action whose
description closes the table it sits in; and a 100 KB title.

As a program: python3 hostile_page.py DIR writes the data folder to DIR/data
and prints the --title to use (the browser check reports on it)."""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TINY = os.path.join(HERE, "..", "fixtures", "tiny", "data", "TINY")

SCRIPT = "<script>alert(1)</script>"
# names of exactly 60 characters (code points), each hostile in its own way
SPECIAL = [
    "<script>alert('x')</script> & \"Partners\" </table></tr> Trust",
    "مجلس حماية الطفل في المقاطعة الشمالية للرعاية الاجتماعية والتع",
    "שירותי רווחה לילדים ולנוער של המחוז הצפוני ובית הספר המשולב ל",
    "Children's Charity 🧒👶🏽🎈 of the North & \"Riverside\" <b>Trust</b>",
]


def name_of(i):
    """The 60-character name of agency i (1-based)."""
    if i <= len(SPECIAL):
        base = SPECIAL[i - 1]
    else:
        base = f"Northshire Partner Agency Number {i:02d} for Children and Famil"
    name = (base + "." * 60)[:60]
    return name[:-1] + "." if name.endswith(" ") else name


def long_paragraph(size=1 << 20):
    """About size bytes of prose, with a sentence number in each sentence."""
    out, n = [], 0
    total = 0
    while total < size:
        s = f"Sentence {n} of the long commentary says what the board must know. "
        out.append(s)
        total += len(s)
        n += 1
    return "".join(out).strip()


def title(size=100 * 1024):
    words = "Northshire Safeguarding Children Partnership <b>&amp; Friends</b> "
    return (words * (size // len(words) + 1))[:size].strip()


def make(root):
    """Writes the data folder; returns its path."""
    data = os.path.join(root, "data")
    os.makedirs(data, exist_ok=True)
    lines = ["agency_id,name,type"]
    for i in range(1, 31):
        aid = f"A{i:02d}"
        shutil.copytree(TINY, os.path.join(data, aid), dirs_exist_ok=True)
        name = name_of(i).replace('"', '""')
        lines.append(f'{aid},"{name}",Charity')
    with open(os.path.join(data, "agencies.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(data, "commentary.csv"), "w", encoding="utf-8") as f:
        f.write("agency_id,section,text\n")
        f.write(f',summary,"{SCRIPT}"\n')
        f.write(f',how_do_we_know,"{long_paragraph()}"\n')
        f.write(f'A02,improve,"{name_of(2)}"\n')
    with open(os.path.join(data, "actions.csv"), "w", encoding="utf-8") as f:
        f.write("action_id,agency_id,metric_id,description,owner,due_date,status,completed_date\n")
        f.write('X1,A01,supervision_frequency,"</td></tr></table><script>alert(2)</script>",'
                '"<i>Head</i> & ""Deputy""",2025-11-30,open,\n')
    return data


if __name__ == "__main__":
    d = make(sys.argv[1])
    with open(os.path.join(sys.argv[1], "title.txt"), "w", encoding="utf-8") as f:
        f.write(title())
    print(d)
