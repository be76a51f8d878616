"""The words of the illustrative demo, each in Dutch, French and English: names of offices, themes and
workgroups, and the pieces the recommendations, decisions and progress notes are written from."""

from typing import NamedTuple

from ..models import Decision, FollowUp


class Words(NamedTuple):
    nl: str
    fr: str
    en: str

    def get(self, language):
        return getattr(self, language)


def words(nl, fr, en):
    # French sets a no-break space before its double punctuation and inside quotes, as the site's own
    # French does.
    for mark in ":;?!»":
        fr = fr.replace(f" {mark}", f"\u00a0{mark}")
    fr = fr.replace("« ", "«\u00a0")
    return Words(nl, fr, en)


# key (also the slug), country, the language the office writes its name in, the name.
OFFICES = [
    ("brussels", "BE", "fr", words("Brussel", "Bruxelles", "Brussels")),
    ("antwerp", "BE", "nl", words("Antwerpen", "Anvers", "Antwerp")),
    ("ghent", "BE", "nl", words("Gent", "Gand", "Ghent")),
    ("liege", "BE", "fr", words("Luik", "Liège", "Liège")),
    ("charleroi", "BE", "fr", words("Charleroi", "Charleroi", "Charleroi")),
    ("namur", "BE", "fr", words("Namen", "Namur", "Namur")),
    ("lille", "FR", "fr", words("Rijsel", "Lille", "Lille")),
    ("paris", "FR", "fr", words("Parijs", "Paris", "Paris")),
    ("nantes", "FR", "fr", words("Nantes", "Nantes", "Nantes")),
    ("lyon", "FR", "fr", words("Lyon", "Lyon", "Lyon")),
    ("bordeaux", "FR", "fr", words("Bordeaux", "Bordeaux", "Bordeaux")),
    ("toulouse", "FR", "fr", words("Toulouse", "Toulouse", "Toulouse")),
    ("marseille", "FR", "fr", words("Marseille", "Marseille", "Marseille")),
    ("strasbourg", "FR", "fr", words("Straatsburg", "Strasbourg", "Strasbourg")),
    ("rennes", "FR", "fr", words("Rennes", "Rennes", "Rennes")),
]
OFFICE_NAMES = {key: name for key, _country, _language, name in OFFICES}
ONLINE = words("online, België en Frankrijk", "en ligne, Belgique et France", "online, Belgium and France")

# The themes as the seed texts name them (in Dutch), with a description and the short name that
# workgroups carry.
THEMES = {
    "cooperative": (
        words(
            "Bestaan als coöperatie. Met wie? Voor wie?",
            "Exister en tant que coopérative : avec qui ? Pour qui ?",
            "Existing as a cooperative: with whom? For whom?",
        ),
        words(
            "Voor wie de coöperatie er is, welke vennoten ze bedient en met welke partners ze samenwerkt.",
            "Pour qui la coopérative existe, quels membres elle sert et avec quels partenaires elle travaille.",
            "Who the cooperative is for, which members it serves and with which partners it works.",
        ),
        words("Bestaan als coöperatie", "Exister en tant que coopérative", "Existing as a cooperative"),
    ),
    "activity": (
        words(
            "Mijn activiteit lanceren, ontwikkelen en consolideren: Hoe? Met welke middelen?",
            "Lancer, développer et consolider mon activité : comment ? Avec quels moyens ?",
            "Launching, developing and consolidating my activity: how? With which means?",
        ),
        words(
            "Hoe vennoten hun activiteit opstarten, laten groeien en duurzaam maken, en met welke middelen.",
            "Comment les membres lancent, développent et pérennisent leur activité, et avec quels moyens.",
            "How members launch, grow and consolidate their activity, and with which means.",
        ),
        words("Mijn activiteit lanceren", "Lancer mon activité", "Launching my activity"),
    ),
    "sharing": (
        words(
            "A sharing economy: een haalbaar economisch model?",
            "A sharing economy : un modèle économique viable ?",
            "A sharing economy: a viable economic model?",
        ),
        words(
            "Of het economisch model van een gedeelde onderneming standhoudt, in twee landen met elk hun "
            "eigen wetgeving.",
            "Le modèle économique d'une entreprise partagée tient-il, dans deux pays qui ont chacun leur législation ?",
            "Whether the economic model of a shared enterprise holds, in two countries with their own laws.",
        ),
        words("Sharing economy", "Sharing economy", "Sharing economy"),
    ),
    "participation": (
        words(
            "Een gedeelde en participatieve onderneming: is dat wel realistisch?",
            "Une entreprise partagée et participative : est-ce bien réaliste ?",
            "A shared and participatory enterprise: is that realistic?",
        ),
        words(
            "Hoe de vennoten deelnemen aan het bestuur van de onderneming die ze delen.",
            "Comment les membres prennent part à la gouvernance de l'entreprise qu'ils partagent.",
            "How members take part in governing the enterprise they share.",
        ),
        words("Een participatieve onderneming", "Une entreprise participative", "A participatory enterprise"),
    ),
    "ethics": (
        words("Een ethisch comité", "Un comité d'éthique", "An ethics committee"),
        words(
            "De oprichting van een ethisch comité voor de coöperatie.",
            "La création d'un comité d'éthique pour la coopérative.",
            "Creating an ethics committee for the cooperative.",
        ),
        words("Ethisch comité", "Comité d'éthique", "Ethics committee"),
    ),
    "purchasing": (
        words(
            "Een ecologisch verantwoorde aankoopcentrale",
            "Une centrale d'achat écologiquement responsable",
            "An ecologically responsible purchasing centre",
        ),
        words(
            "Een gemeenschappelijke aankoopcentrale die het milieu respecteert.",
            "Une centrale d'achat commune qui respecte l'environnement.",
            "A common purchasing centre that respects the environment.",
        ),
        words("Aankoopcentrale", "Centrale d'achat", "Purchasing centre"),
    ),
    "it": (
        words(
            "De informaticatools van de gedeelde onderneming",
            "Les outils informatiques de l'entreprise partagée",
            "The IT tools of the shared enterprise",
        ),
        words(
            "De digitale tools die vennoten en het gemutualiseerde team delen.",
            "Les outils numériques que partagent les membres et l'équipe mutualisée.",
            "The digital tools members and the shared staff use together.",
        ),
        words("Informaticatools", "Outils informatiques", "IT tools"),
    ),
    "impact": (
        words(
            "De sociale impact van de gedeelde onderneming",
            "L'impact social de l'entreprise partagée",
            "The social impact of the shared enterprise",
        ),
        words(
            "Wat de coöperatie verandert voor haar vennoten en voor de samenleving.",
            "Ce que la coopérative change pour ses membres et pour la société.",
            "What the cooperative changes for its members and for society.",
        ),
        words("Sociale impact", "Impact social", "Social impact"),
    ),
    "gender": (
        words("Gendergelijkheid", "Égalité de genre", "Gender equality"),
        words(
            "Gelijkheid tussen vrouwen en mannen bij de vennoten en in de coöperatie.",
            "L'égalité entre femmes et hommes parmi les membres et dans la coopérative.",
            "Equality between women and men among members and in the cooperative.",
        ),
        words("Gendergelijkheid", "Égalité de genre", "Gender equality"),
    ),
    "consolidating": (
        words("Mijn activiteit consolideren", "Consolider mon activité", "Consolidating my activity"),
        words(
            "Hoe een vennoot zijn activiteit en zijn inkomen duurzaam maakt.",
            "Comment un membre rend durables son activité et ses revenus.",
            "How a member makes their activity and income last.",
        ),
        words("Mijn activiteit consolideren", "Consolider mon activité", "Consolidating my activity"),
    ),
    "spaces": (
        words(
            "Gedeelde ruimten, third places: de werkruimten",
            "Espaces partagés, tiers-lieux : les espaces de travail",
            "Shared spaces, third places: workspaces",
        ),
        words(
            "De werkruimten, ateliers en third places die vennoten delen.",
            "Les espaces de travail, ateliers et tiers-lieux que partagent les membres.",
            "The workspaces, workshops and third places members share.",
        ),
        words("Werkruimten", "Espaces de travail", "Workspaces"),
    ),
    "meeting": (
        words(
            "Elkaar terugvinden: ontmoetingen en netwerken tussen vennoten",
            "Se retrouver : rencontres et réseaux entre membres",
            "Meeting again: gatherings and networks between members",
        ),
        words(
            "Na de quarantaine elkaar terugvinden en zin geven aan samenwerkingsverbanden met en binnen Smart.",
            "Se retrouver après le confinement et donner du sens aux collaborations avec et au sein de Smart.",
            "Finding each other again after the lockdown and giving meaning to partnerships with and within Smart.",
        ),
        words("Elkaar terugvinden", "Se retrouver", "Meeting again"),
    ),
    "peers": (
        words(
            "Collectieve begeleiding onder collega's en gelijkgestemden",
            "L'accompagnement collectif entre pairs",
            "Collective support among peers",
        ),
        words(
            "Mogelijkheden creëren door collectieve begeleiding, partnerschappen en networking.",
            "Créer des possibilités par l'accompagnement collectif, les partenariats et le réseau.",
            "Creating opportunities through collective support, partnerships and networking.",
        ),
        words("Collectieve begeleiding", "Accompagnement entre pairs", "Peer support"),
    ),
}

GROUP = words("groep {}", "groupe {}", "group {}")

# What is known of some groups of 2019-2020, in their own words.
WORKGROUP_NOTES = {
    "online": words(
        "Te weinig deelnemers voor een groep per kantoor: twee onlinesessies met een vijftiental deelnemers "
        "uit heel België, maar ook uit Frankrijk.",
        "Trop peu de participants pour un groupe par bureau : deux sessions en ligne avec une quinzaine de "
        "participants de toute la Belgique, mais aussi de France.",
        "Too few participants for a group per office: two online sessions with some fifteen participants "
        "from all over Belgium, and from France too.",
    ),
    "together": words(
        "De groepen van Nantes en Lyon behandelden hetzelfde thema en vergaderden samen per videoconferentie.",
        "Les groupes de Nantes et de Lyon traitaient le même thème et se sont réunis ensemble en visioconférence.",
        "The Nantes and Lyon groups worked on the same theme and met together by video conference.",
    ),
    "short": words(
        "De groep had niet genoeg tijd om het complexe onderwerp te vatten en schreef geen gedetailleerde "
        "aanbevelingen.",
        "Le groupe n'a pas eu le temps de cerner un sujet aussi complexe et n'a pas rédigé de recommandations "
        "détaillées.",
        "The group did not have the time to grasp so complex a subject and wrote no detailed recommendations.",
    ),
}

# What the workgroups ask for, per theme: a title and the reason the group gives first.
PROPOSALS = {
    "cooperative": [
        (
            words(
                "Nieuwe vennoten verwelkomen met een gezamenlijke kennismaking met de coöperatie",
                "Accueillir les nouveaux membres par une présentation commune de la coopérative",
                "Welcome new members with a shared introduction to the cooperative",
            ),
            words(
                "Wie instapt, kent vaak alleen de diensten en niet de coöperatie die erachter staat.",
                "Qui arrive ne connaît souvent que les services, pas la coopérative qui les porte.",
                "Newcomers often know the services, not the cooperative behind them.",
            ),
        ),
        (
            words(
                "De coöperatie openstellen voor partnernetwerken",
                "Ouvrir la coopérative aux réseaux partenaires",
                "Open the cooperative to partner networks",
            ),
            words(
                "Andere coöperaties en federaties van freelancers werken aan dezelfde vragen.",
                "D'autres coopératives et fédérations de freelances travaillent sur les mêmes questions.",
                "Other cooperatives and freelancers' federations work on the same questions.",
            ),
        ),
        (
            words(
                "In eenvoudige woorden uitleggen voor wie de coöperatie er is",
                "Expliquer en mots simples pour qui existe la coopérative",
                "Explain in plain words who the cooperative is for",
            ),
            words(
                "De brochures spreken over statuten en aandelen, niet over het werk van de vennoten.",
                "Les brochures parlent de statuts et de parts sociales, pas du travail des membres.",
                "The brochures talk about statutes and shares, not about the members' work.",
            ),
        ),
        (
            words(
                "Een charter van de vennoten opstellen", "Rédiger une charte des membres", "Write a members' charter"
            ),
            words(
                "De rechten en plichten van de vennoten staan nu verspreid over verschillende documenten.",
                "Les droits et devoirs des membres sont aujourd'hui dispersés dans plusieurs documents.",
                "Members' rights and duties are now spread over several documents.",
            ),
        ),
        (
            words(
                "In kaart brengen welke beroepen de coöperatie bedient",
                "Recenser les métiers que la coopérative accompagne",
                "Map the professions the cooperative serves",
            ),
            words(
                "Naast kunstenaars en technici vinden steeds meer freelancers uit andere sectoren hun weg "
                "naar de coöperatie.",
                "À côté des artistes et des technicien·nes, de plus en plus de freelances d'autres secteurs "
                "rejoignent la coopérative.",
                "Beside artists and technicians, more and more freelancers from other sectors join the cooperative.",
            ),
        ),
        (
            words(
                "Niet-vennoten de diensten laten uitproberen",
                "Permettre aux non-membres d'essayer les services",
                "Let non-members try the services",
            ),
            words(
                "Wie twijfelt om aandelen te kopen, wil eerst weten wat de coöperatie concreet biedt.",
                "Qui hésite à prendre des parts veut d'abord savoir ce que la coopérative offre concrètement.",
                "Whoever hesitates to buy shares wants to know first what the cooperative actually offers.",
            ),
        ),
    ],
    "activity": [
        (
            words(
                "Begeleiding door collega's aanbieden aan startende vennoten",
                "Proposer un accompagnement par les pairs aux membres qui débutent",
                "Offer peer coaching to members starting out",
            ),
            words(
                "Ervaren vennoten willen hun kennis doorgeven; wie begint, voelt zich vaak alleen.",
                "Des membres expérimentés veulent transmettre ; qui débute se sent souvent seul.",
                "Experienced members want to pass on what they know; newcomers often feel alone.",
            ),
        ),
        (
            words(
                "Een gids publiceren om een activiteit op te starten",
                "Publier un guide pour lancer son activité",
                "Publish a guide to launching an activity",
            ),
            words(
                "De eerste facturen, de btw en de verzekeringen roepen telkens dezelfde vragen op.",
                "Les premières factures, la TVA et les assurances soulèvent toujours les mêmes questions.",
                "The first invoices, VAT and insurance always raise the same questions.",
            ),
        ),
        (
            words(
                "Een fonds oprichten voor de eerste investeringen van vennoten",
                "Créer un fonds pour les premiers investissements des membres",
                "Set up a fund for members' first investments",
            ),
            words(
                "Een camera, een naaimachine of een laptop kost meer dan wat een starter kan voorschieten.",
                "Une caméra, une machine à coudre ou un ordinateur coûtent plus que ce qu'un débutant peut avancer.",
                "A camera, a sewing machine or a laptop costs more than a beginner can advance.",
            ),
        ),
        (
            words(
                "Een mentorschap tussen vennoten opzetten",
                "Mettre en place un parrainage entre membres",
                "Set up mentoring between members",
            ),
            words(
                "Een vaste mentor tijdens het eerste jaar helpt om de eerste klanten te vinden.",
                "Un parrain ou une marraine pendant la première année aide à trouver les premiers clients.",
                "A mentor during the first year helps to find the first clients.",
            ),
        ),
        (
            words(
                "De eerste stappen in de onlinetools vereenvoudigen",
                "Simplifier les premiers pas dans les outils en ligne",
                "Simplify the first steps in the online tools",
            ),
            words(
                "Veel vennoten haken af bij het invullen van hun eerste contract.",
                "Beaucoup de membres décrochent en remplissant leur premier contrat.",
                "Many members give up while filling in their first contract.",
            ),
        ),
        (
            words(
                "Opleidingen aanbieden over de prijs van je werk",
                "Proposer des formations pour fixer le prix de son travail",
                "Offer training in pricing one's work",
            ),
            words(
                "Freelancers rekenen te weinig aan en hun inkomen lijdt eronder.",
                "Les freelances sous-facturent leur travail et leurs revenus en pâtissent.",
                "Freelancers undercharge and their income suffers for it.",
            ),
        ),
    ],
    "sharing": [
        (
            words(
                "Een gedeelde tariefstructuur voor de diensten bestuderen",
                "Étudier une tarification partagée des services",
                "Study shared pricing of the services",
            ),
            words(
                "Het percentage dat op elke factuur wordt ingehouden, moet voor iedereen begrijpelijk zijn.",
                "Le pourcentage prélevé sur chaque facture doit être compréhensible par tout le monde.",
                "The percentage taken from each invoice should be understandable to everyone.",
            ),
        ),
        (
            words(
                "Het economisch model van de coöperatie publiceren",
                "Publier le modèle économique de la coopérative",
                "Publish the cooperative's economic model",
            ),
            words(
                "Vennoten willen weten hoe hun bijdragen de gemutualiseerde diensten financieren.",
                "Les membres veulent savoir comment leurs contributions financent les services mutualisés.",
                "Members want to know how their contributions fund the shared services.",
            ),
        ),
        (
            words(
                "Verzekeringskosten tussen vennoten mutualiseren",
                "Mutualiser les frais d'assurance entre membres",
                "Pool insurance costs between members",
            ),
            words(
                "Een beroepsaansprakelijkheidsverzekering is duur voor wie alleen werkt.",
                "Une assurance responsabilité civile professionnelle coûte cher quand on travaille seul.",
                "Professional liability insurance is expensive for someone working alone.",
            ),
        ),
        (
            words(
                "Meten wat elke dienst de coöperatie kost",
                "Mesurer ce que chaque service coûte à la coopérative",
                "Measure what each service costs the cooperative",
            ),
            words(
                "Zonder die cijfers kan de algemene vergadering geen keuzes maken.",
                "Sans ces chiffres, l'assemblée générale ne peut pas faire de choix.",
                "Without these figures the general assembly cannot make choices.",
            ),
        ),
        (
            words(
                "Materiaal delen tussen vennoten",
                "Partager le matériel entre membres",
                "Share equipment between members",
            ),
            words(
                "Veel materiaal ligt het grootste deel van het jaar ongebruikt in een kast.",
                "Beaucoup de matériel dort dans un placard la plus grande partie de l'année.",
                "Much equipment lies unused in a cupboard most of the year.",
            ),
        ),
    ],
    "participation": [
        (
            words(
                "Lokale comités voor coöperatief leven oprichten",
                "Créer des comités locaux de vie coopérative",
                "Set up local committees for cooperative life",
            ),
            words(
                "Zo beslissen vennoten dicht bij huis mee, zonder naar de hoofdzetel te moeten.",
                "Les membres participent ainsi aux décisions près de chez eux, sans se rendre au siège.",
                "Members then take part in decisions close to home, without travelling to the head office.",
            ),
        ),
        (
            words(
                "De agenda's van de raden van bestuur openbaar maken voor de vennoten",
                "Rendre publics les ordres du jour des conseils d'administration",
                "Open the boards' agendas to the members",
            ),
            words(
                "Meer transparantie over de raden van bestuur versterkt het vertrouwen.",
                "Plus de transparence sur les conseils d'administration renforce la confiance.",
                "More transparency about the boards builds trust.",
            ),
        ),
        (
            words(
                "Uitwisselingsfora tussen vennoten opzetten",
                "Ouvrir des forums d'échange entre membres",
                "Open exchange forums between members",
            ),
            words(
                "Vennoten zoeken elkaar op met vragen die het gemutualiseerde team niet kan beantwoorden.",
                "Les membres se cherchent pour des questions auxquelles l'équipe mutualisée ne peut pas répondre.",
                "Members look for one another with questions the shared staff cannot answer.",
            ),
        ),
        (
            words(
                "Vennoten opleiden om deel te nemen aan de algemene vergadering",
                "Former les membres à participer à l'assemblée générale",
                "Train members to take part in the general assembly",
            ),
            words(
                "De stemmingen over de jaarrekening zijn voor velen onbegrijpelijk.",
                "Les votes sur les comptes annuels restent incompréhensibles pour beaucoup.",
                "The votes on the annual accounts remain incomprehensible to many.",
            ),
        ),
        (
            words(
                "Twee keer per jaar rapporteren over elke aanbeveling",
                "Rendre compte deux fois par an de chaque recommandation",
                "Report on every recommendation twice a year",
            ),
            words(
                "Zonder opvolging verdwijnen aanbevelingen en groeit de frustratie.",
                "Sans suivi, les recommandations disparaissent et la frustration grandit.",
                "Without follow-up recommendations vanish and frustration grows.",
            ),
        ),
        (
            words(
                "Regelmatige bijeenkomsten tussen vennoten organiseren",
                "Organiser des rencontres régulières entre membres",
                "Organise regular meetings between members",
            ),
            words(
                "Een werkontbijt of een afterwork volstaat om elkaar te leren kennen.",
                "Un petit-déjeuner de travail ou un afterwork suffit pour faire connaissance.",
                "A working breakfast or an afterwork is enough to get to know each other.",
            ),
        ),
    ],
    "ethics": [
        (
            words(
                "Een ethisch comité met verkozen vennoten oprichten",
                "Créer un comité d'éthique composé de membres élus",
                "Create an ethics committee of elected members",
            ),
            words(
                "Vandaag beslist het gemutualiseerde team alleen over twijfelachtige activiteiten.",
                "Aujourd'hui, l'équipe mutualisée décide seule des activités douteuses.",
                "Today the shared staff alone decide on doubtful activities.",
            ),
        ),
        (
            words(
                "Een ethisch charter voor de activiteiten schrijven",
                "Rédiger une charte éthique des activités",
                "Write an ethical charter for activities",
            ),
            words(
                "Sommige opdrachten botsen met de waarden van de coöperatie.",
                "Certaines missions heurtent les valeurs de la coopérative.",
                "Some assignments clash with the cooperative's values.",
            ),
        ),
        (
            words(
                "Vennoten een manier geven om ethische vragen te melden",
                "Donner aux membres un moyen de signaler une question éthique",
                "Give members a way to raise ethical questions",
            ),
            words(
                "Wie een probleem ziet bij een klant, weet niet bij wie hij terecht kan.",
                "Qui constate un problème chez un client ne sait pas à qui s'adresser.",
                "Whoever sees a problem at a client does not know whom to turn to.",
            ),
        ),
        (
            words(
                "De adviezen van het ethisch comité publiceren",
                "Publier les avis du comité d'éthique",
                "Publish the ethics committee's opinions",
            ),
            words(
                "Gepubliceerde adviezen vormen samen een rechtspraak waarop iedereen kan bouwen.",
                "Publiés, les avis forment une jurisprudence sur laquelle chacun peut s'appuyer.",
                "Published, the opinions form a case law everyone can build on.",
            ),
        ),
    ],
    "purchasing": [
        (
            words(
                "Een gemeenschappelijke aankoopcentrale oprichten",
                "Créer une centrale d'achat commune",
                "Set up a common purchasing centre",
            ),
            words(
                "Samen aankopen levert betere prijzen op voor materiaal en software.",
                "Acheter ensemble permet d'obtenir de meilleurs prix pour le matériel et les logiciels.",
                "Buying together gets better prices for equipment and software.",
            ),
        ),
        (
            words(
                "Leveranciers kiezen op basis van ecologische criteria",
                "Choisir les fournisseurs selon des critères écologiques",
                "Choose suppliers on environmental criteria",
            ),
            words(
                "De coöperatie moet haar ecologische voetafdruk verkleinen.",
                "La coopérative doit réduire son empreinte écologique.",
                "The cooperative has to reduce its ecological footprint.",
            ),
        ),
        (
            words(
                "Tweedehands materiaal tussen vennoten aanbieden",
                "Proposer du matériel de seconde main entre membres",
                "Offer second-hand equipment between members",
            ),
            words(
                "Wat de ene vennoot niet meer gebruikt, kan een andere op weg helpen.",
                "Ce qu'un membre n'utilise plus peut aider un autre à démarrer.",
                "What one member no longer uses can help another get started.",
            ),
        ),
        (
            words(
                "De voetafdruk van de gezamenlijke aankopen publiceren",
                "Publier l'empreinte des achats communs",
                "Publish the footprint of common purchases",
            ),
            words(
                "Alleen wat gemeten wordt, kan verbeteren.",
                "On n'améliore que ce que l'on mesure.",
                "Only what is measured can improve.",
            ),
        ),
    ],
    "it": [
        (
            words(
                "De onlinetools bruikbaar maken op een smartphone",
                "Rendre les outils en ligne utilisables sur un téléphone",
                "Make the online tools usable on a phone",
            ),
            words(
                "Veel vennoten werken onderweg en hebben geen computer bij de hand.",
                "Beaucoup de membres travaillent en déplacement, sans ordinateur sous la main.",
                "Many members work on the move, without a computer at hand.",
            ),
        ),
        (
            words(
                "De tools in alle talen van de vennoten aanbieden",
                "Proposer les outils dans toutes les langues des membres",
                "Offer the tools in every language of the members",
            ),
            words(
                "Nederlandstalige vennoten krijgen nog te vaak Franstalige schermen te zien.",
                "Les membres néerlandophones voient encore trop souvent des écrans en français.",
                "Dutch-speaking members still too often see screens in French.",
            ),
        ),
        (
            words(
                "De vennoten toegang geven tot hun eigen gegevens",
                "Ouvrir aux membres l'accès à leurs propres données",
                "Open the members' data to the members themselves",
            ),
            words(
                "Een vennoot moet zijn facturen, contracten en betalingen zelf kunnen exporteren.",
                "Un membre doit pouvoir exporter lui-même ses factures, ses contrats et ses paiements.",
                "A member should be able to export their own invoices, contracts and payments.",
            ),
        ),
        (
            words(
                "Vennoten opleiden in de gedeelde digitale tools",
                "Former les membres aux outils numériques partagés",
                "Train members in the shared digital tools",
            ),
            words(
                "Korte opleidingen besparen het gemutualiseerde team veel vragen.",
                "De courtes formations épargnent beaucoup de questions à l'équipe mutualisée.",
                "Short training sessions save the shared staff many questions.",
            ),
        ),
        (
            words(
                "Waar mogelijk vrije software gebruiken",
                "Utiliser des logiciels libres autant que possible",
                "Use free software wherever possible",
            ),
            words(
                "Vrije software past bij een coöperatie die haar middelen deelt.",
                "Le logiciel libre convient à une coopérative qui partage ses moyens.",
                "Free software suits a cooperative that shares its means.",
            ),
        ),
    ],
    "impact": [
        (
            words(
                "Elk jaar de sociale impact van de coöperatie meten",
                "Mesurer chaque année l'impact social de la coopérative",
                "Measure the cooperative's social impact every year",
            ),
            words(
                "Overheden en partners vragen naar cijfers over de impact.",
                "Les pouvoirs publics et les partenaires demandent des chiffres sur l'impact.",
                "Public authorities and partners ask for figures on the impact.",
            ),
        ),
        (
            words(
                "Verhalen over de activiteiten van vennoten publiceren",
                "Publier des récits d'activités de membres",
                "Publish stories of members' activities",
            ),
            words(
                "Concrete verhalen zeggen meer dan een jaarverslag.",
                "Des histoires concrètes en disent plus qu'un rapport annuel.",
                "Concrete stories say more than an annual report.",
            ),
        ),
        (
            words(
                "Vennoten in een precaire situatie ondersteunen",
                "Soutenir les membres en situation précaire",
                "Support members in precarious situations",
            ),
            words(
                "Een klant die laat betaalt, kan een vennoot in de schulden brengen.",
                "Un client qui paie en retard peut mettre un membre en difficulté financière.",
                "A client who pays late can put a member into debt.",
            ),
        ),
        (
            words(
                "Samenwerken met de openbare diensten voor arbeidsbemiddeling",
                "Travailler avec les services publics de l'emploi",
                "Work with the public employment services",
            ),
            words(
                "Werkzoekenden die een activiteit starten, kennen de coöperatie vaak niet.",
                "Les demandeurs d'emploi qui lancent une activité ne connaissent souvent pas la coopérative.",
                "Jobseekers who start an activity often do not know the cooperative.",
            ),
        ),
    ],
    "gender": [
        (
            words(
                "Cijfers over gender bij de vennoten verzamelen",
                "Recueillir des chiffres sur le genre parmi les membres",
                "Collect figures on gender among members",
            ),
            words(
                "Zonder cijfers blijft de ongelijkheid onzichtbaar.",
                "Sans chiffres, les inégalités restent invisibles.",
                "Without figures inequality stays invisible.",
            ),
        ),
        (
            words(
                "Moderatoren opleiden in inclusieve begeleiding",
                "Former les modérateur·rices à l'animation inclusive",
                "Train moderators in inclusive facilitation",
            ),
            words(
                "In de werkgroepen nemen mannen vaker en langer het woord.",
                "Dans les groupes de travail, les hommes prennent la parole plus souvent et plus longtemps.",
                "In the workgroups men speak more often and for longer.",
            ),
        ),
        (
            words(
                "De inkomenskloof tussen vrouwen en mannen bij de vennoten aanpakken",
                "Réduire l'écart de revenus entre femmes et hommes parmi les membres",
                "Tackle the income gap between women and men among members",
            ),
            words(
                "Vrouwelijke freelancers factureren voor hetzelfde werk gemiddeld minder.",
                "À travail égal, les freelances femmes facturent en moyenne moins.",
                "For the same work, women freelancers invoice less on average.",
            ),
        ),
        (
            words(
                "Een crèche of kinderopvang aanbieden tijdens coöperatieve bijeenkomsten",
                "Proposer une crèche ou une garde d'enfants pendant les réunions coopératives",
                "Offer a crèche or childcare during cooperative meetings",
            ),
            words(
                "Vennoten met kinderen kunnen 's avonds moeilijk aan de werkgroepen deelnemen.",
                "Les membres qui ont des enfants peuvent difficilement participer aux groupes de travail le soir.",
                "Members with children can hardly take part in evening workgroups.",
            ),
        ),
        (
            words(
                "Inclusieve taal gebruiken in elk document",
                "Utiliser l'écriture inclusive dans chaque document",
                "Use inclusive language in every document",
            ),
            words(
                "De contracten en formulieren spreken nog altijd alleen over 'de werknemer'.",
                "Les contrats et formulaires ne parlent encore que « du travailleur ».",
                "Contracts and forms still speak only of 'the worker'.",
            ),
        ),
        (
            words(
                "De rechten van freelancers op moederschaps- en vaderschapsverlof verduidelijken",
                "Clarifier les droits des freelances au congé de maternité et de paternité",
                "Clarify freelancers' rights to maternity and paternity leave",
            ),
            words(
                "Vennoten weten niet op welke uitkering ze recht hebben als ze een kind verwachten.",
                "Les membres ne savent pas à quelle indemnité ils ont droit lorsqu'ils attendent un enfant.",
                "Members do not know what benefit they are entitled to when they expect a child.",
            ),
        ),
    ],
    "consolidating": [
        (
            words(
                "Een jaarlijkse check-up van de activiteit van elke vennoot aanbieden",
                "Proposer un bilan annuel de l'activité de chaque membre",
                "Offer a yearly check-up of each member's activity",
            ),
            words(
                "Een gesprek per jaar helpt om op tijd bij te sturen.",
                "Un entretien par an aide à corriger le tir à temps.",
                "One conversation a year helps to adjust course in time.",
            ),
        ),
        (
            words(
                "Intervisiegroepen per beroep oprichten",
                "Créer des groupes d'échange entre pairs par métier",
                "Create peer groups by profession",
            ),
            words(
                "Grafisch ontwerpers, vertalers en technici hebben elk hun eigen vragen.",
                "Graphistes, traducteur·rices et technicien·nes ont chacun leurs propres questions.",
                "Graphic designers, translators and technicians each have their own questions.",
            ),
        ),
        (
            words(
                "Vennoten helpen om samen klanten te vinden",
                "Aider les membres à trouver des clients ensemble",
                "Help members find clients together",
            ),
            words(
                "Samen kunnen vennoten grotere opdrachten aannemen.",
                "Ensemble, les membres peuvent répondre à de plus grandes commandes.",
                "Together members can take on larger assignments.",
            ),
        ),
        (
            words(
                "Betalingen voorschieten aan vennoten met laat betalende klanten",
                "Avancer les paiements aux membres dont les clients paient en retard",
                "Advance payments to members whose clients pay late",
            ),
            words(
                "Het gewaarborgde loon is voor veel vennoten de reden om voor Smart te kiezen; het moet ook "
                "gelden als een klant de vervaldag ver overschrijdt.",
                "Le salaire garanti est pour beaucoup de membres la raison de choisir Smart ; il doit tenir "
                "aussi quand un client dépasse largement l'échéance.",
                "The guaranteed wage is why many members choose Smart; it must hold when a client pays long "
                "after the due date.",
            ),
        ),
        (
            words(
                "Opleidingen geven over het beheer van een activiteit",
                "Proposer des formations à la gestion d'une activité",
                "Offer training in running an activity",
            ),
            words(
                "Boekhouding, planning en onderhandelen leer je niet vanzelf.",
                "La comptabilité, la planification et la négociation ne s'improvisent pas.",
                "Bookkeeping, planning and negotiating are not learnt by themselves.",
            ),
        ),
        (
            words(
                "Een buffer opbouwen voor periodes zonder inkomen",
                "Constituer une réserve pour les périodes sans revenus",
                "Build a buffer for periods without income",
            ),
            words(
                "Het inkomen van freelancers schommelt sterk van maand tot maand.",
                "Les revenus des freelances varient fortement d'un mois à l'autre.",
                "Freelancers' income varies strongly from month to month.",
            ),
        ),
    ],
    "spaces": [
        (
            words(
                "Gedeelde werkruimten openen in elk kantoor",
                "Ouvrir des espaces de travail partagés dans chaque bureau",
                "Open shared workspaces in every office",
            ),
            words(
                "Thuiswerken isoleert en een eigen atelier is te duur.",
                "Le travail à domicile isole et un atelier à soi coûte trop cher.",
                "Working from home isolates and a workshop of one's own is too expensive.",
            ),
        ),
        (
            words(
                "De third places oplijsten die openstaan voor vennoten",
                "Recenser les tiers-lieux ouverts aux membres",
                "List the third places open to members",
            ),
            words(
                "Veel coworkings en buurthuizen willen graag vennoten ontvangen.",
                "Beaucoup d'espaces de coworking et de tiers-lieux sont prêts à accueillir des membres.",
                "Many coworking spaces and third places are ready to welcome members.",
            ),
        ),
        (
            words(
                "Werkruimten verhuren tegen een tarief voor vennoten",
                "Louer des espaces de travail à un tarif réservé aux membres",
                "Rent workspaces at members' rates",
            ),
            words(
                "De huurprijzen in de steden liggen buiten het bereik van wie begint.",
                "Les loyers en ville sont hors de portée des membres qui débutent.",
                "City rents are out of reach for members starting out.",
            ),
        ),
        (
            words(
                "Vergaderzalen delen tussen de kantoren",
                "Partager les salles de réunion entre les bureaux",
                "Share meeting rooms between offices",
            ),
            words(
                "Sommige zalen staan het grootste deel van de week leeg.",
                "Certaines salles restent vides la plus grande partie de la semaine.",
                "Some rooms stand empty most of the week.",
            ),
        ),
        (
            words(
                "Een gedeeld atelier voor makers inrichten",
                "Aménager un atelier partagé pour les makers",
                "Fit out a shared workshop for makers",
            ),
            words(
                "Meubelmakers, decorbouwers en ontwerpers hebben machines nodig die niemand alleen kan betalen.",
                "Ébénistes, constructeurs de décors et designers ont besoin de machines que personne ne peut "
                "payer seul.",
                "Cabinetmakers, set builders and designers need machines no one can pay for alone.",
            ),
        ),
    ],
    "meeting": [
        (
            words(
                "Sectorale ontmoetingen organiseren",
                "Organiser des rencontres sectorielles",
                "Organise meetings by sector",
            ),
            words(
                "Na maanden van afzondering willen vennoten collega's uit hun sector terugzien.",
                "Après des mois d'isolement, les membres veulent revoir des collègues de leur secteur.",
                "After months of isolation members want to see colleagues from their sector again.",
            ),
        ),
        (
            words(
                "Een werkontbijt houden in elk kantoor",
                "Tenir un petit-déjeuner de travail dans chaque bureau",
                "Hold a working breakfast in every office",
            ),
            words(
                "Een vast moment maakt het makkelijk om eens binnen te lopen.",
                "Un rendez-vous fixe permet de passer facilement.",
                "A fixed time makes it easy to drop in.",
            ),
        ),
        (
            words(
                "Een meet&connect organiseren tussen Belgische en Franse vennoten",
                "Organiser un meet&connect entre membres belges et français",
                "Organise a meet&connect between Belgian and French members",
            ),
            words(
                "De onlinevergaderingen hebben getoond dat participatie over de grens heen kan.",
                "Les réunions en ligne ont montré que la participation peut franchir la frontière.",
                "The online meetings showed that participation can cross the border.",
            ),
        ),
        (
            words(
                "Een adresboek van de vennoten per regio publiceren",
                "Publier un annuaire des membres par région",
                "Publish a directory of members by region",
            ),
            words(
                "Vennoten zoeken partners voor opdrachten dicht bij huis.",
                "Les membres cherchent des partenaires pour des missions près de chez eux.",
                "Members look for partners for assignments close to home.",
            ),
        ),
        (
            words(
                "Onlinebijeenkomsten behouden voor wie ver van een kantoor woont",
                "Garder des rencontres en ligne pour qui habite loin d'un bureau",
                "Keep online meetings for those who live far from an office",
            ),
            words(
                "Sommige kantoren dekken zeer uitgestrekte gebieden.",
                "Certains bureaux couvrent des territoires très étendus.",
                "Some offices cover very large areas.",
            ),
        ),
    ],
    "peers": [
        (
            words(
                "Groepen van collega's laten begeleiden door een animator",
                "Faire accompagner les groupes de pairs par un animateur ou une animatrice",
                "Have peer groups supported by a facilitator",
            ),
            words(
                "Een groep houdt beter stand met iemand die de bijeenkomsten organiseert.",
                "Un groupe tient mieux avec quelqu'un qui organise les rencontres.",
                "A group lasts better with someone who organises the meetings.",
            ),
        ),
        (
            words(
                "Partnerschappen tussen vennoten voor gezamenlijke opdrachten stimuleren",
                "Encourager les partenariats entre membres pour des missions communes",
                "Encourage partnerships between members for joint assignments",
            ),
            words(
                "Samen bieden vennoten een volledige dienst aan die ze alleen niet kunnen leveren.",
                "Ensemble, les membres offrent un service complet qu'ils ne pourraient pas fournir seuls.",
                "Together members offer a complete service they could not deliver alone.",
            ),
        ),
        (
            words(
                "Een opleiding in collectieve begeleiding aanbieden",
                "Proposer une formation à l'accompagnement collectif",
                "Offer training in collective support",
            ),
            words(
                "Vennoten die groepen begeleiden, willen hun methodes met elkaar delen.",
                "Les membres qui animent des groupes veulent partager leurs méthodes.",
                "Members who facilitate groups want to share their methods.",
            ),
        ),
        (
            words(
                "Een testproject van intervisie onder gelijkgestemden starten",
                "Lancer un projet test d'intervision entre pairs",
                "Start a test project of peer supervision",
            ),
            words(
                "Een test met een kleine groep leert meer dan een plan dat tot in detail is uitgedacht.",
                "Un test avec un petit groupe en apprend plus qu'un plan pensé dans les moindres détails.",
                "A test with a small group teaches more than a plan worked out in every detail.",
            ),
        ),
        (
            words(
                "Een budget voorzien voor groepen die zichzelf organiseren",
                "Prévoir un budget pour les groupes qui s'organisent eux-mêmes",
                "Provide a budget for self-organised groups",
            ),
            words(
                "Een zaal, koffie of een spreker kost geld dat vennoten niet altijd kunnen voorschieten.",
                "Une salle, le café ou un intervenant coûtent de l'argent que les membres ne peuvent pas "
                "toujours avancer.",
                "A room, coffee or a speaker costs money members cannot always advance.",
            ),
        ),
    ],
}

# A title as proposed, then ways it is narrowed: Dutch puts them in front ({lower} is the title with a
# small first letter).
QUALIFIERS = [
    words("{title}", "{title}", "{title}"),
    words("In elk kantoor {lower}", "{title} dans chaque bureau", "{title} in every office"),
    words("Samen met de lokale kantoren {lower}", "{title} avec les bureaux locaux", "{title} with the local offices"),
    words("Binnen het jaar {lower}", "{title} d'ici un an", "{title} within a year"),
    words("Met een proefgroep {lower}", "{title} avec un groupe pilote", "{title} with a pilot group"),
]

SENTENCES = [
    words(
        "De werkgroep kwam verschillende keren samen en hoorde medewerkers van de coöperatie.",
        "Le groupe de travail s'est réuni plusieurs fois et a entendu des membres de l'équipe de la coopérative.",
        "The workgroup met several times and heard staff of the cooperative.",
    ),
    words(
        "De groep vraagt de raden van bestuur om hiervan de komende jaren een prioriteit te maken.",
        "Le groupe demande aux conseils d'administration d'en faire une priorité pour les années à venir.",
        "The group asks the boards to make this a priority for the coming years.",
    ),
    words(
        "Verschillende deelnemers maakten het zelf mee in hun activiteit.",
        "Plusieurs participants l'ont vécu dans leur propre activité.",
        "Several participants have lived through it in their own activity.",
    ),
    words(
        "De aanbeveling bouwt voort op projecten die in sommige kantoren al lopen.",
        "La recommandation s'appuie sur des projets qui existent déjà dans certains bureaux.",
        "The recommendation builds on projects already running in some offices.",
    ),
    words(
        "De groep stelt voor klein te beginnen en te leren uit een eerste test.",
        "Le groupe propose de commencer petit et de tirer les leçons d'un premier essai.",
        "The group suggests starting small and learning from a first trial.",
    ),
    words(
        "De middelen zouden uit het budget voor coöperatief leven komen.",
        "Les moyens viendraient du budget consacré à la vie coopérative.",
        "The means would come from the budget for cooperative life.",
    ),
    words(
        "Het voorstel werd in de groep unaniem aangenomen.",
        "La proposition a fait l'unanimité dans le groupe.",
        "The proposal was unanimous in the group.",
    ),
    words(
        "De vennoten dringen erop aan dat de resultaten met iedereen gedeeld worden.",
        "Les membres insistent pour que les résultats soient partagés avec tout le monde.",
        "Members insist that the results be shared with everyone.",
    ),
    words(
        "De groep wil een eerste stand van zaken vóór de volgende algemene vergadering, met een duidelijke termijn.",
        "Le groupe souhaite un premier bilan avant la prochaine assemblée générale, avec une échéance claire.",
        "The group wants a first review before the next general assembly, with a clear deadline.",
    ),
]

CONTEXTS = [
    words(
        "Uit het gezamenlijke document met de aanbevelingen van de werkgroepen.",
        "Tirée du document commun des recommandations des groupes de travail.",
        "Taken from the merged document of the workgroups' recommendations.",
    ),
]
# 2019-2020: the merged proposals were discussed in public video conferences before the boards saw them.
CONTEXT_2020 = words(
    "Besproken tijdens de openbare videoconferenties van het voorjaar van 2020.",
    "Discutée lors des visioconférences publiques du printemps 2020.",
    "Discussed in the public video conferences of spring 2020.",
)
# The sharing economy group of 2019-2020 lacked the time to write detailed recommendations.
CONTEXT_SHARING = words(
    "De groep had niet genoeg tijd om deze aanbeveling in detail uit te werken.",
    "Le groupe n'a pas eu le temps de détailler cette recommandation.",
    "The group did not have the time to work this recommendation out in detail.",
)

MOTIVATIONS = {
    Decision.ACCEPTED: [
        words(
            "Past binnen het sociaal doeleinde en het strategisch plan.",
            "Conforme à la finalité sociale et au plan stratégique.",
            "Fits the social purpose and the strategic plan.",
        ),
        words(
            "Aanvaard; de betrokken directie neemt het op zich.",
            "Acceptée ; la direction concernée la prend en charge.",
            "Accepted; the directorate concerned takes it on.",
        ),
        words(
            "Aanvaard als prioritair project.", "Acceptée comme projet prioritaire.", "Accepted as a priority project."
        ),
    ],
    Decision.REFORMULATED: [
        words(
            "Aanvaard in een beperktere vorm die de middelen van de coöperatie toelaten.",
            "Acceptée sous une forme plus restreinte, que les moyens de la coopérative permettent.",
            "Accepted in a narrower form that the cooperative's means allow.",
        ),
        words(
            "Geherformuleerd om aan te sluiten bij lopende projecten.",
            "Reformulée pour rejoindre des projets en cours.",
            "Reformulated to fit projects already running.",
        ),
    ],
    Decision.POSTPONED: [
        words(
            "Verdaagd tot de middelen beschikbaar zijn.",
            "Reportée jusqu'à ce que les moyens soient disponibles.",
            "Postponed until the means are available.",
        ),
        words(
            "Verdaagd: hangt af van een project dat nog niet af is.",
            "Reportée : dépend d'un projet qui n'est pas terminé.",
            "Postponed: depends on a project that is not finished.",
        ),
    ],
    Decision.REFUSED: [
        words(
            "Geweigerd: valt buiten het sociaal doeleinde van de coöperatie.",
            "Refusée : hors de la finalité sociale de la coopérative.",
            "Refused: outside the cooperative's social purpose.",
        ),
        words(
            "Geweigerd: de wetgeving van beide landen laat het niet toe.",
            "Refusée : la législation des deux pays ne le permet pas.",
            "Refused: the laws of both countries do not allow it.",
        ),
        words(
            "Geweigerd: de kosten staan niet in verhouding tot de middelen.",
            "Refusée : le coût est hors de proportion avec les moyens.",
            "Refused: the cost is out of proportion to the means.",
        ),
    ],
}
REFORMULATION = words(
    "{title}, binnen de middelen van het komende jaar.",
    "{title}, dans la limite des moyens de l'année à venir.",
    "{title}, within the means of the coming year.",
)

HANDED_IN = words("Ingediend door de werkgroep.", "Remise par le groupe de travail.", "Handed in by the workgroup.")
STARTED = {
    FollowUp.PRIORITY_PROJECT: words(
        "Als prioritair project opgenomen in het strategisch plan; het werk is begonnen.",
        "Inscrite comme projet prioritaire au plan stratégique ; le travail a commencé.",
        "Taken into the strategic plan as a priority project; work has started.",
    ),
    FollowUp.DIRECTORATE: words(
        "De bevoegde directie heeft het werk opgenomen.",
        "La direction concernée a commencé le travail.",
        "The directorate concerned has started the work.",
    ),
    FollowUp.TEST_PROJECT: words(
        "Een groep vennoten test het project in de praktijk, met de steun van een animator.",
        "Un groupe de membres teste le projet sur le terrain, accompagné par un animateur.",
        "A group of members is testing the project in practice, supported by a facilitator.",
    ),
    FollowUp.HACKATHON: words(
        "Als casus voorgelegd op de hackathon; een team werkt aan een oplossing.",
        "Proposée comme cas au hackathon ; une équipe travaille à une solution.",
        "Put to the hackathon as a case; a team is working on a solution.",
    ),
    FollowUp.LOCAL_INITIATIVE: words(
        "Het lokale kantoor is er zelf mee begonnen, zonder op de raden van bestuur te wachten.",
        "Le bureau local s'y est mis de lui-même, sans attendre les conseils d'administration.",
        "The local office started on it itself, without waiting for the boards.",
    ),
}
EXECUTED = [
    words(
        "Afgerond; de resultaten werden aan de vennoten voorgesteld.",
        "Menée à bien ; les résultats ont été présentés aux membres.",
        "Completed; the results were presented to the members.",
    ),
    words(
        "Opgenomen in de vaste werking van de coöperatie.",
        "Intégrée au fonctionnement régulier de la coopérative.",
        "Now part of the cooperative's regular work.",
    ),
    words(
        "Afgerond vóór de voorziene vervaldatum.",
        "Menée à terme avant l'échéance prévue.",
        "Completed before the planned deadline.",
    ),
]
NOT_STARTED = words(
    "Stand van zaken: aanvaard, maar het werk is nog niet begonnen.",
    "État des lieux : acceptée, mais le travail n'a pas encore commencé.",
    "Stocktaking: accepted, but no work has started yet.",
)

DIRECTORATES = [
    words("Coöperatief leven", "Vie coopérative", "Cooperative life"),
    words("Dienstverlening aan de vennoten", "Services aux membres", "Member services"),
    words("IT", "Informatique", "IT"),
    words("Financiën", "Finances", "Finance"),
    words("Communicatie", "Communication", "Communication"),
    words("Juridische zaken", "Affaires juridiques", "Legal affairs"),
    words("Personeelszaken", "Ressources humaines", "Human resources"),
]
