"""Links of the old NukeViet portal's "page" and "about" modules, answered with a permanent
redirect (301):

    /page/<alias>.html, /page/<alias>/, /about/<alias>.html, /about/<alias>/
                         -> the published page whose legacy_alias is <alias>
    /page/, /about/      -> the introduction (/gioi-thieu/)

each also under a language prefix (/vi/about/...); under /en/ the English page of that alias
first, and the English introduction for the module itself. An alias no public page has is a 404.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from .models import ROOT_URL_NAMES, Page


@require_safe
def module_home(request, lang=None):
    language = Page.Language.EN if lang == "en" else Page.Language.VI
    return redirect(reverse(ROOT_URL_NAMES[language]), permanent=True)


@require_safe
def page_detail(request, alias, lang=None):
    if "\x00" in alias:
        alias = ""
    preferred = Page.Language.EN if lang == "en" else Page.Language.VI
    found = sorted(Page.objects.published().filter(legacy_alias=alias)[:5], key=lambda p: p.language != preferred)
    if not found:
        raise Http404("Không tìm thấy trang.")
    return redirect(found[0], permanent=True)
