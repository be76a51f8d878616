"""Sections that apps built on this one add to the public pages, without this app importing them."""

# Each section is a function (request, obj) -> HTML or "", registered in its app's AppConfig.ready() for the
# pages it belongs on: "recommendation" (below the follow-up), "theme", "cycle", "workgroup", "office" and
# "project" (at the end). A page shows their HTML in the order registered.
SECTIONS = []


def register(section, pages=("recommendation",)):
    SECTIONS.append((section, tuple(pages)))
    return section


def rendered(request, obj, page="recommendation"):
    return [html for section, pages in SECTIONS if page in pages and (html := section(request, obj))]


# Sections about a page's figures, below them: each is a function (request, kind, obj, recommendations,
# today) -> HTML or "", where ``kind`` is "theme", "cycle", "workgroup" or "office", ``recommendations`` the
# page's published ones as they are today and ``today`` their figures (``stats.Figures``), as the page shows them.
FIGURE_SECTIONS = []


def register_figures(section):
    FIGURE_SECTIONS.append(section)
    return section


def rendered_figures(request, kind, obj, recommendations, today):
    return [html for section in FIGURE_SECTIONS if (html := section(request, kind, obj, recommendations, today))]
