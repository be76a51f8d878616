"""A crawl of every public page of the demo in Dutch and in French: no name, title or text appears in
another language unless it is marked as the original, with its own ``lang``.

The texts are read from the database itself, column by column: a text written in another language
with no translation into the page's must appear only inside an element whose ``lang`` is its own.
"""

import re
from collections import deque
from html.parser import HTMLParser

import pytest
from django.apps import apps

from workgroups.languages import column

# Pages, and lists narrowed by one filter, whose headings and chips name what they show.
LINK = re.compile(r'href="(/[^"#?]*(?:\?(?:page=\d+|(?:cycle|theme|workgroup|office)=[\w-]+))?)"')
NOT_PUBLIC = ("/admin/", "/static/", "/language/", "/exports/", "/recommendations/export", "/projects/export")


class TextsWithLanguage(HTMLParser):
    """Each piece of text of a page (a text node, or an ``option``) with the nearest ``lang`` above it."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}

    def __init__(self):
        super().__init__()
        self.stack, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang") or self.language()))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        # A page title is plain text and cannot mark a part of itself; the heading below it does.
        if data.strip() and self.stack and self.stack[-1][0] != "title":
            self.texts.append((" ".join(data.split()), self.language()))

    def language(self):
        return self.stack[-1][1] if self.stack else None


def untranslated_texts(language):
    """{text: the language it is written in} of every text that has no translation into ``language``."""
    found = {}
    for model in apps.get_models():
        names = getattr(model, "translated_fields", ())
        if not names:
            continue
        columns = [*names] + [column(name, language) for name in names]
        for written_in, *values in model.objects.exclude(language=language).values_list("language", *columns):
            for text, translation in zip(values[: len(names)], values[len(names) :], strict=True):
                for line in text.splitlines():
                    # Short words ("Lyon", "Gender") read the same in several languages.
                    if len(line.strip()) >= 12 and not translation:
                        found[" ".join(line.split())] = written_in
    return found


def crawl(client, language):
    seen, queue, pages = set(), deque(["/"]), {}
    while queue:
        path = queue.popleft()
        # A feed is XML: ``test_feeds`` reads the demo's as a feed reader does, and checks their marks.
        if path in seen or path.startswith(NOT_PUBLIC) or path.partition("?")[0].endswith("/feed/"):
            continue
        seen.add(path)
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, path
        html = response.content.decode()
        pages[path] = html
        queue.extend(LINK.findall(html))
    return pages


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_public_page_marks_each_text_in_another_language(demo, client, language):
    foreign = untranslated_texts(language)
    assert foreign, "the demo has untranslated texts, so that the marking is put to the test"
    pages = crawl(client, language)
    assert len(pages) > 250  # the overview, lists, themes, cycles, workgroups and every recommendation
    any_of = re.compile("|".join(re.escape(text) for text in sorted(foreign, key=len, reverse=True)))
    unmarked, marked = [], 0
    for path, html in pages.items():
        parser = TextsWithLanguage()
        parser.feed(html)
        for text, shown_as in parser.texts:
            for found in any_of.finditer(text):
                written_in = foreign[found.group()]
                if shown_as == written_in:
                    marked += 1
                else:
                    unmarked.append((path, found.group()[:60], written_in, shown_as))
    assert not unmarked[:10]
    assert marked
