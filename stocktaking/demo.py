"""The stocktaking of January 2022 in the illustrative demo: the team took stock of every recommendation
of the five cycles by status, after interviews with coordinators, workgroups and directorates, and
presented it to the general assembly. The analyses per theme are illustrative, after the seed texts.

Added when ``load_demo`` fills an empty database (its ``demo_loaded`` signal).
"""

import datetime

from projects.demo import texts
from recommendations.demo.illustrative import demo_loaded
from workgroups.models import Theme

from .models import Edition, ThemeAnalysis

EDITION = {
    "slug": "2022",
    "as_of": datetime.date(2022, 1, 31),
    "title": {
        "nl": "Stand van zaken januari 2022",
        "fr": "État des lieux de janvier 2022",
        "en": "Stocktaking of January 2022",
    },
    "introduction": {
        "nl": "In januari 2022 maakten we de balans op over het participatieve proces Smart in Progress. Sinds "
        "2015 volgden vijf cycli elkaar op, met als resultaat 250 aanbevelingen van alle werkgroepen samen. Wat "
        "is er met die aanbevelingen gebeurd?\n\nEr waren gesprekken met de projectcoördinatoren, de werkgroepen "
        "en de verschillende directies van Smart. De aanbevelingen werden geordend volgens vooruitgang "
        "(uitgevoerd, lopend, niet uitgevoerd, verworpen, uitgesteld), om er cijfergegevens aan te koppelen en "
        "een globale analyse van de vooruitgang per thema uit te voeren. Het is niet de bedoeling om alle "
        "aanbevelingen in projecten om te zetten, maar om Smart te verbeteren met de middelen die ter "
        "beschikking zijn. De stand van zaken werd voorgesteld aan de algemene vergadering.",
        "fr": "En janvier 2022, nous avons fait le point sur le processus participatif Smart in Progress. Depuis "
        "2015, cinq cycles se sont succédé et ont donné 250 recommandations de l'ensemble des groupes de travail. "
        "Que sont-elles devenues ?\n\nNous avons mené des entretiens avec les coordinateurs de projets, les "
        "groupes de travail et les différentes directions de Smart. Les recommandations ont été classées selon "
        "leur avancement (exécutée, en cours, non exécutée, rejetée, reportée), pour en tirer des chiffres et "
        "une analyse globale par thème. Le but n'est pas de tout transformer en projets, mais d'améliorer Smart "
        "avec les moyens disponibles. L'état des lieux a été présenté à l'assemblée générale.",
    },
}

# The analyses per theme, by the theme's key in the demo: {language: text}, the first the original.
ANALYSES = {
    "gender-equality": {
        "nl": "De werkgroepen rond gendergelijkheid waren klein en vergaderden online. Hun aanbevelingen over "
        "ouderschapsverlof en kinderopvang tijdens vergaderingen wachten vaak nog op middelen; een deel loopt "
        "als testproject.",
        "fr": "Les groupes sur l'égalité de genre étaient petits et se sont réunis en ligne. Leurs "
        "recommandations sur le congé parental et la garde d'enfants pendant les réunions attendent souvent "
        "des moyens ; une partie avance en projet test.",
    },
    "consolidating-my-activity": {
        "nl": "Veel aanbevelingen vragen om collectieve begeleiding en netwerking onder vennoten. De directies "
        "namen er enkele op in hun permanente werk; andere worden testprojecten van de vennoten zelf.",
        "fr": "Beaucoup de recommandations demandent un accompagnement collectif et du réseau entre membres. "
        "Les directions en ont repris dans leur travail permanent ; d'autres deviennent des projets tests des "
        "membres eux-mêmes.",
    },
    "shared-spaces-third-places-workspaces": {
        "fr": "Les espaces partagés dépendent des bureaux locaux : plusieurs ont ouvert leurs locaux aux membres, "
        "d'autres attendent un modèle économique.",
        "nl": "Gedeelde ruimten hangen af van de lokale kantoren: verschillende stelden hun lokalen open voor "
        "vennoten, andere wachten op een economisch model.",
    },
    "a-sharing-economy-a-viable-economic-model": {
        "nl": "De werkgroep had te weinig tijd om dit complexe onderwerp te vatten en schreef weinig "
        "gedetailleerde aanbevelingen; ze blijven een inspirerende basis voor een hackathon.",
        "fr": "Le groupe a manqué de temps pour saisir ce sujet complexe et a écrit peu de recommandations "
        "détaillées ; elles restent une base inspirante pour un hackathon.",
    },
}


def add_edition(sender, **kwargs):
    language = next(iter(EDITION["title"]))
    edition = Edition.objects.create(
        language=language,
        slug=EDITION["slug"],
        as_of=EDITION["as_of"],
        **texts(language, title=EDITION["title"], introduction=EDITION["introduction"]),
    )
    by_slug = Theme.objects.in_bulk(list(ANALYSES), field_name="slug")
    for slug, by_language in ANALYSES.items():
        written_in = next(iter(by_language))
        ThemeAnalysis.objects.create(
            edition=edition, theme=by_slug[slug], language=written_in, **texts(written_in, analysis=by_language)
        )


def connect():
    demo_loaded.connect(add_edition, sender=None, dispatch_uid="stocktaking-demo")
