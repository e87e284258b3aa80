"""Stage contracts and the layers: a bad order is refused in one line, no stage imports another."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.errors import ConfigError
from pipeline.registry import FACTS, order_problem
from pipeline.stages import ORDER, STAGES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pipeline"


def test_the_default_order_keeps_every_contract():
    assert order_problem([STAGES[name] for name in ORDER]) is None
    assert Config.discover(ROOT).stages == list(ORDER)  # the project's configuration adds no second list


@pytest.mark.parametrize("only, message", [
    ("words,layout", "stage 'words' requires blocks, which 'layout' gives only after it"),
    ("reflow,hyphenation", "stage 'hyphenation' requires scan lines, which 'reflow' before it ends"),
    ("citations,words", "stage 'citations' requires words read, which 'words' gives only after it"),
])
def test_a_bad_order_from_only_is_refused_naming_the_requirement(only, message):
    with pytest.raises(ConfigError, match=message):
        Config().with_overrides(only=only.split(","))


def test_a_bad_order_in_a_configuration_file_is_refused_with_its_line(tmp_path):
    (tmp_path / "ocrclean.toml").write_text('dictionaries = "d"\nstages = ["unicode", "footnotes", "layout"]\n')
    with pytest.raises(ConfigError, match=r"ocrclean.toml:2: stage 'footnotes' requires blocks"):
        Config.discover(tmp_path)


def test_the_command_line_says_it_in_one_line(tmp_path):
    raw = tmp_path / "a.txt"
    raw.write_text("It was signed*\n")
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(raw), "--out", str(tmp_path / "out"),
                           "--only", "words,layout"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: --only words,layout: stage 'words' requires blocks, which 'layout' gives only after it: "
        "put 'layout' first"]


def test_a_stage_whose_provider_is_switched_off_still_runs():
    """Every stage can be switched off: footnotes without layout finds no notes, and says nothing."""
    for name in ORDER:
        assert Config([s for s in ORDER if s != name]).build()


def test_contracts_name_known_facts_and_ocrclean_stages_shows_them():
    for cls in STAGES.values():
        assert cls.requires | cls.provides | cls.ends <= set(FACTS)
    shown = subprocess.run([sys.executable, "-m", "pipeline", "stages"], capture_output=True, text=True, cwd=ROOT,
                           env={"COLUMNS": "250", "PATH": ""}).stdout
    assert "needs" in shown and "gives" in shown and "page structure" in shown and "ends scan lines" in shown


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_imports(path: Path) -> set[str]:
    """The pipeline modules ``path`` imports, anywhere in the file (inside functions too), as dotted names."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return {n for n in names if n in MODULES}


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["pipeline", "stages"] and parts[2] in STAGES else None


def test_no_stage_imports_another_stage():
    for name, path in MODULES.items():
        others = {stage_of(m) for m in module_imports(path)} - {None, stage_of(name)}
        assert not others, f"{path.relative_to(ROOT)} imports the stage {sorted(others)[0]}"


def test_the_layers_under_the_stages_import_no_stage():
    for name, path in MODULES.items():
        if name.startswith(("pipeline.rules", "pipeline.correction", "pipeline.document", "pipeline.registry")):
            assert not {m for m in module_imports(path) if stage_of(m)}, path


def test_no_import_cycles():
    graph = {name: module_imports(path) - {name} for name, path in MODULES.items()}
    # a package's __init__ importing its own modules is how a package is made, not a cycle
    graph = {name: {m for m in deps if not m.startswith(name + ".")} for name, deps in graph.items()}
    done, path = set(), []

    def visit(name):
        if name in path:
            raise AssertionError("import cycle: " + " -> ".join(path[path.index(name):] + [name]))
        if name in done:
            return
        path.append(name)
        for dep in sorted(graph[name]):
            visit(dep)
        path.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)
