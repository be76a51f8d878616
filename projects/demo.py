"""The projects of the illustrative demo, after the seed texts: test projects of members with an animator,
hackathon cases, initiatives that local offices started on their own, and a directorate's project.

Added when ``load_demo`` fills an empty database (its ``demo_loaded`` signal), answering its recommendations.
"""

import datetime
import re

from recommendations.demo.illustrative import demo_loaded
from recommendations.models import Recommendation
from workgroups.languages import column
from workgroups.models import Office

from .models import Kind, Project, ProjectUpdate, State

CONTACT = "smartinprogress@smart.coop"


def day(text):
    return datetime.date.fromisoformat(text)


# Each project: its fields, its texts as {language: text} (the first language is the one it was written
# in, the others translations), the offices and the references of the recommendations it answers, and its
# updates as (date, texts, link).
PROJECTS = [
    {
        "slug": "afterwork-sectoraal-brussel",
        "kind": Kind.TEST_PROJECT,
        "state": State.RUNNING,
        "start_date": day("2022-10-06"),
        "contact_name": "Sofie Peeters",
        "contact_email": CONTACT,
        "offices": ["brussels", "antwerp", "ghent"],
        "answers": ["2021-BE-09", "2016-BE-12", "2016-BE-30"],
        "title": {
            "nl": "Sectorale afterworks voor vennoten",
            "fr": "Des afterworks par secteur entre membres",
            "en": "Afterworks by sector for members",
        },
        "description": {
            "nl": "Een groep vennoten test sinds het najaar van 2022 een afterwork per sector: één avond per "
            "maand ontmoeten vennoten uit hetzelfde vak elkaar om ervaringen en opdrachten te delen. Een "
            "animator helpt de groep de bijeenkomsten te organiseren en het project te laten evolueren.",
            "fr": "Depuis l'automne 2022, un groupe de membres teste un afterwork par secteur : un soir par "
            "mois, des membres du même métier se retrouvent pour partager expériences et missions. Une "
            "animatrice aide le groupe à organiser les rencontres et à faire évoluer le projet.",
        },
        "taking_part": {
            "nl": "Iedere vennoot is welkom, ook wie ver van Brussel woont: de helft van de avonden is ook "
            "online te volgen. Stuur een mailtje met je vak; je krijgt de volgende datum.",
            "fr": "Chaque membre est bienvenu, même loin de Bruxelles : la moitié des soirées se suit aussi "
            "en ligne. Envoyez un courriel avec votre métier ; vous recevrez la prochaine date.",
        },
        "updates": [
            ("2022-10-06", {"nl": "Eerste afterwork met 14 vennoten uit de podiumkunsten."}, ""),
            (
                "2023-03-02",
                {
                    "nl": "De groep kiest voor vier sectoren: podiumkunsten, grafisch ontwerp, IT en opleiding.",
                    "fr": "Le groupe retient quatre secteurs : arts de la scène, graphisme, informatique et formation.",
                },
                "",
            ),
            ("2024-01-18", {"nl": "Ook in Antwerpen en Gent vindt nu elke maand een afterwork plaats."}, ""),
        ],
    },
    {
        "slug": "petit-dejeuner-de-travail-liege-namur",
        "kind": Kind.TEST_PROJECT,
        "state": State.RUNNING,
        "start_date": day("2022-11-08"),
        "contact_name": "Julien Lambert",
        "contact_email": CONTACT,
        "offices": ["liege", "namur"],
        "answers": ["2021-BE-09", "2021-BE-10"],
        "title": {"fr": "Petits-déjeuners de travail à Liège et Namur", "nl": "Werkontbijten in Luik en Namen"},
        "description": {
            "fr": "Un petit-déjeuner de travail chaque premier mardi du mois, en alternance à Liège et à "
            "Namur : une demi-heure de tour de table, puis des échanges libres entre membres.",
        },
        "taking_part": {
            "fr": "Inscription par courriel, la veille au plus tard ; le café est offert par le bureau.",
            "nl": "Inschrijven per e-mail, uiterlijk de dag voordien; de koffie wordt aangeboden door het kantoor.",
        },
        "updates": [
            ("2022-11-08", {"fr": "Premier petit-déjeuner à Liège : 9 membres autour de la table."}, ""),
            ("2023-06-06", {"fr": "Le groupe a tenu huit rencontres ; Namur accueille la prochaine."}, ""),
        ],
    },
    {
        "slug": "meet-connect-belgique-france",
        "kind": Kind.TEST_PROJECT,
        "state": State.FINISHED,
        "start_date": day("2022-09-20"),
        "end_date": day("2023-12-15"),
        "contact_name": "Claire Morel",
        "contact_email": CONTACT,
        "offices": ["lille", "brussels"],
        "answers": ["2021-BE-09", "2021-BE-13", "2021-FR-02", "2021-FR-13"],
        "title": {
            "fr": "Meet&connect entre membres belges et français",
            "nl": "Meet&connect tussen Belgische en Franse vennoten",
            "en": "Meet&connect between Belgian and French members",
        },
        "description": {
            "fr": "Des rencontres entre membres des deux pays, une fois à Lille, une fois à Bruxelles, pour "
            "se connaître et monter des missions ensemble de part et d'autre de la frontière.",
            "nl": "Ontmoetingen tussen vennoten uit beide landen, afwisselend in Rijsel en in Brussel, om "
            "elkaar te leren kennen en samen opdrachten over de grens heen op te zetten.",
        },
        "taking_part": {
            "fr": "Le test est terminé ; son bilan est en ligne. Écrivez-nous pour être prévenu d'une "
            "prochaine édition.",
        },
        "updates": [
            ("2022-09-20", {"fr": "Première rencontre à Lille, avec 22 membres venus des deux pays."}, ""),
            (
                "2023-12-15",
                {
                    "fr": "Bilan : six rencontres et onze missions montées à plusieurs. Le test s'arrête ici.",
                    "nl": "Balans: zes ontmoetingen en elf opdrachten samen opgezet. De test stopt hier.",
                },
                "https://smartinprogress.example.org/bilan-meet-connect",
            ),
        ],
    },
    {
        "slug": "intervision-entre-pairs",
        "kind": Kind.TEST_PROJECT,
        "state": State.RUNNING,
        "start_date": day("2023-01-16"),
        "contact_name": "Mathilde Garnier",
        "contact_email": CONTACT,
        "offices": ["namur", "marseille", "nantes"],
        "answers": ["2021-BE-16", "2021-FR-16", "2021-FR-07", "2021-BE-20"],
        "title": {"fr": "Intervision entre pairs", "nl": "Intervisie onder collega's"},
        "description": {
            "fr": "Des groupes de six à huit membres se retrouvent toutes les six semaines pour travailler "
            "chacun à son tour une situation de son activité, accompagnés par une animatrice.",
        },
        "taking_part": {
            "fr": "Un nouveau groupe démarre chaque trimestre, en ligne ou dans un bureau. Écrivez à "
            "l'animatrice en disant votre activité et vos disponibilités.",
        },
        "updates": [
            ("2023-01-16", {"fr": "Deux premiers groupes, à Namur et en ligne."}, ""),
            ("2024-04-02", {"fr": "Marseille et Nantes lancent chacun leur groupe."}, ""),
        ],
    },
    {
        "slug": "hackathon-budget-groupes-autogeres",
        "kind": Kind.HACKATHON,
        "state": State.FINISHED,
        "start_date": day("2023-03-17"),
        "end_date": day("2023-03-19"),
        "contact_name": "Karim Haddad",
        "contact_email": CONTACT,
        "offices": ["marseille", "nantes", "namur"],
        "answers": ["2021-FR-08", "2021-FR-19", "2021-BE-08"],
        "title": {
            "fr": "Hackathon : un budget pour les groupes qui s'organisent eux-mêmes",
            "en": "Hackathon: a budget for self-organised groups",
        },
        "description": {
            "fr": "Trois jours pour trouver comment financer les groupes de membres qui s'organisent "
            "eux-mêmes, avec des profils variés : membres, comptables, juristes et une administratrice.",
        },
        "taking_part": {"fr": "Le hackathon a eu lieu ; ses propositions sont suivies par la direction financière."},
        "updates": [
            (
                "2023-03-19",
                {
                    "fr": "Les équipes proposent un fonds de 200 € par groupe et par an, sur simple demande.",
                    "nl": "De teams stellen een fonds voor van 200 € per groep per jaar, op eenvoudige aanvraag.",
                },
                "",
            ),
        ],
    },
    {
        "slug": "hackathon-kostprijs-diensten",
        "kind": Kind.HACKATHON,
        "state": State.PLANNED,
        "start_date": day("2026-10-09"),
        "end_date": day("2026-10-10"),
        "contact_name": "Pieter Janssens",
        "contact_email": CONTACT,
        "offices": ["brussels"],
        "answers": ["2016-BE-40", "2016-BE-10"],
        "title": {"nl": "Hackathon: wat kost elke dienst de coöperatie?"},
        "description": {
            "nl": "Twee dagen om met vennoten, boekhouders en ontwikkelaars te meten wat elke dienst de "
            "coöperatie kost, en hoe dat eenvoudig te tonen.",
        },
        "taking_part": {
            "nl": "Inschrijven kan tot eind september; elk profiel is welkom, ook zonder cijferkennis.",
        },
        "updates": [],
    },
    {
        "slug": "comite-local-vie-cooperative-nantes",
        "kind": Kind.LOCAL_INITIATIVE,
        "state": State.RUNNING,
        "start_date": day("2020-09-15"),
        "contact_name": "Mathilde Garnier",
        "contact_email": CONTACT,
        "offices": ["nantes"],
        "answers": ["2020-FR-10", "2016-BE-17"],
        "title": {
            "fr": "Comité local de vie coopérative à Nantes",
            "nl": "Lokaal comité voor coöperatief leven in Nantes",
        },
        "description": {
            "fr": "Sans attendre l'accord des conseils, le groupe de travail de Nantes a créé son comité "
            "local : il accueille les nouveaux membres et organise chaque mois une rencontre au bureau.",
        },
        "taking_part": {"fr": "Le comité se réunit le deuxième jeudi du mois au bureau de Nantes ; venez tel quel."},
        "updates": [
            ("2020-09-15", {"fr": "Première réunion du comité, né du groupe de travail 2019-2020."}, ""),
            ("2022-06-09", {"fr": "Le comité a accueilli 60 nouveaux membres depuis sa création."}, ""),
        ],
    },
    {
        "slug": "forum-echange-rennes",
        "kind": Kind.LOCAL_INITIATIVE,
        "state": State.FINISHED,
        "start_date": day("2020-10-01"),
        "end_date": day("2022-03-31"),
        "contact_name": "Yann Le Goff",
        "contact_email": CONTACT,
        "offices": ["rennes"],
        "answers": ["2020-FR-19", "2016-BE-05"],
        "title": {"fr": "Un forum d'échange entre membres à Rennes"},
        "description": {
            "fr": "Un forum en ligne ouvert par le bureau de Rennes pour que les membres s'entraident ; "
            "il a rejoint le forum commun de la coopérative en 2022.",
        },
        "taking_part": {"fr": "Le forum de Rennes est fermé ; ses échanges continuent sur le forum commun."},
        "updates": [("2022-03-31", {"fr": "Le forum rejoint le forum commun de la coopérative."}, "")],
    },
    {
        "slug": "rencontres-regulieres-strasbourg",
        "kind": Kind.LOCAL_INITIATIVE,
        "state": State.RUNNING,
        "start_date": day("2021-01-12"),
        "contact_name": "Anne Schmitt",
        "contact_email": CONTACT,
        "offices": ["strasbourg"],
        "answers": ["2020-FR-09"],
        "title": {"fr": "Rencontres régulières entre membres à Strasbourg"},
        "description": {"fr": "Une rencontre par mois entre membres, au bureau ou en ligne pendant les confinements."},
        "taking_part": {"fr": "Chaque deuxième mardi à 18 h ; l'agenda est affiché au bureau."},
        "updates": [("2021-01-12", {"fr": "Première rencontre, en ligne."}, "")],
    },
    {
        "slug": "parrainage-lyon-nantes",
        "kind": Kind.LOCAL_INITIATIVE,
        "state": State.RUNNING,
        "start_date": day("2020-11-02"),
        "contact_name": "Léa Fontaine",
        "contact_email": CONTACT,
        "offices": ["lyon", "nantes"],
        "answers": ["2020-FR-14"],
        "title": {
            "fr": "Parrainage entre membres à Lyon et Nantes",
            "en": "Mentoring between members in Lyon and Nantes",
        },
        "description": {
            "fr": "Les groupes de Lyon et de Nantes, qui se réunissaient déjà ensemble, mettent en relation "
            "chaque nouveau membre avec un membre expérimenté de son métier.",
        },
        "taking_part": {"fr": "Pour devenir marraine ou parrain, ou pour être accompagné, écrivez au bureau."},
        "updates": [("2021-09-01", {"fr": "Trente binômes formés en un an."}, "")],
    },
    {
        "slug": "intervisiegroepen-gent",
        "kind": Kind.LOCAL_INITIATIVE,
        "state": State.STOPPED,
        "start_date": day("2020-10-05"),
        "end_date": day("2021-06-30"),
        "contact_name": "Bram De Smet",
        "contact_email": CONTACT,
        "offices": ["ghent"],
        "answers": ["2020-BE-04"],
        "title": {"nl": "Intervisiegroepen per beroep in Gent"},
        "description": {
            "nl": "Het kantoor van Gent startte zelf intervisiegroepen per beroep; door de lockdowns kwamen "
            "te weinig vennoten en het initiatief werd stopgezet. De intervisie loopt verder in het testproject.",
        },
        "taking_part": {"nl": "Dit initiatief is stopgezet; neem deel aan de intervisie onder collega's."},
        "updates": [("2021-06-30", {"nl": "Stopgezet na drie bijeenkomsten met te weinig deelnemers."}, "")],
    },
    {
        "slug": "formations-prix-de-son-travail",
        "kind": Kind.DIRECTORATE,
        "state": State.RUNNING,
        "start_date": day("2022-02-01"),
        "contact_name": "Direction de l'accompagnement",
        "contact_email": CONTACT,
        "offices": [],
        "answers": ["2020-FR-04", "2020-FR-16", "2016-BE-27"],
        "title": {
            "fr": "Formations pour fixer le prix de son travail",
            "nl": "Opleidingen over de prijs van je werk",
            "en": "Training in pricing one's work",
        },
        "description": {
            "fr": "La direction de l'accompagnement propose, dans son travail permanent, une formation d'une "
            "journée pour fixer le prix de son travail, en Belgique et en France.",
            "nl": "De directie begeleiding biedt, als permanent werk, een opleiding van een dag aan over de "
            "prijs van je werk, in België en in Frankrijk.",
        },
        "taking_part": {
            "fr": "Une session par mois, en présentiel ou en ligne ; inscription par courriel.",
            "nl": "Een sessie per maand, ter plaatse of online; inschrijven per e-mail.",
        },
        "updates": [
            ("2022-02-01", {"fr": "Première session, à Paris et en ligne."}, ""),
            (
                "2023-09-12",
                {
                    "fr": "La formation existe désormais aussi en néerlandais.",
                    "nl": "De opleiding bestaat nu ook in het Nederlands.",
                },
                "",
            ),
        ],
    },
    {
        # Still being prepared by the team: not published.
        "slug": "creche-pendant-les-reunions",
        "kind": Kind.TEST_PROJECT,
        "state": State.PLANNED,
        "start_date": day("2026-09-01"),
        "contact_name": "Équipe Vie coopérative",
        "contact_email": CONTACT,
        "offices": ["paris"],
        "answers": ["2020-FR-11"],
        "published": False,
        "title": {"fr": "Une garde d'enfants pendant les réunions"},
        "description": {"fr": "Un test de garde d'enfants pendant les réunions de groupes de travail."},
        "taking_part": {"fr": "En préparation."},
        "updates": [],
    },
]


# French sets a no-break space before these marks, so that none starts a line.
FRENCH_MARK = re.compile(r" ([:;?!])")


def texts(language, **fields):
    """The model fields of texts given as {language: text}: the original in ``language``, translations beside it."""
    found = {}
    for name, by_language in fields.items():
        for each, text in by_language.items():
            if each == "fr":
                text = FRENCH_MARK.sub("\u00a0\\1", text)
            found[name if each == language else column(name, each)] = text
    return found


def add_projects(sender, **kwargs):
    offices = {office.slug: office for office in Office.objects.all()}
    for entry in PROJECTS:
        language = next(iter(entry["title"]))
        project = Project.objects.create(
            language=language,
            slug=entry["slug"],
            kind=entry["kind"],
            state=entry["state"],
            start_date=entry["start_date"],
            end_date=entry.get("end_date"),
            contact_name=entry["contact_name"],
            contact_email=entry["contact_email"],
            published=entry.get("published", True),
            **texts(language, title=entry["title"], description=entry["description"], taking_part=entry["taking_part"]),
        )
        project.offices.set([offices[slug] for slug in entry["offices"] if slug in offices])
        project.recommendations.set(Recommendation.objects.filter(reference__in=entry["answers"]))
        for date, by_language, link in entry["updates"]:
            written_in = next(iter(by_language))
            ProjectUpdate.objects.create(
                project=project, language=written_in, date=day(date), link=link, **texts(written_in, text=by_language)
            )


def connect():
    demo_loaded.connect(add_projects, sender=None, dispatch_uid="projects-demo")
