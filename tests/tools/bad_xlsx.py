#!/usr/bin/env python3
"""bad_xlsx.py — small workbooks built part by part (zipfile), valid and
hostile, for the end-to-end tests and the fuzzing corpus:

    bad_xlsx.py corpus DIR     writes the seed corpus of the workbook reader

Importable: book() builds a workbook from rows; the other functions return the
bytes of one broken or hostile workbook each."""
import io
import os
import struct
import sys
import zipfile

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "</Types>"
)
TOP_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
    f'<Relationship Id="rId1" Type="{RNS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_xml(rows, shared=None, inline=False):
    """A worksheet from rows (lists of str/int/float/bool/None); strings are
    shared (appended to the list shared) unless inline."""
    out = [f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, v in enumerate(row):
            ref = f"{col_name(c)}{r}"
            if v is None:
                continue
            if isinstance(v, bool):
                out.append(f'<c r="{ref}" t="b"><v>{int(v)}</v></c>')
            elif isinstance(v, (int, float)):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif inline or shared is None:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{esc(v)}</t></is></c>')
            else:
                shared.append(v)
                out.append(f'<c r="{ref}" t="s"><v>{len(shared) - 1}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def sst_xml(strings):
    body = "".join(f"<si><t>{esc(s)}</t></si>" for s in strings)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="{len(strings)}" '
            f'uniqueCount="{len(strings)}">{body}</sst>')


def package(sheets, sst=None, extra=None):
    """Zip bytes of a workbook: sheets is [(name, worksheet xml)]; sst the
    shared strings xml or None; extra {part: bytes} added or replacing."""
    wb = [f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{RNS}"><sheets>']
    rels = [f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">']
    parts = {}
    for i, (name, xml) in enumerate(sheets, start=1):
        wb.append(f'<sheet name="{esc(name)}" sheetId="{i}" r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{RNS}/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>')
        parts[f"xl/worksheets/sheet{i}.xml"] = xml.encode() if isinstance(xml, str) else xml
    if sst is not None:
        rels.append(f'<Relationship Id="rId{len(sheets) + 1}" Type="{RNS}/sharedStrings" '
                    'Target="sharedStrings.xml"/>')
        parts["xl/sharedStrings.xml"] = sst.encode()
    wb.append("</sheets></workbook>")
    rels.append("</Relationships>")
    parts["[Content_Types].xml"] = CONTENT_TYPES.encode()
    parts["_rels/.rels"] = TOP_RELS.encode()
    parts["xl/workbook.xml"] = "".join(wb).encode()
    parts["xl/_rels/workbook.xml.rels"] = "".join(rels).encode()
    parts.update(extra or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def book(sheets, inline=False):
    """A valid workbook from [(sheet name, rows)]."""
    shared = [] if not inline else None
    xml = [(name, sheet_xml(rows, shared, inline)) for name, rows in sheets]
    return package(xml, sst_xml(shared) if shared else None)


SESSIONS = [["staff_id", "date", "type", "status"], ["S1", 45778, "one_to_one", "held"]]


def not_a_zip():
    return b"staff_id,date,type,status\nS1,2025-05-01,one_to_one,held\n"


def truncated():
    b = book([("sessions", SESSIONS)])
    return b[: len(b) // 2]


def encrypted_office():
    """What Office writes for a password-protected workbook: a compound file
    holding an EncryptedPackage stream."""
    head = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504)
    name = "EncryptedPackage".encode("utf-16-le")
    return head + name + bytes(4096 - len(head) - len(name))


def encrypted_zip():
    """A zip whose entries are marked encrypted (general purpose bit 0)."""
    b = bytearray(book([("sessions", SESSIONS)]))
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = b.find(sig)
        while i >= 0:
            flags = struct.unpack_from("<H", b, i + off)[0]
            struct.pack_into("<H", b, i + off, flags | 1)
            i = b.find(sig, i + 4)
    return bytes(b)


def zip_bomb(megabytes=300):
    """A sheet that inflates to megabytes of blanks from a few hundred KB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", TOP_RELS)
        z.writestr("xl/workbook.xml",
                   f'<workbook xmlns="{NS}" xmlns:r="{RNS}"><sheets>'
                   '<sheet name="sessions" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                   f'Type="{RNS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<worksheet xmlns="{NS}"><sheetData>'.encode())
            blank = b" " * (1 << 20)
            for _ in range(megabytes):
                f.write(blank)
            f.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def billion_laughs():
    ents = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        ents.append(f'<!ENTITY lol{i} "{("&" + prev + ";") * 10}">')
    xml = ('<?xml version="1.0"?><!DOCTYPE worksheet [' + "".join(ents) + "]>"
           f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
           "<t>&lol9;</t></is></c></row></sheetData></worksheet>")
    return package([("sessions", xml)])


def beyond_grid():
    xml = sheet_xml(SESSIONS, inline=True).replace(
        "</sheetData>",
        '<row r="1048577"><c r="XFD1048577"><v>1</v></c></row></sheetData>')
    return package([("sessions", xml)])


def many_strings(n=100000):
    strings = [f"text {i}" for i in range(n)]
    xml = sheet_xml(SESSIONS, inline=True)
    return package([("sessions", xml)], sst_xml(strings))


def deep_xml(depth=200):
    xml = (f'<worksheet xmlns="{NS}"><sheetData>' + "<x>" * depth + "</x>" * depth
           + "</sheetData></worksheet>")
    return package([("sessions", xml)])


def bad_shared_index():
    xml = sheet_xml(SESSIONS, inline=True).replace(
        "</sheetData>", '<row r="3"><c r="A3" t="s"><v>7</v></c></row></sheetData>')
    return package([("sessions", xml)], sst_xml(["only"]))


def corpus(out):
    """The seed corpus of the workbook reader's fuzzer: small valid workbooks
    (shared and inline strings, booleans, numbers, a formula's cached value, a
    rich-text run, gaps) and each hostile kind, kept small."""
    os.makedirs(out, exist_ok=True)
    staff = [["staff_id", "team", "start_date", "frequent_contact"],
             ["S1", "Team A", 43831, True], ["S2", "Team B", "01/02/2020", False]]
    rich = sheet_xml(SESSIONS, inline=True).replace(
        "</sheetData>",
        '<row r="4"><c r="A4" t="inlineStr"><is><r><t>S</t></r><r><t>2</t></r>'
        '<rPh><t>x</t></rPh></is></c><c r="B4"><f>A1+1</f><v>45779</v></c>'
        '<c r="C4" t="str"><f>"one"&amp;"_to_one"</f><v>one_to_one</v></c>'
        '<c r="D4" t="e"><v>#N/A</v></c><c r="G4" t="d"><v>2025-05-02T00:00:00</v></c>'
        "</row></sheetData>")
    seeds = {
        "01_shared.xlsx": book([("staff", staff), ("sessions", SESSIONS)]),
        "02_inline.xlsx": book([("Sessions", SESSIONS)], inline=True),
        "03_rich_formula.xlsx": package([("sessions", rich)]),
        "04_not_a_zip.xlsx": not_a_zip(),
        "05_truncated.xlsx": truncated(),
        "06_encrypted_office.xlsx": encrypted_office()[:1024],
        "07_encrypted_zip.xlsx": encrypted_zip(),
        "08_bomb_small.xlsx": zip_bomb(2),
        "09_laughs.xlsx": billion_laughs(),
        "10_beyond_grid.xlsx": beyond_grid(),
        "11_many_strings.xlsx": many_strings(300),
        "12_deep.xlsx": deep_xml(40),
        "13_bad_index.xlsx": bad_shared_index(),
    }
    # Sheet XML alone (first byte odd): the harness packs it into a workbook.
    seeds["20_sheet.xml"] = b"\x01" + sheet_xml(SESSIONS + [[None, 45779, "ad_hoc", True]]).encode()
    seeds["21_rich.xml"] = b"\x01" + rich.encode()
    seeds["22_shared.xml"] = (b"\x01" + f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" '
                              't="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2">'
                              '<c r="A2" t="s"><v>2</v></c><c r="B2"><v>45778.5</v></c></row>'
                              '</sheetData></worksheet>'.encode())
    for name, data in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "corpus":
        corpus(sys.argv[2])
    else:
        sys.exit("usage: bad_xlsx.py corpus DIR")
