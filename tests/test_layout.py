"""The suite's own layout: every factory defined once, in tests/factories/, and no test module
importing another test module (what several need lives in tests/factories/, tests/builders/ or a
named helper module). Read from the source with `ast`, so nothing is imported to find them."""

import ast
from pathlib import Path

import tests.factories

TESTS = Path(__file__).resolve().parent
FACTORIES = TESTS / "factories"


def factory_classes(tree):
    """The classes of a module that are factories: those based on DjangoModelFactory (or
    factory.django.DjangoModelFactory) or on another class named `...Factory`."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        bases = [
            b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases
        ]
        if any(base.endswith("Factory") for base in bases):
            found.append(node.name)
    return found


def is_test_module(name):
    return any(part.startswith("test_") for part in name.split("."))


def imported_test_modules(tree, package):
    """The test modules a module imports (`package` is its own, for relative imports)."""
    imported = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported += [a.name for a in node.names if is_test_module(a.name)]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            if is_test_module(base):
                imported.append(base)
            else:
                imported += [f"{base}.{a.name}" for a in node.names if a.name.startswith("test_")]
    return imported


def modules():
    """(dotted name, path, tree) of every Python file of the suite."""
    for path in sorted(TESTS.rglob("*.py")):
        parts = path.relative_to(TESTS.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_factories_live_in_tests_factories():
    outside = [
        f"{path.relative_to(TESTS.parent)}: {name}"
        for _module, path, tree in modules()
        if FACTORIES not in path.parents
        for name in factory_classes(tree)
    ]
    assert outside == [], "define factories in tests/factories/<app>.py"


def test_every_factory_is_defined_once_and_exported():
    defined = {}
    for _module, path, tree in modules():
        for name in factory_classes(tree):
            defined.setdefault(name, []).append(str(path.relative_to(TESTS.parent)))
    assert {name: paths for name, paths in defined.items() if len(paths) > 1} == {}
    assert len(defined) > 30  # the walk found the factories
    missing = [name for name in defined if not hasattr(tests.factories, name)]
    assert missing == [], "re-export them from tests/factories/__init__.py"


def test_no_module_imports_a_test_module():
    offending = {}
    for module, path, tree in modules():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        if imported := imported_test_modules(tree, package):
            offending[str(path.relative_to(TESTS.parent))] = imported
    assert offending == {}, "move what they share to tests/builders/ or a helper module"


# --- the checks themselves catch what they are for -------------------------------------------


def test_the_checks_see_factories_and_test_module_imports():
    source = ast.parse(
        "import factory\n"
        "from factory.django import DjangoModelFactory\n"
        "from tests.factories import BeatFactory\n"
        "from tests.councils.test_partners import PartnerFactory\n"
        "from tests.browser import test_find_beat\n"
        "from .test_assembly import build_quarter\n"
        "import tests.reports.test_assembly\n"
        "from tests.builders.reports import build_quarter as bq\n"
        "class A(DjangoModelFactory): pass\n"
        "class B(factory.django.DjangoModelFactory): pass\n"
        "class C(BeatFactory): pass\n"
        "class D: pass\n"
    )
    assert factory_classes(source) == ["A", "B", "C"]
    assert imported_test_modules(source, "tests.reports") == [
        "tests.councils.test_partners",
        "tests.browser.test_find_beat",
        "tests.reports.test_assembly",
        "tests.reports.test_assembly",
    ]
