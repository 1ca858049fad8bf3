"""No production function runs over 80 lines without a line above it saying why.

A function longer than ``MAX_LINES`` (from its ``def`` to its last line, nested functions
included) is split into well-named steps, or carries a ``# long: <why>`` comment on the
line right above it (above its decorators, if any), for when splitting would make it
harder to read. Reviewers read the reason; this test only checks that there is one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import ROOT

MAX_LINES = 80
MARKER = "# long:"
PACKAGES = ("marketplace", "coop_reporting", "web", "storefront_api")

# Long functions not split yet, by package and qualified name: split or justified each
# one that is listed. This list only shrinks (empty now: keep it so).
NOT_YET_SPLIT: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class LongFunction:
    path: str  # relative to the repository, with "/"
    name: str  # qualified: Class.method, outer.inner
    line: int
    lines: int
    justified: bool

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.name} ({self.lines} lines)"


def _justified(source_lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A ``# long: <why>`` comment (with a reason) among the comment lines right above the
    function or its first decorator."""
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    index = first - 2  # the line above, 0-based
    while index >= 0 and source_lines[index].strip().startswith("#"):
        text = source_lines[index].strip()
        if text.startswith(MARKER) and text[len(MARKER) :].strip():
            return True
        index -= 1
    return False


def _functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, ast.AST]]:
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            yield prefix + child.name, child
            yield from _functions(child, f"{prefix}{child.name}.")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, f"{prefix}{child.name}.")
        else:
            yield from _functions(child, prefix)


def long_functions(root: Path = ROOT) -> list[LongFunction]:
    """Every function of the production packages over ``MAX_LINES`` lines."""
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            source = path.read_text(encoding="utf-8")
            source_lines = source.splitlines()
            relative = path.relative_to(root).as_posix()
            for name, node in _functions(ast.parse(source, filename=relative)):
                assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                assert node.end_lineno is not None
                length = node.end_lineno - node.lineno + 1
                if length > MAX_LINES:
                    justified = _justified(source_lines, node)
                    found.append(LongFunction(relative, name, node.lineno, length, justified))
    return found


def _allowed(function: LongFunction) -> bool:
    return any(
        function.path.startswith(where) and function.name == name for where, name in NOT_YET_SPLIT
    )


def test_no_function_runs_over_80_lines_without_saying_why():
    unexplained = [
        str(function)
        for function in long_functions()
        if not function.justified and not _allowed(function)
    ]
    assert not unexplained, (
        f"Split these functions into well-named steps, or put a '{MARKER} <why>' comment "
        "on the line above each:\n" + "\n".join(unexplained)
    )


def test_the_list_of_functions_not_yet_split_only_names_long_ones():
    """When a listed function is split (or moved out of the listed place), its entry goes."""
    still_long = {
        (where, function.name)
        for function in long_functions()
        if not function.justified
        for where, name in NOT_YET_SPLIT
        if function.path.startswith(where) and function.name == name
    }
    assert sorted(NOT_YET_SPLIT - still_long) == []


def test_the_check_finds_a_long_function_and_reads_its_reason(tmp_path):
    package = tmp_path / "web"
    package.mkdir()
    body = "\n".join(f"    x = {n}" for n in range(MAX_LINES))
    (package / "views.py").write_text(
        f"def short():\n    return 1\n\n\ndef too_long():\n{body}\n\n\n"
        f"# long: one table of cases reads best in one place\n@decorator\n"
        f"def explained():\n{body}\n\n\n"
        f"# long:\ndef empty_reason():\n{body}\n\n\n"
        f"class Page:\n    def method(self):\n{body.replace('    ', '        ')}\n"
    )
    for name in PACKAGES:
        (tmp_path / name).mkdir(exist_ok=True)

    found = {f.name: f for f in long_functions(tmp_path)}

    assert set(found) == {"too_long", "explained", "empty_reason", "Page.method"}
    assert found["too_long"].lines == MAX_LINES + 1
    assert found["explained"].justified
    assert not found["too_long"].justified
    assert not found["empty_reason"].justified
    assert (
        str(found["Page.method"])
        == f"web/views.py:{found['Page.method'].line} Page.method (81 lines)"
    )
