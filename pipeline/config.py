"""Which stages run, in what order, with which settings.

Read from ``ocrclean.toml`` (top-level keys) or ``[tool.ocrclean]`` in
``pyproject.toml``, then overridden by CLI flags::

    stages = ["unicode", "layout", "hyphenation", "footnotes", "reflow", "punctuation"]
    dictionaries = "dictionaries"

    [hyphenation]            # [tool.ocrclean.hyphenation] in pyproject.toml
    min_frequency = 1e-7
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .registry import Stage, order_problem
from .stages import ORDER as DEFAULT_STAGES, STAGES
TOP_KEYS = {"stages", "dictionaries", "disable"}


@dataclass
class Config:
    stages: list[str] = field(default_factory=lambda: list(DEFAULT_STAGES))
    settings: dict[str, dict] = field(default_factory=dict)
    dictionaries: Path = Path("dictionaries")
    source: str = "defaults"

    @classmethod
    def from_mapping(cls, data: dict, source: str = "configuration") -> "Config":
        stages = data.get("stages", list(DEFAULT_STAGES))
        if not isinstance(stages, list) or not all(isinstance(s, str) for s in stages):
            raise ConfigError(f"{_where(source, 'stages')}: 'stages' must be a list of stage names")
        disabled = data.get("disable", [])
        settings = {}
        for key, value in data.items():
            if key in TOP_KEYS:
                continue
            if key not in STAGES:
                raise ConfigError(f"{_where(source, key)}: unknown key or stage {key!r} "
                                  f"(stages: {', '.join(STAGES)})")
            if not isinstance(value, dict):
                raise ConfigError(f"{_where(source, key)}: [{key}] must be a table of settings")
            settings[key] = value
        config = cls([s for s in stages if s not in disabled], settings,
                     Path(data.get("dictionaries", "dictionaries")), source)
        config.build()  # validate now, before any work
        return config

    @classmethod
    def from_file(cls, path: Path) -> "Config":
        """An ``ocrclean.toml`` file (top-level keys)."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(_toml_error(path, exc)) from None
        config = cls.from_mapping(data, str(path))
        if not config.dictionaries.is_absolute():
            config.dictionaries = path.parent / config.dictionaries
        return config

    @classmethod
    def discover(cls, folder: Path | str = ".") -> "Config":
        """``ocrclean.toml`` if present, else ``[tool.ocrclean]`` of ``pyproject.toml``."""
        folder = Path(folder)
        for path, section in ((folder / "ocrclean.toml", None), (folder / "pyproject.toml", "tool.ocrclean")):
            if not path.is_file():
                continue
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(_toml_error(path, exc)) from None
            if section:
                data = data.get("tool", {}).get("ocrclean")
                if data is None:
                    continue
            config = cls.from_mapping(data, str(path))
            if not Path(config.dictionaries).is_absolute():
                config.dictionaries = path.parent / config.dictionaries
            return config
        return cls()

    @classmethod
    def find(cls, *starts: Path | str) -> "Config":
        """The configuration of the project a command works in: the first folder, from each start
        upwards, that has an ``ocrclean.toml`` or a ``pyproject.toml`` with ``[tool.ocrclean]``.

        Run from outside the project (``repo/.venv/bin/ocrclean run repo/raw/a.txt``), the input's
        folder leads to it, and so to its dictionaries.
        """
        for start in starts:
            for folder in [Path(start).resolve(), *Path(start).resolve().parents]:
                if (folder / "ocrclean.toml").is_file() or _has_section(folder / "pyproject.toml"):
                    return cls.discover(folder)
        return cls()

    def with_overrides(self, disable=(), only=None, settings=(), dictionaries=None) -> "Config":
        """Apply CLI flags: ``--disable S``, ``--only S,T``, ``--set stage.key=value``."""
        stages = list(only) if only else list(self.stages)
        for name in [*stages, *disable]:
            if name not in STAGES:
                raise ConfigError(f"unknown stage {name!r} (stages: {', '.join(STAGES)})")
        merged = {k: dict(v) for k, v in self.settings.items()}
        for item in settings:
            key, sep, raw = item.partition("=")
            stage, dot, option = key.partition(".")
            if not sep or not dot:
                raise ConfigError(f"--set {item!r}: expected stage.setting=value")
            merged.setdefault(stage, {})[option] = _parse_value(raw)
        config = Config([s for s in stages if s not in disable], merged,
                        Path(dictionaries) if dictionaries else self.dictionaries, self.source)
        problem = order_problem([STAGES[s] for s in config.stages])
        if problem:  # the order the flags gave (a file's own order was checked when it was read)
            raise ConfigError(f"--only {','.join(only)}: {problem}" if only else problem)
        try:
            config.build()
        except ConfigError as exc:  # name the flag, not the file, when a --set value is at fault
            keys = {i: i.partition("=")[0] for i in settings}
            flag = next((i for i, k in keys.items() if k in str(exc) or repr(k.partition(".")[2]) in str(exc)), None)
            if flag is None:
                raise
            raise ConfigError(f"--set {flag}: {str(exc).split(': ', 1)[-1]}") from None
        return config

    def build(self, resources=None) -> list[Stage]:
        missing = [s for s in self.stages if s not in STAGES]
        if missing:
            raise ConfigError(f"{_where(self.source, missing[0])}: unknown stage {missing[0]!r} "
                              f"(stages: {', '.join(STAGES)})")
        for name in self.settings:
            if name not in STAGES:
                raise ConfigError(f"{_where(self.source, name)}: settings for unknown stage {name!r}")
        stages = []
        for name in self.stages:
            settings = self.settings.get(name, {})
            try:
                stages.append(STAGES[name](resources, **settings))
            except ConfigError as exc:
                bad = next((k for k in settings if f".{k}" in str(exc) or repr(k) in str(exc)), name)
                raise ConfigError(f"{_where(self.source, bad)}: {exc}") from None
        problem = order_problem([type(s) for s in stages])
        if problem:
            raise ConfigError(f"{_where(self.source, 'stages')}: {problem}")
        return stages


def _has_section(path: Path) -> bool:
    try:
        return "ocrclean" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return path.is_file()  # a broken file is reported by discover, with its line


def _toml_error(path: Path, exc: Exception) -> str:
    """``file:line: reason`` for a file TOML cannot parse (tomllib puts the line in its message)."""
    m = re.search(r"\(at line (\d+), column \d+\)$", str(exc))
    return f"{path}:{m[1]}: {str(exc)[:m.start()].strip()}" if m else f"{path}: {exc}"


def _where(source: str, name: str) -> str:
    """``file:line`` of the first line of a configuration file that mentions ``name``; else the source."""
    path = Path(source)
    try:
        lines = path.read_text(encoding="utf-8").splitlines() if path.suffix == ".toml" and path.is_file() else []
    except (OSError, UnicodeDecodeError):
        lines = []
    pattern = re.compile(rf"(^|[\s\[\"'.,]){re.escape(name)}($|[\s\]\"'=.,])")
    number = next((n for n, line in enumerate(lines, 1) if pattern.search(line.split("#", 1)[0])), None)
    return f"{source}:{number}" if number else source


def _parse_value(raw: str):
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw
