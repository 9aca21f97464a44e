"""Hostile import files: time and peak memory of ``flask import`` on each (issue 14, finding 8).

    python -m bench.hostile_imports [--json-mb 200] [--expand-mb 3000] [--timeout 600]
                                    [--cap-gb 0] [--only bomb,expand,json,tiny] [--keep DIR]

Builds, in a temporary folder (or ``--keep DIR``):

* ``dimension-bomb.xlsx``: a valid workbook of a few KB whose only cells are the header and
  one at XFD1048576 (the last cell a sheet can have), so its declared size is 16,384
  columns x 1,048,576 rows;
* ``expanding.xlsx``: a workbook whose sheet XML is ``--expand-mb`` MB of cells that deflate
  about 1000:1 (the 3 GB default makes a file of a few MB);
* ``large.json``: HSDS 3.0 JSON of about ``--json-mb`` MB, valid services exported from the
  demo map and copied with fresh ids until the size is reached;
* ``tiny.json``: one demo service, for the figure of the application itself.

Each file is then imported the way an administrator does (``flask import hsds|spreadsheet``)
in a subprocess of its own, with a fresh SQLite database and a Whoosh index, and the bench
prints the wall time (with the application's start; "import itself": the command alone),
the peak resident memory of that process (``VmHWM``, read while it
runs and from ``getrusage`` at its end) and how it ended.  ``--timeout`` stops a run that takes
longer ("still running after N s"), ``--cap-gb`` limits its address space (``RLIMIT_AS``) so
the code before the fix cannot eat the machine ("MemoryError at the cap").
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

from importers.spreadsheet import COLUMNS

# --- building the files --------------------------------------------------------------


def build_dimension_bomb(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Voorzieningen"
    sheet.append(list(COLUMNS.values()))
    sheet["XFD1048576"] = "x"
    book.save(path)
    return path


_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Voorzieningen" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}


def build_expanding(path: Path, megabytes: int) -> Path:
    """A workbook whose sheet XML is ``megabytes`` MB: the template's header, then rows of
    the same long text in every column (deflate makes that about a thousandth)."""
    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(i) for i in range(1, len(COLUMNS) + 1)]
    filler = "a" * 2000
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        for name, text in _XLSX_PARTS.items():
            book.writestr(name, text)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                        b'main"><sheetData>')
            header = "".join(cell(f"{c}1", h) for c, h in zip(letters, COLUMNS.values(), strict=True))
            sheet.write(f'<row r="1">{header}</row>'.encode())
            written, row = 0, 2
            while written < megabytes * 1_000_000:
                body = "".join(cell(f"{c}{row}", filler) for c in letters)
                chunk = f'<row r="{row}">{body}</row>'.encode()
                sheet.write(chunk)
                written += len(chunk)
                row += 1
            sheet.write(b"</sheetData></worksheet>")
    return path


def _demo_services(workdir: Path) -> list[dict]:
    from app import create_app
    from app.extensions import db
    from app.hsds.export import export_json
    from importers.demo import load_demo

    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'demo.db'}",
        "SEARCH_BACKEND": "memory", "SEARCH_INDEX_DIR": str(workdir / "demo-index"),
        "INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "bench-secret-0123456789abcdef0123456789",
    })
    with app.app_context():
        db.create_all()
        load_demo(db.session)
        db.session.commit()
        export_json(db.session, workdir / "demo.json")
        db.session.remove()
        db.engine.dispose()
    return json.loads((workdir / "demo.json").read_text(encoding="utf-8"))


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def build_large_json(path: Path, megabytes: float, services: list[dict]) -> int:
    """Copies of the demo services with fresh ids (each copy consistent in itself) until
    the file has ``megabytes`` MB; returns how many services it holds."""
    template = ",\n".join(json.dumps(s, ensure_ascii=False) for s in services)
    target = megabytes * 1_000_000
    written = count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("[\n")
        while written < target:
            fresh: dict[str, str] = {}
            copy = _UUID.sub(lambda m, fresh=fresh: fresh.setdefault(m.group(), str(uuid.uuid4())),
                             template)
            out.write((",\n" if count else "") + copy)
            written += len(copy.encode())
            count += len(services)
        out.write("\n]\n")
    return count


# --- running one import in a process of its own ----------------------------------------


def _child(kind: str, path: Path, workdir: Path) -> None:
    """The import, as ``flask import`` runs it; prints its exit code and peak memory."""
    from app import create_app
    from app.extensions import db
    from importers.reference import load_reference

    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'target.db'}",
        "SEARCH_BACKEND": "whoosh", "SEARCH_INDEX_DIR": str(workdir / "target-index"),
        "INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "bench-secret-0123456789abcdef0123456789",
    })
    with app.app_context():
        db.create_all()
        load_reference(db.session)
        db.session.commit()
    started = time.perf_counter()
    result = app.test_cli_runner().invoke(args=["import", kind, str(path)])
    import_s = time.perf_counter() - started
    tail = (result.output or "").strip().splitlines()
    print(json.dumps({
        "exit": result.exit_code,
        "error": (repr(result.exception)[:300] if result.exception is not None
                  and not isinstance(result.exception, SystemExit) else None),
        "output": tail[:3] + (["…"] if len(tail) > 3 else []),
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "import_s": import_s,
        "cpu_s": (lambda u: u.ru_utime + u.ru_stime)(resource.getrusage(resource.RUSAGE_SELF)),
    }))


def _hwm_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else 0.0


def measure(kind: str, path: Path, workdir: Path, timeout: float, cap_gb: float) -> dict:
    run_dir = Path(tempfile.mkdtemp(prefix=f"{path.stem}-", dir=workdir))

    def limit():
        if cap_gb:
            cap = int(cap_gb * 1024 ** 3)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    started = time.perf_counter()
    child = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bench.hostile_imports", "--child", kind, str(path), str(run_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=limit)  # noqa: PLW1509
    peak = 0.0
    status = None
    while child.poll() is None:
        peak = max(peak, _hwm_mb(child.pid))
        if time.perf_counter() - started > timeout:
            peak = max(peak, _hwm_mb(child.pid))
            child.kill()
            status = f"still running after {timeout:.0f} s (stopped)"
            break
        time.sleep(0.1)
    out, err = child.communicate()
    seconds = time.perf_counter() - started
    report = {}
    for line in out.splitlines()[::-1]:
        if line.startswith("{"):
            report = json.loads(line)
            break
    peak = max(peak, report.get("maxrss_mb", 0.0))
    if status is None:
        if "MemoryError" in err or "MemoryError" in str(report.get("error")):
            status = f"MemoryError at the {cap_gb:g} GB cap"
        elif not report:
            status = f"died (code {child.returncode}): {err.strip().splitlines()[-1:] or ''}"
        elif report.get("error"):
            status = f"crashed: {report['error'][:120]}"
        else:
            status = {0: "imported", 1: "refused with a problem report"}.get(
                report["exit"], f"exit {report['exit']}")
    return {"seconds": seconds, "peak_mb": peak, "status": status,
            "import_s": report.get("import_s"), "cpu_s": report.get("cpu_s"),
            "output": report.get("output", [])}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json-mb", type=float, default=200)
    parser.add_argument("--expand-mb", type=int, default=3000)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--cap-gb", type=float, default=0, help="RLIMIT_AS per import; 0: none")
    parser.add_argument("--only", default="tiny,bomb,expand,json")
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--child", nargs=3, metavar=("KIND", "PATH", "WORKDIR"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        _main(args, args.keep)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            _main(args, Path(tmp))


def _main(args, workdir: Path) -> None:
    wanted = args.only.split(",")
    services = _demo_services(workdir) if {"tiny", "json"} & set(wanted) else []
    files: list[tuple[str, str, Path, str]] = []
    if "tiny" in wanted:
        tiny = workdir / "tiny.json"
        tiny.write_text(json.dumps(services[:1], ensure_ascii=False), encoding="utf-8")
        files.append(("tiny", "hsds", tiny, "1 service"))
    if "bomb" in wanted:
        bomb = build_dimension_bomb(workdir / "dimension-bomb.xlsx")
        files.append(("bomb", "spreadsheet", bomb, "one cell at XFD1048576"))
    if "expand" in wanted:
        started = time.perf_counter()
        expand = workdir / "expanding.xlsx"
        if not expand.exists():
            build_expanding(expand, args.expand_mb)
        print(f"(built expanding.xlsx in {time.perf_counter() - started:.0f} s)", file=sys.stderr)
        files.append(("expand", "spreadsheet", expand, f"sheet XML {args.expand_mb} MB"))
    if "json" in wanted:
        large = workdir / "large.json"
        count = build_large_json(large, args.json_mb, services)
        files.append(("json", "hsds", large, f"{count} services"))
    cap = f", address space capped at {args.cap_gb:g} GB" if args.cap_gb else ""
    print(f"hostile imports (timeout {args.timeout:.0f} s{cap}); python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{'file':<22} {'size':>10}  {'what':<24} {'time':>8} {'peak RSS':>10}  result")
    for _label, kind, path, what in files:
        result = measure(kind, path, workdir, args.timeout, args.cap_gb)
        size = path.stat().st_size
        shown = f"{size / 1e6:.1f} MB" if size > 1e6 else f"{size / 1e3:.1f} KB"
        inner = (f" (import itself {result['import_s']:.1f} s; the process used "
                 f"{result['cpu_s']:.1f} CPU s)" if result["import_s"] is not None else "")
        print(f"{path.name:<22} {shown:>10}  {what:<24} {result['seconds']:>6.1f} s "
              f"{result['peak_mb']:>7.0f} MB  {result['status']}{inner}")
        for line in result["output"]:
            print(f"{'':<24}{line[:150]}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
