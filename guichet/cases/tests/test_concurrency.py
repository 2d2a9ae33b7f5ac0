"""Two officers change one case at the same moment: both changes must survive."""

import threading

import pytest
from django.db import connection, connections

from guichet.cases.models import Case
from guichet.cases.services import case_step_update
from guichet.testing.factories import case_make, staff_make


@pytest.mark.django_db(transaction=True)
def test_concurrent_updates_to_one_case_lose_nothing():
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("an in-memory SQLite database cannot be shared by two connections")
    officer = staff_make("officer")
    case = case_make(service_code="citizenship-grant", channel="paper")
    codes = list(case.steps.order_by("position").values_list("step_type__code", flat=True))
    # Two different steps, moved by two connections at once, several times over.
    targets = [codes[1], codes[2]]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(step_code: str) -> None:
        try:
            barrier.wait()
            case_step_update(
                case_id=case.pk, step_code=step_code, state="in_progress", actor=officer
            )
            case_step_update(case_id=case.pk, step_code=step_code, state="completed", actor=officer)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(code,)) for code in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    case = Case.objects.get(pk=case.pk)
    sequences = list(case.events.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, 7))  # 2 at receipt + 4 changes, none lost
    assert case.version == 6
    states = dict(case.steps.values_list("step_type__code", "state"))
    assert states[targets[0]] == states[targets[1]] == "completed"
