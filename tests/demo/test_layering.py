"""The demo is the top layer: it imports the apps, and no app imports it."""

import ast
from pathlib import Path

from django.conf import settings

APPS = ["portal", "districts", "volunteers", "councils", "reports"]


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def test_no_app_imports_the_demo():
    offenders = [
        f"{path}: {module}"
        for app in APPS
        for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py"))
        for module in imported_modules(path)
        if module == "demo" or module.startswith("demo.")
    ]
    assert offenders == []


def test_the_demo_is_installed_last():
    assert settings.INSTALLED_APPS[-1] == "demo"
