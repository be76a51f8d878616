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
