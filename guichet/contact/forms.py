"""Forms of the contact-centre pages. They check shape only; services decide the rest and
their errors are put back on the field they name."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guichet.contact.models import (
    AGENT_CHANNELS,
    AGENT_OUTCOMES,
    AnswerChannel,
    ContactChannel,
    ContactOutcome,
    ContactReason,
)
from guichet.core.errors import GuichetError

KIND_NUMBER = "application_number"
KIND_UCI = "uci"


CSS_CLASSES = {"select": "g-select", "textarea": "g-textarea"}


class StyledForm(forms.Form):
    """Native controls dressed with the GC Design System classes of guichet.css."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            widget = field.widget
            kind = (
                "textarea"
                if isinstance(widget, forms.Textarea)
                else getattr(widget, "input_type", "text")
            )
            widget.attrs.setdefault("class", CSS_CLASSES.get(kind, "g-input"))


def error_put(form: forms.Form, error: GuichetError, language: str) -> None:
    """Show a service's refusal on the field it names (or at the top of the form). A field
    the form already refused (Django's own length check, say) keeps its one error: the same
    problem is never reported twice."""
    field = error.field if error.field in form.fields else None
    if field is not None and field in form.errors:
        return
    form.add_error(field, error.text(language))


class EnquiryForm(StyledForm):
    # Rendered as a list of the account's applications; checked by the service, which refuses
    # (and audits) any application not linked to the account.
    case = forms.CharField(label=_("Application"), max_length=20)
    reason = forms.ChoiceField(label=_("What is your question about?"), choices=())
    question = forms.CharField(
        label=_("Your question"), max_length=2000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args: object, cases: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.cases = cases
        self.fields["reason"].choices = ContactReason.choices  # type: ignore[attr-defined]


class CallerFindForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Find the caller by"),
        choices=[(KIND_NUMBER, _("Application number")), (KIND_UCI, _("UCI"))],
        initial=KIND_NUMBER,
    )
    identifier = forms.CharField(label=_("Application number or UCI"), max_length=20)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), help_text=_("As YYYY-MM-DD, as the caller says it.")
    )


class ContactForm(StyledForm):
    channel = forms.ChoiceField(label=_("Channel"), choices=())
    reason = forms.ChoiceField(label=_("Reason"), choices=())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=())
    kb_article = forms.TypedChoiceField(
        label=_("Help-centre article used"), coerce=int, required=False, empty_value=None
    )
    summary = forms.CharField(
        label=_("Summary for the next agent"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self, *args: object, articles: list[tuple[int | str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["channel"].choices = [  # type: ignore[attr-defined]
            (c, ContactChannel(c).label) for c in AGENT_CHANNELS
        ]
        self.fields["reason"].choices = ContactReason.choices  # type: ignore[attr-defined]
        self.fields["outcome"].choices = [  # type: ignore[attr-defined]
            (o, ContactOutcome(o).label) for o in AGENT_OUTCOMES
        ]
        self.fields["kb_article"].choices = [  # type: ignore[attr-defined]
            ("", _("None")),
            *articles,
        ]


class FollowUpForm(StyledForm):
    follow_up_channel = forms.ChoiceField(label=_("Send by"), choices=AnswerChannel.choices)
    message = forms.CharField(
        label=_("Message to the client"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Write it in the client's preferred language. A text message holds at most 480 "
            "characters."
        ),
    )


class AnswerForm(StyledForm):
    answer = forms.CharField(
        label=_("Answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 8})
    )
    answer_channel = forms.ChoiceField(
        label=_("Tell the client the answer is ready by"), choices=AnswerChannel.choices
    )
