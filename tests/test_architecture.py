"""The shape of the package (docs/architecture.md): no import cycles, and every import
that is not at the top of its module says why it is deferred.

Imports are read with `ast`, inside functions too: a cycle hidden in a function
is still a cycle a reader has to untangle."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsweave"


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["newsweave", *path.relative_to(PACKAGE).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = (module if is_package else module.rpartition(".")[0]).split(".")
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    return [target] + [f"{target}.{alias.name}" for alias in node.names]


def _type_checking_blocks(tree: ast.Module) -> set[int]:
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            inside.update(id(child) for statement in node.body for child in ast.walk(statement))
    return inside


def _import_graph() -> tuple[nx.DiGraph, list[str]]:
    modules = _modules()
    graph = nx.DiGraph()
    unexplained = []
    for name, (path, is_package) in modules.items():
        graph.add_node(name)
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        top = {id(node) for node in tree.body}
        typing_only = _type_checking_blocks(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in typing_only:
                for target in _imported(node, name, is_package):
                    if target in modules and target != name:
                        graph.add_edge(name, target)
        for run in _deferred_import_runs(tree, top | typing_only):
            # One comment may explain a run of imports: the line above it, or any line of it.
            around = " ".join(lines[max(0, run[0].lineno - 2): run[-1].end_lineno or run[-1].lineno])
            if "#" not in around:
                unexplained.append(f"{path.relative_to(PACKAGE)}:{run[0].lineno}")
    return graph, unexplained


def _deferred_import_runs(tree: ast.Module, exempt: set[int]) -> list[list[ast.stmt]]:
    runs = []
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody", "handlers"):
            statements = getattr(node, field, None)
            if node is tree or not isinstance(statements, list):
                continue
            run: list[ast.stmt] = []
            for statement in [*statements, None]:
                if isinstance(statement, ast.Import | ast.ImportFrom) and id(statement) not in exempt:
                    run.append(statement)
                    continue
                if run:
                    runs.append(run)
                run = []
    return runs


def test_no_import_cycles_among_newsweave_modules():
    graph, _ = _import_graph()
    cycles = [sorted(component) for component in nx.strongly_connected_components(graph) if len(component) > 1]
    assert cycles == []


def test_the_cli_sits_on_top():
    graph, _ = _import_graph()
    importers = {source for source, target in graph.edges if target.startswith("newsweave.cli")}
    # `python -m newsweave` runs the CLI, so __main__ is the one module above it.
    assert {m for m in importers if not m.startswith("newsweave.cli")} - {"newsweave.__main__"} == set()


def test_an_import_inside_a_function_says_why_it_waits():
    _, unexplained = _import_graph()
    assert unexplained == [], "deferred imports without a comment (say e.g. '# lazy: spaCy'): " + ", ".join(unexplained)


def test_the_graph_reader_sees_real_edges():
    # Guards the test itself: a reader that found no edges would pass the cycle test vacuously.
    graph, _ = _import_graph()
    assert graph.has_edge("newsweave.service", "newsweave.pipeline")
    assert graph.has_edge("newsweave.crosscheck", "newsweave.crosscheck.numbers")
