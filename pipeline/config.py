"""Which stages run, in what order, with which settings.

Read from ``ocrclean.toml`` (top-level keys) or ``[tool.ocrclean]`` in
``pyproject.toml``, then overridden by CLI flags::

    stages = ["unicode", "layout", "hyphenation", "footnotes", "reflow", "punctuation"]
    dictionaries = "dictionaries"

    [hyphenation]            # [tool.ocrclean.hyphenation] in pyproject.toml
    min_frequency = 1e-7
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .registry import Stage, load_all

DEFAULT_STAGES = ("unicode", "layout", "hyphenation", "footnotes", "reflow", "punctuation", "corrections", "words", "citations")
TOP_KEYS = {"stages", "dictionaries", "disable"}


@dataclass
class Config:
    stages: list[str] = field(default_factory=lambda: list(DEFAULT_STAGES))
    settings: dict[str, dict] = field(default_factory=dict)
    dictionaries: Path = Path("dictionaries")
    source: str = "defaults"

    @classmethod
    def from_mapping(cls, data: dict, source: str = "configuration") -> "Config":
        registry = load_all()
        stages = data.get("stages", list(DEFAULT_STAGES))
        if not isinstance(stages, list) or not all(isinstance(s, str) for s in stages):
            raise ConfigError(f"{source}: 'stages' must be a list of stage names")
        disabled = data.get("disable", [])
        settings = {}
        for key, value in data.items():
            if key in TOP_KEYS:
                continue
            if key not in registry:
                raise ConfigError(f"{source}: unknown key or stage {key!r} "
                                  f"(stages: {', '.join(registry)})")
            if not isinstance(value, dict):
                raise ConfigError(f"{source}: [{key}] must be a table of settings")
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
            raise ConfigError(f"{path}: {exc}") from None
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
                raise ConfigError(f"{path}: {exc}") from None
            if section:
                data = data.get("tool", {}).get("ocrclean")
                if data is None:
                    continue
            config = cls.from_mapping(data, str(path))
            if not Path(config.dictionaries).is_absolute():
                config.dictionaries = path.parent / config.dictionaries
            return config
        return cls()

    def with_overrides(self, disable=(), only=None, settings=(), dictionaries=None) -> "Config":
        """Apply CLI flags: ``--disable S``, ``--only S,T``, ``--set stage.key=value``."""
        registry = load_all()
        stages = list(only) if only else list(self.stages)
        for name in [*stages, *disable]:
            if name not in registry:
                raise ConfigError(f"unknown stage {name!r} (stages: {', '.join(registry)})")
        merged = {k: dict(v) for k, v in self.settings.items()}
        for item in settings:
            key, sep, raw = item.partition("=")
            stage, dot, option = key.partition(".")
            if not sep or not dot:
                raise ConfigError(f"--set {item!r}: expected stage.setting=value")
            merged.setdefault(stage, {})[option] = _parse_value(raw)
        config = Config([s for s in stages if s not in disable], merged,
                        Path(dictionaries) if dictionaries else self.dictionaries, self.source)
        config.build()
        return config

    def build(self, resources=None) -> list[Stage]:
        registry = load_all()
        missing = [s for s in self.stages if s not in registry]
        if missing:
            raise ConfigError(f"{self.source}: unknown stage {missing[0]!r} (stages: {', '.join(registry)})")
        for name in self.settings:
            if name not in registry:
                raise ConfigError(f"{self.source}: settings for unknown stage {name!r}")
        return [registry[s](resources, **self.settings.get(s, {})) for s in self.stages]


def _parse_value(raw: str):
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw
