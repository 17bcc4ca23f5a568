"""What a person sees on an admin page, and the English words left in it."""

import re
from html.parser import HTMLParser

# Words of Django's admin, auth, django-reversion(-compare), django-axes and django-otp
# screens that have no place on a Vietnamese page. Matched as whole words, case as written:
# "Go" is the changelist's action button, while "go" is part of slugs (go-cong-tay).
# The apps' labels capitalised ("Articles", "Axes") are what an app without a verbose name
# shows, and what a library's template printing app_label shows (reversion-compare's
# breadcrumbs). None of them is a Vietnamese syllable written without marks ("in", "to", "do", "can",
# "tin", "an", "con" are, and are left out).
ENGLISH = set(
    """
    the The and And or of for with from this This that your Your you You are is was be been not
    Please please Add add Change change Delete delete Save save Search search Filter filter
    Show show Hide hide History history Choose choose None Yes No Unknown Today Now Yesterday
    Home Log out Logout View view site Password password Username username minutes minute hours
    hour days day weeks months years Action action Actions Go selected Select select Recover
    Revert revert Compare compare comment Comment COMMENT Date Time time User user Users Groups
    Group object objects Object Clear clear Remove remove Calendar Cancel Midnight Noon
    Sunday Monday Tuesday Wednesday Thursday Friday Saturday January February March April
    June July August September October November December Currently Change: New new
    Enter enter Required required Error error errors below above again sure Are confirm
    Confirm Back back More more Skip Toggle theme navigation Sidebar Breadcrumbs entry entries
    results result total All all Any any Empty empty Active Staff staff superuser Superuser
    Permissions permissions Personal info Important dates Last login joined Authentication
    authentication Enabled Disabled Set Reset Reset Upload upload Browse file File Choose
    Clear Close close Edit edit Open open Link link Image image Caption caption Text text
    Previous previous next Next First Last page Page items item list List Summary summary
    Continue Submit Send Sign sign Log Welcome welcome Documentation documentation
    can't don't doesn't won't isn't Can't Don't deleted changed added Added Changed Deleted
    True False login Powered POWERED
    Articles Axes AXES Documents Pages People Contact Navigation Accounts Ratings Hits Network
    Archives Reversion models Models Sites SITES
    """.split()  # noqa: SIM905 - a paragraph of words reads better than a list of 250 strings
)
# Not English: names and codes that are the same in Vietnamese. Kept short; each says why.
ALLOWED = {
    "CKEditor",  # the editor's name
    "PDF",  # file types as the office says them
    "ZIP",
    "URL",  # printed as is on Vietnamese government sites
    "ID",
    "email",  # a field name Vietnamese editors use as is ("địa chỉ email")
}
# A word touching "/", "_" or a digit is part of an address or a file name (/admin/login/,
# /page/ .html, 1be0b86d.pdf): code, not English.
EDGE = r"A-Za-z0-9'/_"
WORD = re.compile(rf"(?<![{EDGE}])[A-Za-z][A-Za-z']*(?![{EDGE}])")
HIDDEN_TAGS = {"script", "style", "template", "noscript"}
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
BUTTON_INPUTS = {"submit", "button", "reset"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        attrs = dict(attrs)
        if tag == "input" and (attrs.get("type") or "").lower() in BUTTON_INPUTS:
            self.parts.append(attrs.get("value") or "")
        for name in SHOWN_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def english_words(text: str) -> list[str]:
    found = []
    for word in WORD.findall(text):
        if word in ENGLISH and word not in ALLOWED and word not in found:
            found.append(word)
    return found


def english_in_context(text: str, width: int = 40) -> list[str]:
    """Each English word with the text around it, so a failure says where to look."""
    shown = []
    for word in english_words(text):
        at = re.search(rf"(?<![{EDGE}]){re.escape(word)}(?![{EDGE}])", text).start()
        shown.append(f"{word!r} in …{text[max(0, at - width) : at + len(word) + width]}…")
    return shown
