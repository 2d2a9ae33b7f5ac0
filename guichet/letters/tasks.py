"""Background work of the letters module (Django's Tasks API)."""

from django_tasks import task

from guichet.letters.services import letter_render


# Below the default priority: a burst of receipts must not hold back the messages that tell
# clients about them; the letters follow when the worker has a moment.
@task(priority=-20)
def letter_render_task(letter_id: int) -> int:
    """Render a letter issued with its event; a letter already rendered is left as it is."""
    return letter_render(letter_id=letter_id).pk
