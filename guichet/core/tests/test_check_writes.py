"""scripts/check_writes.py finds ORM writes outside services modules, and only those."""

import ast
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
spec = importlib.util.spec_from_file_location("check_writes", ROOT / "scripts/check_writes.py")
assert spec is not None and spec.loader is not None
check_writes = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_writes)


def found(source: str) -> list[str]:
    return [what for _line, what in check_writes.writes(ast.parse(source))]


def test_manager_instance_and_sql_writes_are_found():
    source = """
Case.objects.create(serial=1)
Case.objects.filter(id=1).update(state="x")
case.client_set.create()
case.save()
case.delete()
cursor.execute("UPDATE cases_case SET state = 'x'")
cursor.execute(f"DELETE FROM {table} WHERE id = %s", [1])
"""
    assert len(found(source)) == 7


def test_reads_and_non_model_saves_are_not_writes():
    source = """
Case.objects.filter(id=1).first()
names.update({"a": 1})
digest.update(b"x")
request.session.save()
image.save(buffer, "JPEG")
super().save()
cursor.execute("SELECT 1")
"""
    assert found(source) == []


def test_services_migrations_and_tests_may_write():
    allowed = check_writes.allowed_file
    assert allowed(Path("guichet/cases/services.py"))
    assert allowed(Path("guichet/contact/services/interactions.py"))
    assert allowed(Path("guichet/cases/migrations/0001_initial.py"))
    assert not allowed(Path("guichet/notifications/admin.py"))
    assert not allowed(Path("guichet/cases/views.py"))


def test_the_tree_has_no_write_beyond_the_baseline():
    assert check_writes.main([]) == 0
