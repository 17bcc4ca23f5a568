from django.urls import reverse
from django.views.generic import TemplateView

from .models import PEOPLE_TAG, TERM_PARAMETER, Person, Term
from .services import organisation_chart

# The words of the pages in each language (the Jinja2 templates have no gettext).
WORDS = {
    "vi": {
        "home": "Trang chủ",
        "about": "Giới thiệu",
        "leaders": "Lãnh đạo",
        "organisation": "Cơ cấu tổ chức",
        "terms": "Các nhiệm kỳ",
        "current": "hiện tại",
        "past_note": "Đây là thông tin của nhiệm kỳ đã qua.",
        "see_current": "Xem nhiệm kỳ hiện tại",
        "phone": "Điện thoại",
        "email": "Thư điện tử",
        "duties": "Nhiệm vụ",
        "members": "Thành viên",
        "sub_units": "Các đơn vị trực thuộc",
        "no_term": "Chưa có thông tin nhiệm kỳ.",
        "no_leaders": "Chưa có thông tin lãnh đạo của nhiệm kỳ này.",
        "no_units": "Chưa có thông tin cơ cấu tổ chức của nhiệm kỳ này.",
        "unknown_term": "Không có nhiệm kỳ “{wanted}”. Hãy chọn một nhiệm kỳ dưới đây.",
        "skip": "Bỏ qua, đến nội dung chính",
        "leaders_description": "Họ tên, chức vụ, nhiệm vụ, điện thoại và thư điện tử của lãnh đạo {org}, {term}.",
        "organisation_description": "Sơ đồ tổ chức {org}, {term}: các ban, đơn vị và cán bộ phụ trách.",
    },
    "en": {
        "home": "Home",
        "about": "About",
        "leaders": "Leaders",
        "organisation": "Organisation",
        "terms": "Terms",
        "current": "current",
        "past_note": "This is a past term.",
        "see_current": "See the current term",
        "phone": "Phone",
        "email": "E-mail",
        "duties": "Duties",
        "members": "Members",
        "sub_units": "Units under",
        "no_term": "No term has been entered yet.",
        "no_leaders": "No leaders have been entered for this term yet.",
        "no_units": "No organisation has been entered for this term yet.",
        "unknown_term": "There is no term “{wanted}”. Please choose one of the terms below.",
        "skip": "Skip to main content",
        "leaders_description": "Names, positions, duties, phone numbers and e-mail addresses of the leaders of "
        "the {org}, {term}.",
        "organisation_description": "Organisation chart of the {org}, {term}: its boards, offices and people.",
    },
}


def organisation_name(request, lang: str) -> str:
    """The site's own name (network/), in English on the English pages where it has one."""
    site = getattr(request, "site", None)
    if site is None:
        return ""
    return site.name_in(lang)


def choose_term(terms: list[Term], wanted: str) -> Term | None:
    """The term a page shows: ?nhiem-ky=<slug or id>, else the current one (else the newest)."""
    if not wanted:
        return next((term for term in terms if term.is_current), terms[0] if terms else None)
    by_slug = next((term for term in terms if term.slug == wanted), None)
    if by_slug is None and wanted.isdigit():
        return next((term for term in terms if term.pk == int(wanted)), None)
    return by_slug


class TermPage(TemplateView):
    """A page of one term, in one language; ?nhiem-ky= picks a past term. An unknown term is
    a 404 that says so and offers the terms there are (never cached: only a 200 is)."""

    lang = "vi"
    page = ""  # "leaders" or "organisation": the URL names are people:<page> and people:<page>_en
    cache_parameters = frozenset({TERM_PARAMETER})

    @classmethod
    def cache_tags(cls, **kwargs):
        return {PEOPLE_TAG}

    def get(self, request, *args, **kwargs):
        terms = list(Term.objects.newest_first())
        wanted = request.GET.get(TERM_PARAMETER, "").strip()[:60]
        term = choose_term(terms, wanted)
        context = self.get_context_data(terms=terms, term=term, wanted=wanted, **kwargs)
        return self.render_to_response(context, status=404 if term is None and wanted else 200)

    def get_context_data(self, *, terms, term, wanted, **kwargs):
        context = super().get_context_data(**kwargs)
        current = next((t for t in terms if t.is_current), terms[0] if terms else None)
        words = WORDS[self.lang]
        query = f"?{TERM_PARAMETER}={term.slug}" if term and term != current else ""
        context.update(
            lang=self.lang,
            en=self.lang == "en",
            w=words,
            organisation=organisation_name(self.request, self.lang),
            terms=terms,
            term=term,
            current=current,
            unknown_term=words["unknown_term"].format(wanted=wanted) if wanted and term is None else "",
            page=self.page,
            page_url=reverse(self.url_name(self.lang)),
            query=query,
            vi_url=reverse(self.url_name("vi")) + query,
            en_url=reverse(self.url_name("en")) + query,
            # For the headers' language switch (includes/_header.html, _header_en.html).
            alternate_language="vi" if self.lang == "en" else "en",
            leaders_url=reverse("people:leaders" + ("_en" if self.lang == "en" else "")),
            organisation_url=reverse("people:organisation" + ("_en" if self.lang == "en" else "")),
        )
        context["alternate_url"] = context["vi_url" if self.lang == "en" else "en_url"]
        if term is not None:
            context.update(self.term_context(term))
        return context

    def url_name(self, lang: str) -> str:
        return f"people:{self.page}{'_en' if lang == 'en' else ''}"

    def term_context(self, term: Term) -> dict:
        raise NotImplementedError


class LeadersView(TermPage):
    """/gioi-thieu/lanh-dao/ (and /en/leaders/): the term's leaders with photo, position,
    duties, phone and e-mail. Template: people/leaders.html. Two queries (terms, people)."""

    template_name = "people/leaders.html"
    page = "leaders"

    def term_context(self, term):
        people = Person.objects.published().filter(term=term, is_leader=True).select_related("unit")
        return {"people": list(people.order_by("order", "name", "id"))}


class OrganisationView(TermPage):
    """/gioi-thieu/co-cau-to-chuc/ (and /en/organisation/): the term's units as nested lists
    with their people. Template: people/organisation.html. Three queries (terms, units, people)."""

    template_name = "people/organisation.html"
    page = "organisation"

    def term_context(self, term):
        return {"chart": organisation_chart(term)}
