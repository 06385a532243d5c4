"""The package's layers: each module imports only from its own layer or the ones below, and never a private name
(leading underscore) of another module.

From the bottom: the shared modules at the package's root (errors, schema, params, formatting and the package itself), then
reading, extraction, analysis, presentation, build (``briefing/__main__.py``, the command line, is build).
"""

from __future__ import annotations

import ast

import pytest

from briefing import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "briefing"
LAYERS = ("", "reading", "extraction", "analysis", "presentation", "build")
SHARED = {"briefing", "briefing.errors", "briefing.schema", "briefing.params", "briefing.formatting"}


def layer_of(module: str) -> int:
    """The layer of a module of the package, 0 for the shared ones at its root."""
    if module in SHARED:
        return 0
    if module == "briefing.__main__":
        return LAYERS.index("build")
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in LAYERS[1:]:
        raise ValueError(
            f"{module} is in no layer: move it into one of briefing/{'/, briefing/'.join(LAYERS[1:])}/ "
            "or name it in SHARED"
        )
    return LAYERS.index(parts[1])


def imports(module: str, source: str, is_package: bool = False) -> list[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) for each import of the package in ``source``."""
    package = module if is_package else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names if alias.name.startswith("briefing")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "briefing" or target.startswith("briefing."):
                found.append((target, [alias.name for alias in node.names], node.lineno))
    return found


def is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def violations(module: str, source: str, is_package: bool = False) -> list[str]:
    """What breaks the layering in a module's source: an import from a higher layer, a private name of another
    module."""
    out = []
    own = layer_of(module)
    for target, names, line in imports(module, source, is_package):
        # ``from briefing.presentation import report`` takes a module: its layer is the module's
        targets = [f"{target}.{name}" if is_module(f"{target}.{name}") else target for name in names] or [target]
        for name, imported in zip(names or [""], targets):
            if layer_of(imported) > own:
                out.append(f"{module}:{line} imports {imported} from a higher layer ({LAYERS[layer_of(imported)]})")
            if name.startswith("_") and imported != module:
                out.append(f"{module}:{line} imports the private name {name} from {imported}")
    return list(dict.fromkeys(out))  # one line for an import of several names


def package_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        yield ".".join(parts[:-1] if is_package else parts), path, is_package


def test_every_module_imports_only_from_its_layer_or_below_and_nothing_private():
    found = []
    for module, path, is_package in package_modules():
        found += violations(module, path.read_text(encoding="utf-8"), is_package)
    assert not found, "\n".join(found)


def test_every_module_is_in_a_layer():
    for module, _, _ in package_modules():
        layer_of(module)  # raises for a module outside every layer


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        # downwards and within a layer: allowed
        ("briefing.presentation.charts", "from ..analysis.corroborate import corroborate", []),
        ("briefing.extraction.figures", "from .dates import find_dates\nfrom ..reading.text import Sentence", []),
        ("briefing.analysis.reference", "from .. import DATA_DIR\nfrom ..errors import UserError", []),
        ("briefing.build.pipeline", "def f():\n    from briefing.presentation import render", []),
        # upwards: refused, also inside a function and as an absolute import
        (
            "briefing.analysis.corroborate",
            "from ..presentation.report import format_number",
            ["briefing.analysis.corroborate:1 imports briefing.presentation.report from a higher layer (presentation)"],
        ),
        (
            "briefing.extraction.parallel",
            "def f():\n    from briefing.build import pipeline",
            ["briefing.extraction.parallel:2 imports briefing.build.pipeline from a higher layer (build)"],
        ),
        (
            "briefing.schema",
            "import briefing.reading.text",
            ["briefing.schema:1 imports briefing.reading.text from a higher layer (reading)"],
        ),
        # a private name of another module: refused, even from below
        (
            "briefing.extraction.figures",
            "from .dates import _next",
            ["briefing.extraction.figures:1 imports the private name _next from briefing.extraction.dates"],
        ),
    ],
)
def test_a_wrong_import_is_caught(module, source, expected):
    assert violations(module, source) == expected


def test_a_module_outside_the_layers_is_refused():
    with pytest.raises(ValueError, match="briefing.helpers is in no layer"):
        layer_of("briefing.helpers")
