"""Intake pages, under /en/… and /fr/… with translated paths."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from guichet.intake.views.mailroom import mailroom_screen
from guichet.intake.views.pr_card import pr_card_done, pr_card_start, pr_card_step
from guichet.intake.views.visitor_visa import (
    visitor_visa_apply,
    visitor_visa_done,
    visitor_visa_questions,
)

app_name = "intake"
urlpatterns = [
    path(_("mailroom/"), mailroom_screen, name="mailroom"),
    path(_("pr-card/"), pr_card_start, name="pr_card_start"),
    path(_("pr-card/step/<int:number>/"), pr_card_step, name="pr_card_step"),
    path(_("pr-card/confirmation/"), pr_card_done, name="pr_card_done"),
    path(_("visitor-visa/"), visitor_visa_questions, name="visitor_visa"),
    path(_("visitor-visa/apply/"), visitor_visa_apply, name="visitor_visa_apply"),
    path(_("visitor-visa/confirmation/"), visitor_visa_done, name="visitor_visa_done"),
]
