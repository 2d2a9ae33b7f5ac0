"""The texts sent to clients, as data: one entry per (purpose, channel, language).

To add a purpose, add its entries for both channels and both languages to TEMPLATES below (the
tests check that every purpose has all four and that they use the same placeholders), and, for
GC Notify, create the matching templates there and set their ids
(GC_NOTIFY_TEMPLATE_<PURPOSE>_<CHANNEL>_<LANGUAGE>).

Placeholders are written `{name}`. A template renders only when it is given exactly the
placeholders it uses: a missing or an unknown one is an error, never an empty gap or a silently
dropped value. Text messages carry the application number and the service name and nothing else
about the person.
"""

from dataclasses import dataclass
from string import Formatter

from django.utils.translation import gettext_lazy as _

from guichet.core.errors import InvalidInput

LANGUAGES = ("en", "fr")
CHANNELS = ("sms", "email")


@dataclass(frozen=True)
class MessageTemplate:
    body: str
    subject: str = ""  # e-mail only

    @property
    def placeholders(self) -> frozenset[str]:
        names = set()
        for text in (self.subject, self.body):
            names |= {field for _, field, _, _ in Formatter().parse(text) if field is not None}
        return frozenset(names)


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str


RECEIPT_EMAIL_EN = """Hello,

We received your application for: {service_name}.

Your application number is {application_number}. Keep it: you will need it to check the status \
of your application online or by phone, and whenever you contact us.

What happens next: we will check that your application is complete, then start processing it. \
If we need more information or documents from you, we will tell you.

Please do not reply to this message: this address is not monitored.

Immigration, Refugees and Citizenship Canada"""

RECEIPT_EMAIL_FR = """Bonjour,

Nous avons reçu votre demande pour le service suivant : {service_name}.

Votre numéro de demande est le {application_number}. Conservez-le : vous en aurez besoin pour \
consulter l'état de votre demande en ligne ou par téléphone, et chaque fois que vous \
communiquerez avec nous.

Prochaines étapes : nous vérifierons que votre demande est complète, puis nous commencerons à \
la traiter. Si nous avons besoin d'autres renseignements ou documents, nous vous en informerons.

Veuillez ne pas répondre à ce message : cette adresse n'est pas surveillée.

Immigration, Réfugiés et Citoyenneté Canada"""

TEMPLATES: dict[tuple[str, str, str], MessageTemplate] = {
    ("receipt_confirmation", "sms", "en"): MessageTemplate(
        body=(
            "IRCC: We received your application {application_number} ({service_name}). "
            "We will contact you if we need anything else. Reply STOP to stop these texts."
        ),
    ),
    ("receipt_confirmation", "sms", "fr"): MessageTemplate(
        body=(
            "IRCC : Nous avons reçu votre demande {application_number} ({service_name}). "
            "Nous communiquerons avec vous si nous avons besoin d'autre chose. "
            "Répondez ARRET pour ne plus recevoir ces textos."
        ),
    ),
    ("receipt_confirmation", "email", "en"): MessageTemplate(
        subject="We received your application {application_number}",
        body=RECEIPT_EMAIL_EN,
    ),
    ("receipt_confirmation", "email", "fr"): MessageTemplate(
        subject="Nous avons reçu votre demande {application_number}",
        body=RECEIPT_EMAIL_FR,
    ),
}

# Client accounts (guichet.accounts): confirming an address, passwords, linked applications and
# updates on them. These carry a link and nothing about the person or the application.
SIGN_OFF_EN = """Please do not reply to this message: this address is not monitored.

Immigration, Refugees and Citizenship Canada"""

SIGN_OFF_FR = """Veuillez ne pas répondre à ce message : cette adresse n'est pas surveillée.

Immigration, Réfugiés et Citoyenneté Canada"""

ACCOUNT_TEMPLATES: dict[tuple[str, str, str], MessageTemplate] = {
    ("account_email_verification", "sms", "en"): MessageTemplate(
        body="IRCC: Confirm the e-mail address of your Guichet account: {url}",
    ),
    ("account_email_verification", "sms", "fr"): MessageTemplate(
        body="IRCC : Confirmez l'adresse courriel de votre compte Guichet : {url}",
    ),
    ("account_email_verification", "email", "en"): MessageTemplate(
        subject="Confirm your e-mail address for your Guichet account",
        body=f"""Hello,

To finish opening your Guichet account, confirm your e-mail address by opening this link:

{{url}}

The link works for 3 days. If you did not ask to open an account, ignore this message: the \
account cannot be used without this confirmation.

{SIGN_OFF_EN}""",
    ),
    ("account_email_verification", "email", "fr"): MessageTemplate(
        subject="Confirmez votre adresse courriel pour votre compte Guichet",
        body=f"""Bonjour,

Pour terminer l'ouverture de votre compte Guichet, confirmez votre adresse courriel en ouvrant \
ce lien :

{{url}}

Le lien est valide pendant 3 jours. Si vous n'avez pas demandé à ouvrir un compte, ignorez ce \
message : le compte ne peut pas être utilisé sans cette confirmation.

{SIGN_OFF_FR}""",
    ),
    ("account_exists", "sms", "en"): MessageTemplate(
        body=(
            "IRCC: Someone tried to open a Guichet account with your address, which already has "
            "one. Sign in: {sign_in_url} Forgot your password? {reset_url}"
        ),
    ),
    ("account_exists", "sms", "fr"): MessageTemplate(
        body=(
            "IRCC : Quelqu'un a tenté d'ouvrir un compte Guichet avec votre adresse, qui en a "
            "déjà un. Connexion : {sign_in_url} Mot de passe oublié? {reset_url}"
        ),
    ),
    ("account_exists", "email", "en"): MessageTemplate(
        subject="Someone tried to open a Guichet account with your e-mail address",
        body=f"""Hello,

Someone tried to open a new Guichet account with this e-mail address, but it already has an \
account.

If it was you, sign in: {{sign_in_url}}

If you forgot your password, you can choose a new one: {{reset_url}}

If it was not you, you do not need to do anything: your account has not changed.

{SIGN_OFF_EN}""",
    ),
    ("account_exists", "email", "fr"): MessageTemplate(
        subject="Tentative d'ouverture d'un compte Guichet avec votre adresse courriel",
        body=f"""Bonjour,

Quelqu'un a tenté d'ouvrir un nouveau compte Guichet avec cette adresse courriel, mais un \
compte y est déjà associé.

Si c'était vous, connectez-vous : {{sign_in_url}}

Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau : {{reset_url}}

Si ce n'était pas vous, vous n'avez rien à faire : votre compte n'a pas été modifié.

{SIGN_OFF_FR}""",
    ),
    ("account_password_reset", "sms", "en"): MessageTemplate(
        body="IRCC: To choose a new password for your Guichet account, open within an hour: {url}",
    ),
    ("account_password_reset", "sms", "fr"): MessageTemplate(
        body=(
            "IRCC : Pour choisir un nouveau mot de passe pour votre compte Guichet, ouvrez d'ici "
            "une heure : {url}"
        ),
    ),
    ("account_password_reset", "email", "en"): MessageTemplate(
        subject="Choose a new password for your Guichet account",
        body=f"""Hello,

We received a request to choose a new password for your Guichet account. To choose it, open \
this link within one hour:

{{url}}

If you did not ask for this, ignore this message: your password stays the same.

{SIGN_OFF_EN}""",
    ),
    ("account_password_reset", "email", "fr"): MessageTemplate(
        subject="Choisissez un nouveau mot de passe pour votre compte Guichet",
        body=f"""Bonjour,

Nous avons reçu une demande pour choisir un nouveau mot de passe pour votre compte Guichet. \
Pour le choisir, ouvrez ce lien d'ici une heure :

{{url}}

Si vous n'avez pas fait cette demande, ignorez ce message : votre mot de passe reste le même.

{SIGN_OFF_FR}""",
    ),
    ("case_linked_elsewhere", "sms", "en"): MessageTemplate(
        body=(
            "IRCC: An application in your Guichet account was added to another account. If you "
            "do not know who did this, contact us. {status_url}"
        ),
    ),
    ("case_linked_elsewhere", "sms", "fr"): MessageTemplate(
        body=(
            "IRCC : Une demande de votre compte Guichet a été ajoutée à un autre compte. Si vous "
            "ne savez pas qui l'a fait, communiquez avec nous. {status_url}"
        ),
    ),
    ("case_linked_elsewhere", "email", "en"): MessageTemplate(
        subject="An application in your Guichet account was added to another account",
        body=f"""Hello,

An application that you follow in your Guichet account has just been added to another Guichet \
account. The person who added it gave the details of the application: its number or the \
applicant's client identifier, with names and date of birth.

If you know about this, for example because a family member or a representative follows the \
application too, you do not need to do anything.

If you do not know who did this, contact us. You can see the application here:

{{status_url}}

{SIGN_OFF_EN}""",
    ),
    ("case_linked_elsewhere", "email", "fr"): MessageTemplate(
        subject="Une demande de votre compte Guichet a été ajoutée à un autre compte",
        body=f"""Bonjour,

Une demande que vous suivez dans votre compte Guichet vient d'être ajoutée à un autre compte \
Guichet. La personne qui l'a ajoutée a fourni les renseignements de la demande : son numéro ou \
l'identificateur client du demandeur, avec les noms et la date de naissance.

Si vous êtes au courant, par exemple parce qu'un membre de votre famille ou un représentant \
suit aussi la demande, vous n'avez rien à faire.

Si vous ne savez pas qui l'a fait, communiquez avec nous. Vous pouvez consulter la demande ici :

{{status_url}}

{SIGN_OFF_FR}""",
    ),
    ("case_update", "sms", "en"): MessageTemplate(
        body=(
            "IRCC: There is news about your application. See what changed: {status_url} "
            "Reply STOP to stop these texts."
        ),
    ),
    ("case_update", "sms", "fr"): MessageTemplate(
        body=(
            "IRCC : Il y a du nouveau dans votre demande. Voyez ce qui a changé : {status_url} "
            "Répondez ARRET pour ne plus recevoir ces textos."
        ),
    ),
    ("case_update", "email", "en"): MessageTemplate(
        subject="There is news about your application",
        body=f"""Hello,

Your application has been updated. To see what changed and whether you need to do anything, \
sign in to your Guichet account:

{{status_url}}

You receive this message because you asked for updates on this application. To stop them, \
change your choices on the application's page.

{SIGN_OFF_EN}""",
    ),
    ("case_update", "email", "fr"): MessageTemplate(
        subject="Du nouveau dans votre demande",
        body=f"""Bonjour,

Votre demande a été mise à jour. Pour voir ce qui a changé et savoir si vous devez faire \
quelque chose, connectez-vous à votre compte Guichet :

{{status_url}}

Vous recevez ce message parce que vous avez demandé à recevoir les mises à jour de cette \
demande. Pour ne plus les recevoir, modifiez vos choix sur la page de la demande.

{SIGN_OFF_FR}""",
    ),
}
TEMPLATES.update(ACCOUNT_TEMPLATES)

# Contact centre (guichet.contact): the status asked for on the phone line, an agent's follow-up,
# and the answer to a web enquiry (which stays behind sign-in: the message carries a link).
CONTACT_TEMPLATES: dict[tuple[str, str, str], MessageTemplate] = {
    ("status_by_phone", "sms", "en"): MessageTemplate(
        body=(
            "IRCC: Status of your application {application_number} ({service_name}), last "
            "changed on {date}: {status}"
        ),
    ),
    ("status_by_phone", "sms", "fr"): MessageTemplate(
        body=(
            "IRCC : État de votre demande {application_number} ({service_name}), mise à jour "
            "le {date} : {status}"
        ),
    ),
    ("status_by_phone", "email", "en"): MessageTemplate(
        subject="The status of your application {application_number}",
        body=f"""Hello,

As you asked on our automated phone line, here is the status of your application \
{{application_number}} ({{service_name}}).

{{status}}

The last change to your application was made on {{date}}.

{SIGN_OFF_EN}""",
    ),
    ("status_by_phone", "email", "fr"): MessageTemplate(
        subject="L'état de votre demande {application_number}",
        body=f"""Bonjour,

Comme vous l'avez demandé sur notre ligne téléphonique automatisée, voici l'état de votre \
demande {{application_number}} ({{service_name}}).

{{status}}

La dernière mise à jour de votre demande date du {{date}}.

{SIGN_OFF_FR}""",
    ),
    ("agent_follow_up", "sms", "en"): MessageTemplate(
        body="IRCC, about your application {application_number} ({service_name}): {message}",
    ),
    ("agent_follow_up", "sms", "fr"): MessageTemplate(
        body="IRCC, au sujet de votre demande {application_number} ({service_name}) : {message}",
    ),
    ("agent_follow_up", "email", "en"): MessageTemplate(
        subject="About your application {application_number}",
        body=f"""Hello,

Following your contact with our client support centre, here is a message about your \
application {{application_number}} ({{service_name}}):

{{message}}

{SIGN_OFF_EN}""",
    ),
    ("agent_follow_up", "email", "fr"): MessageTemplate(
        subject="Au sujet de votre demande {application_number}",
        body=f"""Bonjour,

À la suite de votre communication avec notre centre de soutien à la clientèle, voici un message \
au sujet de votre demande {{application_number}} ({{service_name}}) :

{{message}}

{SIGN_OFF_FR}""",
    ),
    ("enquiry_answer", "sms", "en"): MessageTemplate(
        body=(
            "IRCC: We answered your question about application {application_number}. "
            "Sign in to read the answer: {enquiry_url}"
        ),
    ),
    ("enquiry_answer", "sms", "fr"): MessageTemplate(
        body=(
            "IRCC : Nous avons répondu à votre question sur la demande {application_number}. "
            "Connectez-vous pour lire la réponse : {enquiry_url}"
        ),
    ),
    ("enquiry_answer", "email", "en"): MessageTemplate(
        subject="We answered your question about application {application_number}",
        body=f"""Hello,

We have answered the question you sent us about your application {{application_number}}. To \
read the answer, sign in to your Guichet account:

{{enquiry_url}}

If you have another question, you can send it from the same page.

{SIGN_OFF_EN}""",
    ),
    ("enquiry_answer", "email", "fr"): MessageTemplate(
        subject="Nous avons répondu à votre question sur la demande {application_number}",
        body=f"""Bonjour,

Nous avons répondu à la question que vous nous avez envoyée au sujet de votre demande \
{{application_number}}. Pour lire la réponse, connectez-vous à votre compte Guichet :

{{enquiry_url}}

Si vous avez une autre question, vous pouvez l'envoyer à partir de la même page.

{SIGN_OFF_FR}""",
    ),
}
TEMPLATES.update(CONTACT_TEMPLATES)


def purposes() -> list[str]:
    return sorted({purpose for purpose, _channel, _language in TEMPLATES})


def template_get(*, purpose: str, channel: str, language: str) -> MessageTemplate:
    """The template, or an error naming what is unknown: the purpose, channel or language."""
    if purpose not in purposes():
        raise InvalidInput(
            _("Unknown notification purpose “%(purpose)s”."), field="purpose", purpose=purpose
        )
    if channel not in CHANNELS:
        raise InvalidInput(
            _("Unknown channel “%(channel)s”: use sms or email."), field="channel", channel=channel
        )
    if language not in LANGUAGES:
        raise InvalidInput(
            _("Unknown language “%(language)s”: use en or fr."), field="language", language=language
        )
    template = TEMPLATES.get((purpose, channel, language))
    if template is None:
        raise InvalidInput(
            _("There is no %(channel)s message for “%(purpose)s” in “%(language)s”."),
            field="channel",
            channel=channel,
            purpose=purpose,
            language=language,
        )
    return template


def template_render(
    *, purpose: str, channel: str, language: str, context: dict[str, str]
) -> RenderedMessage:
    """Fill in the template; refuse a missing, empty, unknown or non-text placeholder."""
    template = template_get(purpose=purpose, channel=channel, language=language)
    expected = template.placeholders
    given = set(context)
    unknown = sorted(given - expected)
    if unknown:
        raise InvalidInput(
            _("Unknown placeholder “%(name)s” for “%(purpose)s”."),
            field=f"context.{unknown[0]}",
            name=unknown[0],
            purpose=purpose,
        )
    for name in sorted(expected):
        value = context.get(name)
        if not isinstance(value, str) or not value.strip():
            raise InvalidInput(
                _("The placeholder “%(name)s” is missing for “%(purpose)s”."),
                field=f"context.{name}",
                name=name,
                purpose=purpose,
            )
    # One line each, so a value cannot forge a line of the message.
    values = {name: " ".join(context[name].split()) for name in expected}
    return RenderedMessage(
        subject=template.subject.format(**values), body=template.body.format(**values)
    )
