"""`{% interaction_log_for case_id as interactions %}`: the interaction log of a case, for
templates of other modules (the back-office case page) that include contact/_interactions.html
without their view knowing about it."""

from django import template
from django.utils.translation import get_language

from guichet.contact.selectors.interactions import InteractionRow, interaction_log

register = template.Library()


@register.simple_tag
def interaction_log_for(case_id: int) -> list[InteractionRow]:
    language = "fr" if (get_language() or "").startswith("fr") else "en"
    return interaction_log(case_id=case_id, language=language)
