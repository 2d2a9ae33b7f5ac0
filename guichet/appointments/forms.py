"""Forms of the appointments pages. They only carry text: the services check it and name the
field at fault, so every error is one bilingual sentence."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guichet.appointments.countries import country_name


class PostalCodeForm(forms.Form):
    postal_code = forms.CharField(label=_("Postal code"), required=False, strip=True)


class AbroadForm(forms.Form):
    country = forms.CharField(label=_("Country"), required=False, strip=True)
    city = forms.CharField(label=_("City"), required=False, strip=True)


def country_choices(codes: list[str]) -> list[tuple[str, str]]:
    return sorted(((code, country_name(code)) for code in codes), key=lambda c: c[1])


class SlotForm(forms.Form):
    slot = forms.CharField(label=_("Time"), required=False)

    def slot_id(self) -> int | None:
        value = str(self.data.get("slot") or "").strip()
        return int(value) if value.isdigit() and len(value) < 12 else None
