"""The ``ocrclean`` command: a thin layer over the Python API."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich import box
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .batch import FileReport, check_out_dir, collect_inputs, fingerprint, shared_stems
from .cli_review import check, dict_app, diff, review  # the review commands, added below
from .config import Config
from .console import err, fail, load_config, out
from .errors import OcrcleanError
from .parallel import CONNECT_TIMEOUT, Job, check_engine, cleaner_for, iter_reports
from .stages import STAGES
from .verify import Verdict, verify

app = typer.Typer(
    help="Clean OCR text through staged filters and domain dictionaries.\n\n"
         "The daily loop:\n\n"
         "\b\n"
         "  ocrclean run                          clean raw/ into clean/\n"
         "  open clean/thesis.report.html         review every change, by stage\n"
         "  ocrclean diff raw/thesis.txt --doubtful   the doubtful ones in the terminal\n"
         "  ocrclean dict suggest raw/thesis.txt  words no dictionary knows\n"
         "  ocrclean dict add Litvinov --list names   teach a word, then run again\n"
         "  ocrclean verify raw/thesis.txt        prove the raw text can be rebuilt",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None)
@app.command()
def run(
    files: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders to clean (default: raw/).")] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the outputs.")] = Path("clean"),
    disable: Annotated[list[str], typer.Option("--disable", help="Skip a stage (repeatable), e.g. --disable punctuation.")] = [],
    only: Annotated[Optional[str], typer.Option(help="Run just these stages, comma-separated, in this order.")] = None,
    settings: Annotated[list[str], typer.Option("--set", help="Stage setting, e.g. --set layout.noise_threshold=0.7.")] = [],
    dictionaries: Annotated[Optional[Path], typer.Option(help="Dictionary folder (default: dictionaries/).")] = None,
    config: Annotated[Optional[Path], typer.Option(help="An ocrclean.toml (default: ./ocrclean.toml or pyproject.toml).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Clean even files whose outputs are up to date.")] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks.")] = False,
    mode: Annotated[str, typer.Option(help="pages: books and typescripts; lines: every line one record; "
                                           "jsonl: JSON Lines, cleaning --field of each object.")] = "pages",
    field: Annotated[str, typer.Option(help="The JSON field to clean in --mode jsonl.")] = "text",
    workers: Annotated[Optional[int], typer.Option(min=1, help="Files cleaned in parallel (default: the number of cores).")] = None,
    engine: Annotated[str, typer.Option(help="local (processes on this machine) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address for --engine dask, e.g. tcp://host:8786.")] = None,
    connect_timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to reach the Dask scheduler.")] = CONNECT_TIMEOUT,
) -> None:
    """Clean FILES into OUT: <stem>.txt (clean text) and <stem>.changes.jsonl (every edit).

    Example: ocrclean run raw/thesis.txt --out clean --set layout.noise_threshold=0.7
    """
    try:
        skipped: list[str] = []
        inputs = collect_inputs(files or [Path("raw")], skipped)
        for line in skipped:
            err.print(f"warning: {line}", markup=False, highlight=False)
        cfg = load_config(config, disable, only, settings, dictionaries, inputs[:1])
        missing = [p for p in inputs if not p.exists()]
        if missing:
            fail(f"{missing[0]}: no such file or folder")
        if not inputs:
            fail(f"nothing to clean in {', '.join(map(str, files or ['raw']))}")
        check_out_dir(out_dir, inputs)
        job = Job(cfg, out_dir, mode, field, force, fingerprint(cfg, mode, field))
        check_engine(engine, scheduler)
        cleaner = cleaner_for(job)  # built before any work, so a bad configuration fails at once
        cleaner.resources.lexicon  # and the dictionaries read now: their errors too
    except OcrcleanError as exc:
        if debug:
            raise
        fail(str(exc))
    clashes = shared_stems(inputs)
    reports = [FileReport(path, error=f"{path}: same output name as {clashes[path]}; rename one of them")
               for path in clashes]
    for report in reports:
        err.print(f"error: {report.error}", markup=False, highlight=False)
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, disable=quiet or len(inputs) < 2, transient=True) as progress:
            task = progress.add_task("cleaning", total=len(inputs), completed=len(reports))
            for report in iter_reports([p for p in inputs if p not in clashes], job, workers, engine, scheduler,
                                       connect_timeout):
                tell(report, quiet, debug)
                reports.append(report)
                progress.advance(task)
    except OcrcleanError as exc:  # the engine could not start (a Dask scheduler out of reach)
        if debug:
            raise
        fail(str(exc))
    except KeyboardInterrupt:
        err.print(f"interrupted after {len(reports)} of {len(inputs)} files; every output is whole (old or new)")
        raise typer.Exit(130)
    order = {path: i for i, path in enumerate(inputs)}
    reports.sort(key=lambda r: order[r.source])  # workers finish in any order
    if not quiet:
        names = [s.name for s in cleaner.stages]
        out.print(stage_table(reports, names))
        out.print(summary_table(reports, names))
    if any(r.error for r in reports):
        raise typer.Exit(1)


def tell(report, quiet: bool, debug: bool) -> None:
    """One line per note or error as each file finishes; the traceback of a bug with --debug."""
    if report.note and not quiet:
        err.print(f"note: {report.note}", markup=False, highlight=False)
    if report.error:
        err.print(f"error: {report.error}", markup=False, highlight=False)
        if debug and report.traceback:
            err.print(report.traceback, markup=False, highlight=False)


def summary_table(reports, stage_names) -> Table:
    """One row per file: size, edits, what is left doubtful, footnotes, time.

    Narrow enough for 80 columns with a usual file name; a longer name wraps, never is cut short.
    """
    rows = []
    for r in reports:
        if r.result is None:
            rows.append([r.source.name, *["-"] * 7, "up to date" if r.skipped else "failed"])
            continue
        doc = r.result.document
        notes = doc.note_counts.total if doc.note_counts else {}
        rows.append([r.source.name, str(len(doc.pages)), str(doc.words), str(len(doc.edits)),
                     str(len(doc.reading.doubtful) if doc.reading else 0), str(notes.get("notes", "-")),
                     str(notes.get("linked", 0) + notes.get("inferred", 0)) if notes else "-",
                     str(notes.get("unlinked", "-")), f"{r.seconds:.2f}"])
    table = Table(title="ocrclean summary", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, show_edge=False)
    for i, column in enumerate(["file", "pages", "words", "edits", "doubtful", "notes", "linked", "unlinked", "seconds"]):
        if column == "file":
            table.add_column(column, overflow="fold")
        else:
            table.add_column(column, justify="right", no_wrap=True,
                             min_width=max([len(column), *(len(row[i]) for row in rows)]))
    for row in rows:
        table.add_row(*row)
    return table


def stage_table(reports, stage_names) -> Table:
    """Edits per stage over the whole batch, with the time each stage took."""
    edits, seconds = Counter(), Counter()
    for r in reports:
        if r.result is not None:
            edits.update(e.stage for e in r.result.edits)
            seconds.update(r.result.seconds)
    table = Table(title="edits per stage")
    for column in ("stage", "edits", "seconds"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for name in stage_names:
        table.add_row(name, str(edits[name]), f"{seconds[name]:.2f}")
    return table


@app.command()
def stages() -> None:
    """List the stages in their configured order: what each does, needs and gives (its contract), its settings.

    Example: ocrclean stages   (then: ocrclean run --disable words, or --set words.min_confidence=0.9)
    """
    try:
        cfg = Config.find(Path.cwd())
    except OcrcleanError as exc:
        fail(str(exc))
    table = Table(title="stages (in configured order; * = switched off)")
    for column in ("stage", "what it does", "needs", "gives", "settings"):
        table.add_column(column)
    for name in [*cfg.stages, *(n for n in STAGES if n not in cfg.stages)]:
        cls, settings = STAGES[name], {**STAGES[name].defaults, **cfg.settings.get(name, {})}
        mark = "" if name in cfg.stages else " *"
        gives = [*sorted(cls.provides), *(f"ends {fact}" for fact in sorted(cls.ends))]
        table.add_row(name + mark, cls.summary(), ", ".join(sorted(cls.requires)), ", ".join(gives),
                      ", ".join(f"{k}={v}" for k, v in settings.items()))
    out.print(table)


@app.command("verify")
def verify_command(
    files: Annotated[Optional[list[Path]], typer.Argument(help="Raw files or folders (default: raw/).")] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder holding <stem>.txt and <stem>.changes.jsonl.")] = Path("clean"),
    debug: Annotated[bool, typer.Option(help="Show tracebacks.")] = False,
) -> None:
    """Rebuild each RAW file from OUT/<stem>.txt and OUT/<stem>.changes.jsonl; say whether it matches byte for byte.

    Example: ocrclean verify raw/thesis.txt --out clean
    """
    inputs = collect_inputs(files or [Path("raw")])
    if not inputs:
        fail(f"nothing to verify in {', '.join(map(str, files or ['raw']))}")
    failed = 0
    for path in inputs:
        try:
            verdict = verify(path, out_dir)
        except OcrcleanError as exc:
            if debug:
                raise
            verdict = Verdict(False, str(exc), "error")
        failed += not verdict.ok
        (out if verdict.ok else err).print(f"{verdict.label}: {verdict.message}", markup=False, highlight=False)
    if failed:
        raise typer.Exit(1)


EXPORTS = {"markdown": ".md", "html": ".html", "epub": ".epub"}


@app.command()
def export(
    file: Annotated[Path, typer.Argument(help="A cleaned text (ocrclean's output), or a raw file: its cleaned text is used.")],
    to: Annotated[str, typer.Option("--to", help="markdown, or html / epub through pandoc.")] = "markdown",
    out_file: Annotated[Optional[Path], typer.Option("--out", "-o", help="Where to write (default: beside the cleaned text).")] = None,
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Folder of the cleaned text of a raw FILE.")] = Path("clean"),
) -> None:
    """Write a cleaned text as Markdown whose footnotes pandoc renders (labels made unique: [^c2-14]), or HTML / EPUB.

    The Markdown is the <stem>.md that `ocrclean run` wrote beside the cleaned text, from the same document.
    Nothing is ever written into the project's raw/ folder.

    Example: ocrclean export clean/thesis.txt --to markdown && pandoc clean/thesis.md -o thesis.html
    """
    import os
    import shutil
    import subprocess
    import tempfile

    from .batch import current_output
    from .io import write_atomic

    if to not in EXPORTS:
        fail(f"--to {to}: one of {', '.join(EXPORTS)}")
    if not file.is_file():
        fail(f"{file}: no such file")
    found = Config.find(Path.cwd(), file.parent)
    raw_dir = (Path(found.source).parent if found.source != "defaults" else Path.cwd()).resolve() / "raw"
    source = file
    if file.resolve().is_relative_to(raw_dir):  # a raw file: export what cleaning made of it
        source = out_dir / f"{file.stem}.txt"
        if not source.is_file():
            fail(f"{file} is a raw file and {source} does not exist; run `ocrclean run {file}` first")
    target = out_file or source.with_suffix(EXPORTS[to])  # beside the cleaned text
    if target.resolve().is_relative_to(raw_dir):
        fail(f"--out {target}: raw/ is only ever read; write elsewhere (default: {out_dir}/)")
    written = current_output(source, "markdown")
    if written is None:
        fail(f"{source}: no Markdown from the run that wrote it (a file cleaned in pieces, or changed since); "
             f"run `ocrclean run` on its raw file first")
    markdown = written.read_text(encoding="utf-8")
    if to == "markdown":
        write_atomic(target, markdown)
    else:
        pandoc = shutil.which("pandoc")
        if pandoc is None:
            fail(f"--to {to} needs pandoc, which is not installed (apt-get install pandoc); --to markdown does not")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=EXPORTS[to], dir=target.parent)
        os.close(fd)
        done = subprocess.run([pandoc, "-f", "markdown", "-t", "html5" if to == "html" else "epub", "--standalone",
                               "--metadata", f"title={file.stem}", "-o", tmp], input=markdown, text=True,
                              capture_output=True)
        if done.returncode != 0:
            Path(tmp).unlink(missing_ok=True)
            fail(f"pandoc: {(done.stderr.strip().splitlines() or ['failed'])[-1]}", 1)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes files private; an export is an ordinary file
        os.replace(tmp, target)
    err.print(f"wrote {target}", markup=False, highlight=False)


def main() -> None:  # pragma: no cover
    sys.exit(app())


app.command()(diff)
app.command()(review)
app.command()(check)
app.add_typer(dict_app, name="dict")
