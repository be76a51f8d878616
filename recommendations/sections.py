"""Sections that apps built on this one add to a recommendation's page and to the pages of a theme, cycle,
workgroup or office, without this app importing them."""

# Each section is a function (request, recommendation) -> HTML or "", registered in its app's
# AppConfig.ready(); the page shows their HTML in the order registered, below the follow-up.
SECTIONS = []


def register(section):
    SECTIONS.append(section)
    return section


def rendered(request, recommendation):
    return [html for section in SECTIONS if (html := section(request, recommendation))]


# Each is a function (request, kind, obj, recommendations) -> HTML or "": ``kind`` is "theme", "cycle",
# "workgroup" or "office", ``recommendations`` the page's published ones as they are today. The page shows
# their HTML below its figures.
SLICE_SECTIONS = []


def register_slice(section):
    SLICE_SECTIONS.append(section)
    return section


def rendered_slice(request, kind, obj, recommendations):
    return [html for section in SLICE_SECTIONS if (html := section(request, kind, obj, recommendations))]
