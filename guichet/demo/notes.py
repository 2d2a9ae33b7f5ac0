"""What an officer writes to a client in the synthetic history, in English and French.

Notes hold no personal data: the client reads them next to the step's own sentence.
"""

# What an officer writes to the client when asking for something (English, French).
NOTES: dict[str, tuple[tuple[str, str], ...]] = {
    "completeness-check": (
        (
            "Please send the receipt for your processing fee.",
            "Veuillez nous envoyer le reçu de paiement de vos frais de traitement.",
        ),
        (
            "Page 3 of your form is not signed. Please sign it and send it back to us.",
            "La page 3 de votre formulaire n'est pas signée. Veuillez la signer et "
            "nous la renvoyer.",
        ),
        (
            "Please send a clear copy of your passport's information page.",
            "Veuillez nous envoyer une copie lisible de la page de renseignements "
            "de votre passeport.",
        ),
    ),
    "automated-screening": (
        (
            "Please upload a copy of your passport and your travel plans.",
            "Veuillez téléverser une copie de votre passeport et votre itinéraire de voyage.",
        ),
    ),
    "sponsor-eligibility": (
        (
            "Your sponsor must send their latest notice of assessment.",
            "Votre répondant doit nous envoyer son dernier avis de cotisation.",
        ),
        (
            "Your sponsor must send proof of Canadian citizenship or permanent residence.",
            "Votre répondant doit fournir une preuve de citoyenneté canadienne ou "
            "de résidence permanente.",
        ),
    ),
    "eligibility": (
        (
            "Please send proof of your relationship, such as photos and joint bills.",
            "Veuillez nous envoyer des preuves de votre relation, par exemple des "
            "photos et des factures communes.",
        ),
        (
            "Please send proof that you have enough money for your stay.",
            "Veuillez nous envoyer une preuve que vous disposez de fonds "
            "suffisants pour votre séjour.",
        ),
        (
            "Please send your letter of acceptance from your school.",
            "Veuillez nous envoyer votre lettre d'acceptation de l'établissement d'enseignement.",
        ),
    ),
    "records-search": (
        (
            "Please send the date and place of birth of the parent born in Canada.",
            "Veuillez nous indiquer la date et le lieu de naissance du parent né au Canada.",
        ),
    ),
    "physical-presence": (
        (
            "Please complete the residence questionnaire and send it to us.",
            "Veuillez remplir le questionnaire sur la résidence et nous le renvoyer.",
        ),
        (
            "Please send your travel history for the past five years.",
            "Veuillez nous envoyer l'historique de vos voyages des cinq dernières années.",
        ),
    ),
    "language": (
        (
            "Please send your language test results (CELPIP, IELTS, TEF or TCF).",
            "Veuillez nous envoyer les résultats de votre test de langue (CELPIP, "
            "IELTS, TEF ou TCF).",
        ),
    ),
    "medical-exam": (
        (
            "Please have your medical exam with a panel physician within 30 days.",
            "Veuillez passer votre examen médical auprès d'un médecin désigné dans les 30 jours.",
        ),
        (
            "Your medical results have expired. Please have a new exam within 30 days.",
            "Vos résultats médicaux sont expirés. Veuillez passer un nouvel examen "
            "dans les 30 jours.",
        ),
    ),
    "biometrics": (
        (
            "Please give your biometrics at a service point within 30 days. Bring the letter.",
            "Veuillez fournir vos données biométriques dans un point de service "
            "d'ici 30 jours. Apportez la lettre.",
        ),
    ),
    "background-check": (
        (
            "Please send a police certificate from each country where you lived 6 months or more.",
            "Veuillez fournir un certificat de police de chaque pays où vous avez "
            "vécu 6 mois ou plus.",
        ),
    ),
    "knowledge-test": (
        (
            "Please take the online citizenship test within 30 days of the invitation.",
            "Veuillez passer l'examen de citoyenneté en ligne dans les 30 jours "
            "suivant l'invitation.",
        ),
    ),
    "interview": (
        (
            "Please come to your interview and bring your original identity documents.",
            "Veuillez vous présenter à votre entrevue avec les originaux de vos pièces d'identité.",
        ),
        (
            "Your interview will be held by videoconference. The link is in your notice.",
            "Votre entrevue aura lieu par vidéoconférence. Le lien figure dans "
            "votre avis de convocation.",
        ),
    ),
    "additional-documents": (
        (
            "Please send your most recent bank statements (last 6 months).",
            "Veuillez nous envoyer vos relevés bancaires des 6 derniers mois.",
        ),
        (
            "Please send a letter from your employer confirming your job and salary.",
            "Veuillez nous envoyer une lettre de votre employeur confirmant votre "
            "poste et votre salaire.",
        ),
        (
            "Please send a translation of your birth certificate by a certified translator.",
            "Veuillez nous envoyer une traduction de votre acte de naissance faite "
            "par un traducteur agréé.",
        ),
    ),
    "card-production": (
        (
            "Your photo does not meet the specifications. Please send two new photos.",
            "Votre photo ne respecte pas les normes. Veuillez nous envoyer deux nouvelles photos.",
        ),
    ),
    "travel-document-production": (
        (
            "Please confirm the address where we should send your travel document.",
            "Veuillez confirmer l'adresse où nous devons envoyer votre titre de voyage.",
        ),
    ),
    "final-decision": (
        (
            "Please send us your passport so that we can place your visa in it.",
            "Veuillez nous envoyer votre passeport afin que nous puissions y apposer votre visa.",
        ),
    ),
    "oath-ceremony": (
        (
            "Your invitation gives the date and time of your ceremony. Confirm "
            "that you will attend.",
            "Votre invitation indique la date et l'heure de votre cérémonie. "
            "Confirmez votre présence.",
        ),
        (
            "Your ceremony will be held by videoconference. The link is in your invitation.",
            "Votre cérémonie aura lieu par vidéoconférence. Le lien figure dans votre invitation.",
        ),
    ),
}
GENERIC: tuple[tuple[str, str], ...] = (
    (
        "Please read the letter in your account and send us what it asks for.",
        "Veuillez lire la lettre déposée dans votre compte et nous envoyer ce qui y est demandé.",
    ),
)
DECISION_NOTES: dict[str, tuple[str, str]] = {
    "refused": (
        "The reasons for the decision are in the letter in your account.",
        "Les motifs de la décision figurent dans la lettre déposée dans votre compte.",
    ),
    "withdrawn": (
        "We have closed your application at your request.",
        "Comme vous l'avez demandé, nous avons fermé votre dossier.",
    ),
}
