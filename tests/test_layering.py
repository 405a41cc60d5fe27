"""The package layering of ``drafter``, enforced on every import the code makes.

Layers, lowest first; a module may import its own layer and the layers below it, never above::

    0 base     text, numfmt, limits, errors, findings, document, fileio, safeyaml, resources, userdirs,
               pattern_cache, figures (the figure registry: keys, data paths, labels, relations), frozen
    1 read     reading files into a Document (.txt .md .docx .pdf, and .xlsx 自评表 as tables)
    2 data     evaluation data: the model, its loader, the .xlsx importer
    3 rubric   indicator systems (their formulas name fields of the data model)
    4 check    extraction, facts and the rules, over a Document and optionally data and a rubric
    5 output   draft, suggest, llm, review, office, render
    6 front    serve, cli (and ``python -m drafter``)

Every import counts, at module level or inside a function (a function-level import that reaches
up a layer is a cycle waiting to happen, only hidden). Besides the layers:

- no module imports a private module or a private name (``_x``) of another package: what packages
  share is public;
- packages do not import each other in a circle at module level, and neither do modules.

Function-level imports remain where they keep start-up light (openpyxl, docx, pypdf, jinja2,
openai, langchain, rich, starlette and the drafter modules that pull them in) or choose a
reader or backend by a user's input; they point down the layers like any other import.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "drafter"

LAYERS: dict[str, int] = {
    **dict.fromkeys(
        (
            "",
            "text",
            "numfmt",
            "limits",
            "errors",
            "findings",
            "document",
            "fileio",
            "safeyaml",
            "resources",
            "userdirs",
            "pattern_cache",
            "code_cache",
            "yaml_cache",
            "marshal_file",
            "figures",
            "frozen",
        ),
        0,
    ),
    "read": 1,
    "data": 2,
    "rubric": 3,
    "check": 4,
    **dict.fromkeys(("draft", "suggest", "llm", "review", "office", "render"), 5),
    **dict.fromkeys(("serve", "cli", "__main__"), 6),
}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, "drafter.read.docx"
    target: str  # the imported module, "drafter.document"
    names: tuple[str, ...]  # names taken from it (``from x import a, b``), empty for ``import x``
    line: int
    #: "module" (runs when the module is imported), "function" (when the function runs) or
    #: "typing" (under ``if TYPE_CHECKING:``, for annotations only)
    when: str

    @property
    def top(self) -> bool:
        return self.when == "module"

    def where(self) -> str:
        return f"{self.module}:{self.line}"


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, when: str) -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child, when
        elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            yield from _walk(child, "function" if when == "module" else when)
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.body:
                yield from _walk(ast.Module(body=[stmt], type_ignores=[]), "typing")
            for stmt in child.orelse:
                yield from _walk(ast.Module(body=[stmt], type_ignores=[]), when)
        else:
            yield from _walk(child, when)


def _imports(modules: dict[str, Path]) -> list[Import]:
    out: list[Import] = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        is_package = path.name == "__init__.py"
        for node, when in _walk(tree, "module"):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "drafter":
                        out.append(Import(name, alias.name, (), node.lineno, when))
                continue
            assert isinstance(node, ast.ImportFrom)
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "drafter":
                continue
            names = tuple(a.name for a in node.names)
            # ``from drafter.x import y`` with y a module imports that module
            subs = [n for n in names if f"{target}.{n}" in modules]
            for sub in subs:
                out.append(Import(name, f"{target}.{sub}", (), node.lineno, when))
            rest = tuple(n for n in names if n not in subs)
            if rest or not subs:
                out.append(Import(name, target, rest, node.lineno, when))
    return out


def _package(module: str) -> str:
    """The package a module belongs to: "drafter.check.rules.x" → "check", "drafter.fileio" → "fileio"."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


def layer_violations(imports: list[Import]) -> list[str]:
    out = []
    for imp in imports:
        low, high = _package(imp.module), _package(imp.target)
        if LAYERS[low] < LAYERS[high]:
            out.append(
                f"{imp.where()} ({low}, layer {LAYERS[low]}) imports {imp.target} (layer {LAYERS[high]})"
            )
    return out


def private_violations(imports: list[Import]) -> list[str]:
    out = []
    for imp in imports:
        if _package(imp.module) == _package(imp.target):
            continue
        private = [p for p in imp.target.split(".") if _private(p)] + [n for n in imp.names if _private(n)]
        if private:
            out.append(f"{imp.where()} imports private {', '.join(private)} from {imp.target}")
    return out


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def package_cycles(imports: list[Import], *, top_only: bool = True) -> list[list[str]]:
    edges: dict[str, set[str]] = {}
    for imp in imports:
        a, b = _package(imp.module), _package(imp.target)
        if a != b and (imp.top or not top_only):
            edges.setdefault(a, set()).add(b)
    return _cycles(edges)


def module_cycles(imports: list[Import]) -> list[list[str]]:
    edges: dict[str, set[str]] = {}
    for imp in imports:
        if imp.top and imp.module != imp.target:
            edges.setdefault(imp.module, set()).add(imp.target)
    return _cycles(edges)


IMPORTS = _imports(_modules())


def test_every_package_has_a_layer() -> None:
    assert sorted({_package(m) for m in _modules()} - set(LAYERS)) == []


FAKE = """
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.check import x
from drafter.errors import DrafterError


def f() -> None:
    from drafter.office._grid import Grid


from . import _private

def g():
    import drafter.data
"""


def test_the_analysis_sees_function_level_and_type_checking_imports(tmp_path: Path) -> None:
    fake = tmp_path / "fake.py"
    fake.write_text(FAKE, encoding="utf-8")
    found = _imports({"drafter.read.fake": fake})
    assert [(i.target, i.names, i.when) for i in found] == [
        ("drafter.check", ("x",), "typing"),
        ("drafter.errors", ("DrafterError",), "module"),
        ("drafter.office._grid", ("Grid",), "function"),
        ("drafter.read", ("_private",), "module"),
        ("drafter.data", (), "function"),
    ]
    assert len(layer_violations(found)) == 3
    assert private_violations(found) == [
        "drafter.read.fake:12 imports private _grid from drafter.office._grid"
    ]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_layer_imports_a_higher_one() -> None:
    assert layer_violations(IMPORTS) == []


def test_no_module_imports_a_private_name_of_another_package() -> None:
    assert private_violations(IMPORTS) == []


def test_no_import_cycle_between_packages() -> None:
    assert package_cycles(IMPORTS) == []
    assert package_cycles(IMPORTS, top_only=False) == []


def test_no_import_cycle_between_modules() -> None:
    assert module_cycles(IMPORTS) == []
