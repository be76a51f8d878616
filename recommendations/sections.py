"""Sections that apps built on this one add to a recommendation's page, without this app importing them."""

# Each section is a function (request, recommendation) -> HTML or "", registered in its app's
# AppConfig.ready(); the page shows their HTML in the order registered, below the follow-up.
SECTIONS = []


def register(section):
    SECTIONS.append(section)
    return section


def rendered(request, recommendation):
    return [html for section in SECTIONS if (html := section(request, recommendation))]
