#!/usr/bin/python3
"""The Python peers of Pilote's workbook export, writing the same cells.

usage: excel_peers.py xlsxwriter|openpyxl CELLS.tsv OUT.xlsx

CELLS.tsv is the dump the benchmark writes (benchmarks/Pilote.Benchmarks/Excel/BareWriter.cs): "#<TAB>name" starts a
sheet, then one line per row: the row number and each cell as s(text), n(number), d(date serial), f(formula \\x1f cached)
or nothing. The cells are loaded into memory first; the clock covers the writing only (XlsxWriter in constant_memory
mode, openpyxl in write_only mode), as the .NET contenders hold their plan in memory before writing. Prints one line:
RESULT {"Seconds": …, "CpuSeconds": …, "BeforeMb": …, "PeakMb": …, "Rows": …, "Note": …}, PeakMb being the process's peak RSS.
"""
import json
import resource
import sys
import time


def unescape(text):
    if "\\" not in text:
        return text
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(n, n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def load(path):
    sheets = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#\t"):
                rows = []
                sheets.append((line[2:], rows))
                continue
            fields = line.split("\t")
            cells = []
            for field in fields[1:]:
                if not field:
                    cells.append(None)
                    continue
                kind, value = field[0], field[1:]
                if kind == "s":
                    cells.append(("s", unescape(value)))
                elif kind == "n":
                    cells.append(("n", float(value)))
                elif kind == "d":
                    cells.append(("d", float(value)))
                else:
                    formula, cached = value.split("\x1f")
                    cells.append(("f", "=" + formula, float(cached)))
            rows.append((int(fields[0]), cells))
    return sheets


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0 * 1.048576


def with_xlsxwriter(sheets, out):
    import xlsxwriter
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets:
        ws = book.add_worksheet(name[:31])
        for r, cells in rows:
            for c, cell in enumerate(cells):
                if cell is None:
                    continue
                kind = cell[0]
                if kind == "s":
                    ws.write_string(r - 1, c, cell[1])
                elif kind == "n":
                    ws.write_number(r - 1, c, cell[1])
                elif kind == "d":
                    ws.write_number(r - 1, c, cell[1], date)
                else:
                    ws.write_formula(r - 1, c, cell[1], None, cell[2])
    book.close()


def with_openpyxl(sheets, out):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    book = Workbook(write_only=True)
    for name, rows in sheets:
        ws = book.create_sheet(name[:31])
        last = 0
        for r, cells in rows:
            while last < r - 1:
                ws.append([])
                last += 1
            values = []
            for cell in cells:
                if cell is None:
                    values.append(None)
                elif cell[0] == "d":
                    wc = WriteOnlyCell(ws, value=cell[1])
                    wc.number_format = "dd/mm/yyyy"
                    values.append(wc)
                else:
                    values.append(cell[1])
            ws.append(values)
            last = r
    book.save(out)


def main():
    which, cells_path, out = sys.argv[1:4]
    sheets = load(cells_path)
    rows = sum(len(r) for _, r in sheets)
    before = rss_mb()
    start = time.perf_counter()
    cpu = time.process_time()
    (with_xlsxwriter if which == "xlsxwriter" else with_openpyxl)(sheets, out)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    import os
    print("RESULT " + json.dumps({
        "Seconds": seconds, "CpuSeconds": cpu, "BeforeMb": before, "PeakMb": rss_mb(), "Rows": rows,
        "Note": "%.1f MB file; peak RSS includes the cells loaded before the clock (%.0f MB)" % (os.path.getsize(out) / 1e6, before),
    }))


if __name__ == "__main__":
    main()
