"""Errors the user sees as one clear line (the CLI prints them, no traceback)."""


class OcrcleanError(Exception):
    """Base class: the message is the whole story for the user."""


class ConfigError(OcrcleanError):
    """Bad configuration: unknown stage, unknown setting, value out of range."""


class DictionaryError(OcrcleanError):
    """A dictionary file that cannot be read or holds a malformed line."""


class InputError(OcrcleanError):
    """An input file that cannot be cleaned (unreadable, binary, undecodable)."""
