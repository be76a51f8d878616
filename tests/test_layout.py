"""The shape of the code: every module imports, imports run one way, and no import hides inside a function."""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["sip", "workgroups", "recommendations", "projects", "stocktaking", "following", "opendata"]
# Apps build on one another in this order; a module may import from its own app or one before it.
LAYERS = ["workgroups", "recommendations", "projects", "stocktaking", "following", "opendata", "sip"]


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules():
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
    }


MODULES = project_modules()


def imported_names(name, path):
    """(module imported, line, whether at the top level) for each import of a project module."""
    tree = ast.parse(path.read_text(), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from package import module`` imports the module; ``from module import name`` the module.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] in PACKAGES:
                found.append((target, node.lineno, id(node) in top_level))
    return found


def graph():
    return {
        name: {target for target, _line, _top in imported_names(name, path) if target in MODULES and target != name}
        for name, path in MODULES.items()
    }


def cycles(edges):
    """Each import cycle once, as the list of its modules, found by depth-first search."""
    found, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for target in sorted(edges[node]):
            if state.get(target) == "open":
                found.append(trail[trail.index(target) :] + [target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports(name):
    importlib.import_module(name)


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_back_through_others():
    assert cycles(graph()) == []


def test_apps_import_only_from_themselves_or_the_apps_below():
    climbing = [
        f"{name} imports {target}"
        for name, targets in graph().items()
        for target in targets
        if LAYERS.index(target.split(".")[0]) > LAYERS.index(name.split(".")[0])
    ]
    assert climbing == []


def test_project_modules_are_imported_at_the_top_of_a_module():
    """An import inside a function hides a dependency (or dodges a cycle); only ``AppConfig.ready`` needs one."""
    hidden = [
        f"{MODULES[name].relative_to(ROOT)}:{line} imports {target}"
        for name, path in MODULES.items()
        for target, line, top in imported_names(name, path)
        if not top and not name.endswith(".apps")
    ]
    assert hidden == []
