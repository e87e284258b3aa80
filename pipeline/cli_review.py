"""``ocrclean diff`` and ``ocrclean dict ...``: reviewing changes and teaching the dictionaries."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from .console import err, fail, load_config, out
from .config import Config
from .core import Cleaner
from .dictionaries import ALL_LISTS, Dictionaries
from .errors import OcrcleanError
from .io import read_text
from .lexicon import TERM_LISTS
from .report.unknown import unknown_words

dict_app = typer.Typer(
    help="Read and edit the dictionary folder (default: dictionaries/).\n\n"
         "Example: ocrclean dict add Litvinov Krestinsky --list names",
    no_args_is_help=True, rich_markup_mode=None)

DictionariesOption = Annotated[Optional[Path], typer.Option(
    "--dictionaries", help="Dictionary folder (default: dictionaries/ or the configured one).")]
ConfigOption = Annotated[Optional[Path], typer.Option(help="An ocrclean.toml (default: ./ocrclean.toml or pyproject.toml).")]


def _clean(file: Path, dictionaries: Path | None, config: Path | None):
    if not file.is_file():
        fail(f"{file}: no such file")
    try:
        cleaner = Cleaner(load_config(config, [], None, [], dictionaries, [file]))
        raw = read_text(file)
        return cleaner, cleaner.clean(raw, file.stem), raw
    except OcrcleanError as exc:
        fail(str(exc))


def _folder(dictionaries: Path | None) -> Dictionaries:
    try:
        return Dictionaries(dictionaries or Config.find(Path.cwd()).dictionaries)
    except OcrcleanError as exc:
        fail(str(exc))


def outputs_of(file: Path, out_dir: Path, dictionaries: Path | None, config: Path | None) -> dict[str, Path]:
    """FILE's outputs in OUT_DIR, cleaned now only if they are missing or not up to date (as `run` would)."""
    from .batch import check_out_dir, clean_file_to, fingerprint, output_paths
    from .parallel import Job, cleaner_for

    if not file.is_file():
        fail(f"{file}: no such file")
    try:
        cfg = load_config(config, [], None, [], dictionaries, [file])
        check_out_dir(out_dir, [file])
        job = Job(cfg, out_dir, force=False, stamp=fingerprint(cfg, "pages", "text"))
        report = clean_file_to(cleaner_for(job), file, out_dir, force=False, stamp=job.stamp)
    except OcrcleanError as exc:
        fail(str(exc))
    if report.error:
        fail(report.error, 1)
    paths = output_paths(file, out_dir)
    if not paths["report"].is_file():
        fail(f"{file}: no review files ({report.note or 'not written'})", 1)
    return {**paths, "dictionaries": cfg.dictionaries}


OutOption = Annotated[Path, typer.Option("--out", "-o", help="Folder of the outputs (cleaned into first if not up to date).")]


def diff(
    file: Annotated[Path, typer.Argument(help="A raw text file; its outputs are read (cleaned first if not up to date).")],
    stage: Annotated[Optional[str], typer.Option(help="Only changes this stage made, e.g. words.")] = None,
    page: Annotated[Optional[int], typer.Option(help="Only this raw page (the numbering of the report).")] = None,
    doubtful: Annotated[bool, typer.Option("--doubtful", help="Only doubtful changes (confidence < 0.8).")] = False,
    out_dir: OutOption = Path("clean"),
    dictionaries: DictionariesOption = None,
    config: ConfigOption = None,
) -> None:
    """Show what cleaning FILE changes, word by word and page by page, coloured by stage.

    Example: ocrclean diff raw/thesis.txt --stage words --page 12
    """
    from .stages import STAGES
    from .report import DOUBTFUL_BELOW
    from .report.worddiff import read_word_diff

    known = [*STAGES, "unexplained"]
    if stage is not None and stage not in known:
        fail(f"--stage {stage}: unknown stage (stages: {', '.join(known)})")
    path = outputs_of(file, out_dir, dictionaries, config)["diff"]
    try:
        pages, changes = read_word_diff(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot read ({exc})", 1)
    if page is not None and not 1 <= page <= pages:
        fail(f"--page {page}: {file} has pages 1 to {pages}")
    shown, title = 0, None
    with out.pager(styles=True) if sys.stdout.isatty() else _nothing():
        for change in changes:
            if (page is not None and change["page"] != page) or (stage is not None and stage not in change["stages"]) or (
                    doubtful and change["confidence"] >= DOUBTFUL_BELOW):
                continue
            if change["page"] != title:
                title = change["page"]
                out.rule(f"page {title}" + (f" (printed {change['printed']})" if change["printed"] else ""))
            line = Text(f"{change['line']:>6} {'+'.join(change['stages']):<12} ", style="dim")
            line.append(change["before"], style="red strike")
            line.append(" → " if change["before"] and change["after"] else "")
            line.append(change["after"], style="green")
            line.append(f"  {change['confidence']:.2f}", style="dim")
            out.print(line, soft_wrap=True)
            shown += 1
        out.print(f"{shown} changes", style="bold")


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


ListOption = Annotated[str, typer.Option("--list", "-l", help=f"One of: {', '.join(TERM_LISTS)}.")]


def _messages(action):
    try:
        for message in action():
            out.print(message, markup=False, highlight=False)
    except OcrcleanError as exc:
        fail(str(exc), 1)


@dict_app.command()
def add(terms: Annotated[list[str], typer.Argument(help="Terms to add, as the text writes them.")],
        list_name: ListOption = "terms", dictionaries: DictionariesOption = None) -> None:
    """Add terms to a list; a term already there is left alone.

    Example: ocrclean dict add Litvinov Krestinsky --list names
    """
    _messages(lambda: _folder(dictionaries).add(terms, list_name))


@dict_app.command()
def fix(wrong: Annotated[str, typer.Argument(help="The misreading, as the scan writes it.")],
        right: Annotated[str, typer.Argument(help="What it should read.")],
        dictionaries: DictionariesOption = None) -> None:
    """Add (or change) a correction WRONG -> RIGHT in corrections.txt.

    Example: ocrclean dict fix Bwjer Kurjer
    """
    _messages(lambda: [_folder(dictionaries).fix(wrong, right)])


@dict_app.command()
def remove(terms: Annotated[list[str], typer.Argument(help="Terms, or the wrong word of corrections.")],
           list_name: Annotated[Optional[str], typer.Option("--list", "-l", help=f"Only from: {', '.join(ALL_LISTS)}.")] = None,
           dictionaries: DictionariesOption = None) -> None:
    """Remove terms (or corrections, by their wrong word) from every list that holds them.

    Example: ocrclean dict remove Bwjer --list corrections
    """
    _messages(lambda: _folder(dictionaries).remove(terms, list_name))


@dict_app.command("list")
def list_(list_name: Annotated[Optional[str], typer.Option("--list", "-l", help=f"Only: {', '.join(ALL_LISTS)}.")] = None,
          dictionaries: DictionariesOption = None) -> None:
    """Print the entries, one a line as `list<TAB>entry` (only the entry with --list).

    Example: ocrclean dict list --list names
    """
    try:
        for name, value in _folder(dictionaries).entries(list_name):
            out.print(value if list_name else f"{name}\t{value}", markup=False, highlight=False)
    except OcrcleanError as exc:
        fail(str(exc), 1)


@dict_app.command("check")
def dict_check(dictionaries: DictionariesOption = None) -> None:
    """Report malformed lines, duplicates and conflicting entries as file:line: message (exit 1 if any).

    Example: ocrclean dict check --dictionaries dictionaries
    """
    folder = _folder(dictionaries)
    try:
        problems = folder.check()
    except OcrcleanError as exc:
        fail(str(exc), 1)
    for problem in problems:
        err.print(problem, markup=False, highlight=False)
    for note in folder.unsorted():
        err.print(f"note: {note}", markup=False, highlight=False)
    if problems:
        raise typer.Exit(1)
    out.print(f"{folder.folder}: {len(folder.entries())} entries, no problems", markup=False, highlight=False)


@dict_app.command()
def suggest(file: Annotated[Path, typer.Argument(help="A raw text file; it is cleaned as `ocrclean run` would.")],
            top: Annotated[int, typer.Option(help="How many words to show, most common first.")] = 40,
            dictionaries: DictionariesOption = None, config: ConfigOption = None) -> None:
    """Words no dictionary knows that cleaning FILE leaves as they are, with a command to teach each.

    Example: ocrclean dict suggest raw/thesis.txt --top 20
    """
    from .correction.profile import Costs, ScanProfile
    from .word_counts import document_vocabulary

    cleaner, result, _ = _clean(file, dictionaries, config)
    rows = unknown_words(result.document, cleaner.resources.lexicon)
    reading = result.document.reading
    channel = Costs(reading.scan if reading else ScanProfile.prior())  # the scan's own confusions, as this run learned them
    often, lexicon = document_vocabulary(result.document), cleaner.resources.lexicon

    def common(word: str) -> bool:  # a reading worth a correction: a term, or an English word not rare
        return word.lower() in lexicon.terms or lexicon.frequency(word.lower()) >= 1e-6
    table = Table(title=f"{len(rows)} unknown words in {file.name}")
    for column in ("word", "count", "line", "candidates", "to teach it"):
        table.add_column(column, justify="right" if column in ("count", "line") else "left")
    for row in rows[:top]:
        table.add_row(Text(row.word), str(row.count), str(row.first_line), Text(", ".join(row.candidates)),
                      Text(row.command(channel, often, common)))
    out.print(table)


def review(
    file: Annotated[Path, typer.Argument(help="A raw text file; it is cleaned first if its outputs are not up to date.")],
    out_dir: OutOption = Path("clean"),
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port on 127.0.0.1 (0: any free one).")] = 0,
    browser: Annotated[bool, typer.Option("--browser/--no-browser", help="Open the page in the browser.")] = True,
    dictionaries: DictionariesOption = None,
    config: ConfigOption = None,
) -> None:
    """Review FILE's changes in the browser: accept, reject or correct each; correct or teach each doubtful word.

    Decisions are saved at once in the dictionary folder (decisions.jsonl; taught words in their lists);
    the next `ocrclean run` applies them (the review stage). Ctrl-C stops the server.

    Example: ocrclean review raw/thesis.txt
    """
    import webbrowser

    from .server import ReviewServer

    paths = outputs_of(file, out_dir, dictionaries, config)
    page = paths["report"]
    try:
        server = ReviewServer(page, file.stem, paths["dictionaries"], port, log=lambda line: err.print(line, markup=False, highlight=False))
    except OSError as exc:
        fail(f"--port {port}: {exc.strerror or exc}")
    out.print(f"reviewing {file} at {server.url}", markup=False, highlight=False, soft_wrap=True)
    out.print(f"decisions go to {server.decisions.path}; Ctrl-C to stop, then `ocrclean run {file}` applies them",
              markup=False, highlight=False, soft_wrap=True)
    if browser:
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        err.print(f"stopped; {len(server.decisions.load(file.stem))} decisions on {file.name}", markup=False, highlight=False)
    finally:
        server.server_close()


def check(
    file: Annotated[Path, typer.Argument(help="A raw text file; its outputs are read (cleaned first if not up to date).")],
    only: Annotated[Optional[str], typer.Option(help="Only this check: unknown, quotes, characters, spacing, he-be, "
                                                     "hyphens or case.")] = None,
    top: Annotated[int, typer.Option(min=0, help="Findings shown per check (all are counted).")] = 10,
    out_dir: OutOption = Path("clean"),
    dictionaries: DictionariesOption = None,
    config: ConfigOption = None,
) -> None:
    """The proofreading queue: unknown words and the checks a person should go through, a section each.

    Example: ocrclean check raw/thesis.txt --only he-be --top 50
    """
    from .checks import CHECKS, run_checks
    from .lexicon import Lexicon

    if only is not None and only not in ("unknown", *CHECKS):
        fail(f"--only {only}: unknown check (checks: unknown, {', '.join(CHECKS)})")
    paths = outputs_of(file, out_dir, dictionaries, config)
    try:
        text = paths["text"].read_text(encoding="utf-8")
        rows = paths["unknown"].read_text(encoding="utf-8").splitlines()[1:]
        lexicon = Lexicon.load(paths["dictionaries"])
    except (OSError, UnicodeDecodeError, OcrcleanError) as exc:
        fail(f"{file}: cannot read its outputs ({exc})", 1)
    if only in (None, "unknown"):
        out.rule(f"unknown: {len(rows)} words no dictionary knows ({paths['unknown']})")
        for row in rows[:top]:
            word, count, line, *_ = row.split("\t") + ["", "", ""]
            out.print(f"{line}: {word} x{count}", markup=False, highlight=False)
    findings = run_checks(text, lambda w: lexicon.is_known(w, 1e-6))
    for name in CHECKS:
        if only not in (None, name):
            continue
        out.rule(f"{name}: {len(findings[name])}")
        for finding in findings[name][:top]:
            out.print(str(finding), markup=False, highlight=False, soft_wrap=True)
