"""The apps form layers, and every arrow between them points down.

    portal       settings, users, the access policy, shared infrastructure (PDF, imports,
                 periods, spreadsheets)
    audit        the audit log of changes and of views of personal data
    districts    territory and the inspector's workspace (the survey's answers and index too)
    trust        the residents' survey pages, the report-meeting notice, comment moderation
    volunteers   the Law No. 590 register and volunteers
    councils     partners, public councils, joint actions
    reports      statistics, quarterly reports, roll-ups
    residents    the resident site (public pages)        } side by side: neither imports
    api          the open-data API                       } the other
    demo         demo data, on top of everything

An app may use an app below it, never one above or beside it: in Python (`import`, at any
depth of a module) and in templates (`{% load %}` of another app's tag library,
`{% include %}` and `{% extends %}` of another app's template). Migrations are history
and are left out.
"""

import ast
import re
from pathlib import Path

from django.conf import settings

LAYERS = [
    {"portal"},
    {"audit"},
    {"districts"},
    {"trust"},
    {"volunteers"},
    {"councils"},
    {"reports"},
    {"residents", "api"},
    {"demo"},
]
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}
ROOT = Path(settings.BASE_DIR)
TEMPLATE_TAG = re.compile(r"{%\s*(load|include|extends)\s+([^%]+?)\s*%}")


def python_imports(path: Path):
    """(line, imported module) for every absolute import in a Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def tag_libraries():
    """Template tag library name -> the app that defines it."""
    return {
        module.stem: app
        for app in LEVEL
        for module in (ROOT / app / "templatetags").glob("*.py")
        if module.stem != "__init__"
    }


def template_uses(path: Path, libraries):
    """(line, app) for every other app's tag library or template a template uses."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for kind, argument in TEMPLATE_TAG.findall(line):
            if kind == "load":
                names = [n for n in argument.split() if n != "from"]
                for name in names:
                    if name in libraries:
                        yield number, libraries[name]
            else:
                target = argument.split()[0].strip("\"'")
                app = target.split("/", 1)[0]
                if app in LEVEL and "/" in target:
                    yield number, app


def app_of_template(path: Path, root: Path) -> str:
    relative = path.relative_to(root / "templates")
    first = relative.parts[0]
    # The page frame, shared includes and sign-in pages belong to portal.
    return first if first in LEVEL and len(relative.parts) > 1 else "portal"


def arrows_up(python_files, template_files, root=ROOT):
    """Every import or template use that points at the same layer or above."""
    libraries = tag_libraries()
    found = []
    for path, app in python_files:
        for line, module in python_imports(path):
            target = module.split(".")[0]
            if target in LEVEL and target != app and LEVEL[target] >= LEVEL[app]:
                found.append(f"{path.relative_to(root)}:{line} {app} -> {target} ({module})")
    for path in template_files:
        app = app_of_template(path, root)
        for line, target in template_uses(path, libraries):
            if target != app and LEVEL[target] >= LEVEL[app]:
                found.append(f"{path.relative_to(root)}:{line} {app} -> {target}")
    return found


def project_python_files():
    for app in LEVEL:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, app


def project_templates():
    return sorted(p for p in (ROOT / "templates").rglob("*") if p.suffix in (".html", ".txt"))


def test_every_app_is_in_a_layer_and_installed_in_layer_order():
    local = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert local <= set(LEVEL)
    installed = [name.split(".")[0] for name in settings.INSTALLED_APPS if name in LEVEL]
    assert set(installed) == local
    # Templates and translations of a lower app come first; the demo is installed last.
    assert [LEVEL[app] for app in installed] == sorted(LEVEL[app] for app in installed)
    assert installed[-1] == "demo"


def test_every_arrow_between_apps_points_down():
    assert arrows_up(list(project_python_files()), project_templates()) == []


def test_an_arrow_up_is_caught(tmp_path):
    # A districts module importing reports inside a function, and districts templates
    # including a reports template and loading a volunteers tag library.
    module = tmp_path / "districts" / "probe.py"
    template = tmp_path / "templates" / "districts" / "probe.html"
    module.parent.mkdir()
    template.parent.mkdir(parents=True)
    module.write_text("import districts.models\n\n\ndef f():\n    from reports import models\n")
    template.write_text('{% include "reports/_snapshot.html" %}\n{% load i18n personal_data %}\n')
    found = arrows_up([(module, "districts")], [template], root=tmp_path)
    assert found == [
        "districts/probe.py:5 districts -> reports (reports)",
        "templates/districts/probe.html:1 districts -> reports",
        "templates/districts/probe.html:2 districts -> volunteers",
    ]
