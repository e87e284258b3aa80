"""What every command shares: the consoles, one-line errors, the configuration in use."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from .config import Config

err = Console(stderr=True, soft_wrap=True)
out = Console()


def fail(message: str, code: int = 2) -> None:
    err.print(f"error: {message}", markup=False, highlight=False)
    raise typer.Exit(code)


def load_config(config: Path | None, disable, only, settings, dictionaries, near=()) -> Config:
    """The configuration in use: --config, else the project's found from the current folder upwards,
    else from the folders of the inputs (``near``); its dictionaries are in its folder, not the current one."""
    if config is not None and not config.is_file():
        fail(f"--config {config}: no such file")
    if dictionaries is not None and not Path(dictionaries).is_dir():
        fail(f"--dictionaries {dictionaries}: no such folder")
    base = Config.discover(config.parent) if config and config.name == "pyproject.toml" else (
        Config.from_file(config) if config else Config.find(Path.cwd(), *(Path(p).parent for p in near)))
    cfg = base.with_overrides(disable=disable, only=only.split(",") if only else None,
                              settings=settings, dictionaries=dictionaries)
    if cfg.source != "defaults" and not Path(cfg.dictionaries).is_dir():  # no project: English only, as expected
        err.print(f"note: no dictionary folder {cfg.dictionaries} (configuration: {cfg.source}); "
                  "cleaning with English words only", markup=False, highlight=False)
    return cfg
