"""The shape of ``voice/``, checked: the import graph and the size limits of the developers' guide.

Why: the layering (a pure core that knows no audio, adapters at the edge, the CLI wiring them)
and the small-module rule only hold if something fails when they break; a map in ARCHITECTURE.md
does not. The graph is read from the source with ``ast`` (nothing is imported), so a module whose
engine package is missing is checked all the same. The tests themselves are held to two rules the
same way: every wait has a timeout, and a missing project package fails instead of skipping.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "voice"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50

ALLOWED: dict[str, frozenset[str]] = {
    "errors": frozenset(),
    "language": frozenset(),
    "guide": frozenset({"language"}),
    "questions": frozenset({"guide", "language"}),
    "dialog": frozenset({"guide", "language", "questions"}),
    "session": frozenset({"dialog", "guide", "language"}),
    "audio": frozenset(),
    "speech_in": frozenset({"audio", "guide", "language", "session.ports"}),
    "speech_out": frozenset({"audio", "guide", "language", "session.ports"}),
    "authoring": frozenset({"guide", "language"}),
}
"""What each part of ``voice`` may import besides itself and ``voice.errors`` (a leaf that every
part raises or catches from). A key is a subpackage or top-level module; a value entry is a
subpackage or one module of it (``session.ports``). ``cli`` and ``__main__`` may import anything."""

ANYTHING = frozenset({"cli", "__main__"})
"""The parts that wire everything together."""

KNOWN_EXCEPTIONS: frozenset[tuple[str, str]] = frozenset()
"""Violations of the rules below tolerated for a while, as (rule, case); empty: every rule holds.
A case listed here that no longer occurs fails ``test_known_exceptions_still_occur``, so the set
cannot go stale."""


@dataclass(frozen=True)
class Import:
    """One import of a ``voice`` module found in the source."""

    source: str
    """The importing module, dotted (``voice.cli.run``)."""
    target: str
    """The imported module, dotted: a submodule named in ``from voice.x import y`` counts as
    ``voice.x.y``; a plain name from a package counts as the package."""
    line: int
    """Line number of the import statement."""
    in_function: bool
    """Whether the statement is inside a function body (lazy) rather than at module level."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _resolve(source: str, node: ast.ImportFrom) -> str:
    """The absolute module a ``from`` import names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    is_package = modules()[source].name == "__init__.py"
    base = source.split(".")[: len(source.split(".")) - node.level + is_package]
    return ".".join([*base, *([node.module] if node.module else [])])


def _targets(source: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    module = _resolve(source, node)
    for alias in node.names:
        submodule = f"{module}.{alias.name}"
        yield submodule if submodule in modules() else module


def _walk(node: ast.AST, in_function: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, in_function
        nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
        yield from _walk(child, nested)


@cache
def tree(name: str) -> ast.Module:
    path = modules()[name]
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


@cache
def imports() -> tuple[Import, ...]:
    """Every import of a ``voice`` module in the package, module-level and in functions."""
    found = []
    for source in modules():
        for node, in_function in _walk(tree(source), False):
            for target in _targets(source, node):
                if target == "voice" or target.startswith("voice."):
                    found.append(Import(source, target, node.lineno, in_function))
    return tuple(found)


def part(module: str) -> str:
    """The part of ``voice`` a module belongs to: its subpackage or top-level module name."""
    names = module.split(".")
    return names[1] if len(names) > 1 else "voice"


def allowed(source: str, target: str) -> bool:
    here, there = part(source), part(target)
    if here in ANYTHING or there in (here, "errors") or target == "voice":
        return True
    rules = ALLOWED.get(here, frozenset())
    return there in rules or ".".join(target.split(".")[1:3]) in rules


def import_graph() -> dict[str, set[str]]:
    """Module -> the ``voice`` modules it imports, at any level."""
    graph: dict[str, set[str]] = {name: set() for name in modules()}
    for found in imports():
        if found.target in graph and found.target != found.source:
            graph[found.source].add(found.target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group: list[str] = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def long_functions() -> Iterator[str]:
    for name in modules():
        for node in ast.walk(tree(name)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    yield f"{name}.{node.name} ({length} lines, line {node.lineno})"


def found_violations(rule: str) -> set[str]:
    """Cases of ``rule`` in today's tree, in the form ``KNOWN_EXCEPTIONS`` lists them."""
    if rule == "function-import":
        return {f"{i.source} -> {i.target}" for i in imports() if i.in_function}
    if rule == "dependency":
        return {f"{i.source} -> {i.target}" for i in imports() if not allowed(i.source, i.target)}
    if rule == "module-size":
        return {name for name, path in modules().items() if _lines(path) > MAX_MODULE_LINES}
    raise ValueError(rule)


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def _unexpected(rule: str) -> str:
    """The cases of ``rule`` not in ``KNOWN_EXCEPTIONS``, one per line ("" when none)."""
    known = {case for kind, case in KNOWN_EXCEPTIONS if kind == rule}
    return "\n".join(sorted(found_violations(rule) - known))


def test_the_graph_is_read() -> None:
    """Control: the walk finds imports at both levels and resolves submodules."""
    found = {(i.source, i.target) for i in imports()}
    assert ("voice.__main__", "voice.cli.main") in found
    assert ("voice.dialog.core", "voice.questions.matcher") in found
    assert len(modules()) > 40 and len(found) > 150


def test_the_cycle_finder_finds_cycles() -> None:
    """Control: a three-module loop and a self-contained pair are found, a chain is not."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"e"}, "e": {"d"}, "f": {"a"}}
    assert cycles(graph) == [["a", "b", "c"], ["d", "e"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    found = cycles(import_graph())
    assert found == [], "import cycles (module-level and lazy imports):\n" + "\n".join(
        " -> ".join(group) for group in found
    )


def test_no_function_level_imports_of_voice_modules() -> None:
    """Lazy imports hide the real dependencies (and cycles); only optional third-party engine
    packages such as vosk may be imported inside their adapter."""
    unexpected = _unexpected("function-import")
    assert not unexpected, f"move these imports to the top of the module:\n{unexpected}"


def test_packages_import_only_what_the_layering_allows() -> None:
    unexpected = _unexpected("dependency")
    assert not unexpected, f"imports the layering forbids (see ALLOWED):\n{unexpected}"


def test_language_imports_nothing_else_from_voice() -> None:
    """Spelled out because it is the root of the graph: only ``voice.errors`` and itself."""
    outside = {i.target for i in imports() if part(i.source) == "language"} - {"voice.errors"}
    assert {part(target) for target in outside} <= {"language"}


@pytest.mark.parametrize(
    "package", sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py")), ids=str
)
def test_every_subpackage_says_what_it_holds(package: str) -> None:
    docstring = ast.get_docstring(tree(f"voice.{package}"))
    assert docstring and len(docstring.split()) >= 5, f"voice/{package}/__init__.py: no docstring"


def test_modules_are_small() -> None:
    unexpected = _unexpected("module-size")
    assert not unexpected, f"modules over {MAX_MODULE_LINES} lines:\n{unexpected}"


def test_functions_are_short() -> None:
    long = "\n".join(sorted(long_functions()))
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines:\n{long}"


def test_known_exceptions_still_occur() -> None:
    """A fixed case must leave ``KNOWN_EXCEPTIONS`` in the same change, or it hides a relapse."""
    gone = sorted(
        f"{rule}: {case}" for rule, case in KNOWN_EXCEPTIONS if case not in found_violations(rule)
    )
    assert gone == [], "fixed: remove these from KNOWN_EXCEPTIONS"


def test_the_rules_name_real_parts() -> None:
    parts = {part(name) for name in modules()} - {"voice"}
    named = set(ALLOWED) | {re.sub(r"\..*", "", p) for rules in ALLOWED.values() for p in rules}
    assert named <= parts and parts - ANYTHING <= set(ALLOWED)


TESTS = PACKAGE.parent / "tests"
BLOCKING_WITHOUT_ARGUMENTS = frozenset({"wait", "join", "get", "communicate", "listen"})
"""Methods that block without limit when called bare: a process's or a thread's ``wait()`` /
``join()``, a queue's ``get()``, ``communicate()``, a listener's ``listen()`` (``str.join`` and
``dict.get`` always take an argument, so they do not match)."""
RUNNERS = frozenset({"run", "check_output", "check_call", "call"})
"""``subprocess`` functions that wait for the process and so need ``timeout=``."""


def unbounded_waits(source: str, filename: str) -> Iterator[str]:
    """Calls in test code that can wait forever: bare blocking methods, subprocess runs without
    ``timeout=``, and ``pytest.importorskip`` (which turns a broken install into a skip)."""
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name, owner = node.func.attr, node.func.value
        bare = not node.args and not node.keywords
        if name in BLOCKING_WITHOUT_ARGUMENTS and bare:
            yield f"{filename}:{node.lineno}: .{name}() without a timeout"
        runner = isinstance(owner, ast.Name) and owner.id == "subprocess" and name in RUNNERS
        if runner and "timeout" not in {k.arg for k in node.keywords}:
            yield f"{filename}:{node.lineno}: subprocess.{name}() without timeout="
        if isinstance(owner, ast.Name) and owner.id == "pytest" and name == "importorskip":
            yield f"{filename}:{node.lineno}: importorskip (use tests.support.needs.need_package)"


def test_the_wait_finder_finds_unbounded_waits() -> None:
    """Control: each kind of unbounded wait is found, its bounded form is not."""
    source = (
        "p.wait()\nt.join()\nq.get()\np.communicate()\nlistener.listen()\n"
        "subprocess.run(['x'])\npytest.importorskip('vosk')\n"
        "p.wait(timeout=1)\nt.join(2)\nq.get(timeout=1)\n' '.join(x)\nd.get('k')\n"
        "subprocess.run(['x'], timeout=5)\n"
    )
    assert [line.split(":")[1] for line in unbounded_waits(source, "t.py")] == [
        str(n) for n in range(1, 8)
    ]


def test_every_wait_in_the_tests_has_a_timeout() -> None:
    """A missed event must fail its test with a message, not hang the run (see
    tests/support/waiting.py for the helpers); a missing project package must fail, not skip."""
    found = [
        problem
        for path in sorted(TESTS.rglob("*.py"))
        for problem in unbounded_waits(
            path.read_text(encoding="utf-8"), str(path.relative_to(TESTS))
        )
    ]
    assert found == [], "\n".join(found)
