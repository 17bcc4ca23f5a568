"""The pages of the old NukeViet portal's "page" modules (page, about, siteterms ...), found by
their old alias (Page.legacy_alias); the old links themselves are read by nukeviet/links.py.
Under /en/ the English page of that alias comes first, and the English introduction for the
module itself."""

from django.urls import reverse

from .models import ROOT_URL_NAMES, Page


def language(lang: str | None) -> str:
    return Page.Language.EN if lang == "en" else Page.Language.VI


def root_url(lang: str | None = None) -> str:
    return reverse(ROOT_URL_NAMES[language(lang)])


def legacy_page(alias: str, lang: str | None = None, *, public: bool = True) -> Page | None:
    if "\x00" in alias or not alias:
        return None
    preferred = language(lang)
    pages = Page.objects.published() if public else Page.objects.all()
    found = sorted(pages.filter(legacy_alias=alias)[:5], key=lambda p: p.language != preferred)
    return found[0] if found else None
