#!/usr/bin/env python3
"""Fail when an ORM write appears outside a `services` module (the convention of ADR 0003).

Writes are found in the syntax tree, not by grep: a call of `.save()`, `.delete()`,
`.full_clean()`-free `.create()`/`.update()`/`.bulk_create()`/`.bulk_update()`/
`.get_or_create()`/`.update_or_create()` on a manager or queryset (a chain through `.objects`
or a related manager), and `cursor.execute()` of INSERT, UPDATE or DELETE. Allowed in
`services.py`, `services/`, migrations, tests, factories, the demo seeders, the audit trail's
append and the roles the data migrations grant.
A line that must write elsewhere says why with `# write-ok: <reason>` on it.

Writes that predate the check are listed in `scripts/check_writes.baseline` (file and call,
with a count, so line moves do not matter); the check fails on any write beyond it, and says
when a listed one is gone so the list only shrinks (`--update-baseline` rewrites it).

    python scripts/check_writes.py [--update-baseline]
"""

from __future__ import annotations

import ast
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scripts" / "check_writes.baseline"
MANAGER_WRITES = {
    "create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
INSTANCE_WRITES = {"save", "delete"}
SQL_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# Objects whose .save()/.delete() are not database writes.
NOT_MODELS = re.compile(r"(session|cache|storage|image|img|photo|buffer|fp|file)s?$", re.I)


def allowed_file(path: Path) -> bool:
    parts = set(path.parts)
    return bool(
        path.name == "services.py"
        or "services" in parts
        or "migrations" in parts
        or "tests" in parts
        or path.name in {"factories.py", "conftest.py"}
        # Synthetic demo data, written in bulk by the seeders (guichet/demo, */demo.py).
        or "demo" in parts
        or path.name == "demo.py"
        # The audit trail's own append, and the roles that data migrations grant.
        or path.parts[-2:] in {("core", "audit.py"), ("core", "roles.py")}
    )


def chain(node: ast.AST) -> list[str]:
    """The dotted names of an attribute chain, innermost first: a.b.c() → [a, b, c]."""
    names: list[str] = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            break
        else:
            break
    return list(reversed(names))


def writes(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        method = node.func.attr
        names = chain(node.func.value)
        receiver = names[-1] if names else ""
        through_manager = "objects" in names or receiver.endswith("_set")
        if method in MANAGER_WRITES and through_manager:
            yield node.lineno, f"{'.'.join(names)}.{method}()"
        elif method in INSTANCE_WRITES and not through_manager and not node.args:
            if receiver and not NOT_MODELS.search(receiver) and receiver != "super":
                yield node.lineno, f"{'.'.join(names)}.{method}()"
        elif method == "execute" and node.args:
            first = node.args[0]
            text = first.value if isinstance(first, ast.Constant) else None
            if isinstance(first, ast.JoinedStr):
                text = "".join(v.value for v in first.values if isinstance(v, ast.Constant))
            if isinstance(text, str) and SQL_WRITE.search(text):
                yield node.lineno, "SQL write through cursor.execute()"


def found_writes(base: Path) -> Iterator[tuple[str, int, str]]:
    for path in sorted(base.rglob("*.py")):
        relative = path.resolve().relative_to(ROOT)
        if allowed_file(relative):
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for lineno, what in writes(ast.parse(source, filename=str(path))):
            if "write-ok:" not in lines[lineno - 1]:
                yield str(relative), lineno, what


def baseline_read() -> Counter[str]:
    known: Counter[str] = Counter()
    if BASELINE.is_file():
        for line in BASELINE.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                count, key = line.split(" ", 1)
                known[key] = int(count)
    return known


def main(argv: list[str]) -> int:
    found = list(found_writes(ROOT / "guichet"))
    counts = Counter(f"{path}: {what}" for path, _lineno, what in found)
    if "--update-baseline" in argv:
        header = "# ORM writes outside services modules that predate scripts/check_writes.py.\n"
        body = "".join(f"{n} {key}\n" for key, n in sorted(counts.items()))
        BASELINE.write_text(header + body, encoding="utf-8")
        print(f"{BASELINE.name}: {sum(counts.values())} write(s) listed")
        return 0
    known = baseline_read()
    new = counts - known
    gone = known - counts
    for path, lineno, what in found:
        if new[f"{path}: {what}"] > 0:
            print(f"{path}:{lineno}: {what} outside a services module")
    if gone:
        print(
            f"{sum(gone.values())} write(s) listed in {BASELINE.name} are gone: run "
            "'python scripts/check_writes.py --update-baseline' so the list only shrinks."
        )
    if new:
        print(
            f"\n{sum(new.values())} new ORM write(s) outside a services module. Move each into "
            "the app's services (a keyword-only function named <entity>_<action>), or, where a "
            "write must stay, say why on its line with '# write-ok: <reason>'.",
            file=sys.stderr,
        )
        return 1
    if gone:
        return 1
    print(f"ORM writes: none outside services modules beyond the {sum(known.values())} listed.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
