"""Opens a workbook in LibreOffice headless, applies edits, recalculates every formula and prints them as JSON.

usage: /usr/bin/python3 recalc.py WORKBOOK PROFILE_DIR [SHEET!CELL=VALUE ...]
Prints {"before": [...], "after": [...]}: every formula cell of every sheet ({"sheet", "cell", "formula", "value",
"text", "error"}) recalculated as opened, then recalculated again after the edits (a number is set as a number).
"""
import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    path, profile, edits = sys.argv[1], sys.argv[2], sys.argv[3:]
    pipe = "pilote_" + uuid.uuid4().hex
    office = subprocess.Popen(
        ["soffice", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile), "--headless", "--invisible",
         "--norestore", "--nologo", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                if office.poll() is not None:
                    raise SystemExit("soffice exited with %s" % office.returncode)
                time.sleep(0.25)
        if ctx is None:
            raise SystemExit("soffice did not answer")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                                           (prop("Hidden", True),))
        doc.calculateAll()
        before = formulas(doc)
        for edit in edits:
            target, value = edit.split("=", 1)
            sheet_name, cell_name = target.rsplit("!", 1)
            cell = doc.Sheets.getByName(sheet_name).getCellRangeByName(cell_name)
            try:
                cell.setValue(float(value))
            except ValueError:
                cell.setString(value)
        doc.calculateAll()
        after = formulas(doc)
        doc.close(True)
        print(json.dumps({"before": before, "after": after}, ensure_ascii=False))
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=20)
        except Exception:
            office.kill()


def formulas(doc):
    out = []
    for sheet in doc.Sheets:
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        end = cursor.RangeAddress
        for row in range(end.EndRow + 1):
            for col in range(end.EndColumn + 1):
                cell = sheet.getCellByPosition(col, row)
                formula = cell.getFormula()
                if not formula.startswith("="):
                    continue
                out.append({
                    "sheet": sheet.Name,
                    "cell": cell.AbsoluteName.split(".")[-1].replace("$", ""),
                    "formula": formula,
                    "value": cell.getValue(),
                    "text": cell.getString(),
                    "error": cell.getError(),
                })
    return out


if __name__ == "__main__":
    main()
