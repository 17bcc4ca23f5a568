from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from core.addresses import is_same_origin

from . import services
from .forms import ContactForm

DEFAULT_MAP_URL = "https://www.openstreetmap.org/search?query=V%C4%A9nh%20B%C3%ACnh%2C%20G%C3%B2%20C%C3%B4ng%20T%C3%A2y"

PAGES = {
    "vi": {
        "url": "contact:contact",
        "alternate": "contact:contact_en",
        "template": "contact/contact.html",
        "thanks": "Cảm ơn bạn đã gửi góp ý. {office} đã nhận được và sẽ trả lời bạn "
        "qua thư điện tử hoặc số điện thoại bạn để lại.",
        "limited": "Bạn đã gửi nhiều góp ý trong một giờ qua nên góp ý này chưa được gửi. "
        "Vui lòng thử lại sau một giờ, hoặc gọi điện cho {office}.",
        "cross_site": "Góp ý không được gửi từ trang Liên hệ - Góp ý của cổng nên không được nhận. "
        "Vui lòng mở trang Liên hệ - Góp ý và gửi lại.",
        "archived": "Đây là trang lưu trữ: góp ý không được nhận. Xin gửi đến trang kế tục được nêu ở đầu trang.",
    },
    "en": {
        "url": "contact:contact_en",
        "alternate": "contact:contact",
        "template": "contact/contact_en.html",
        "thanks": "Thank you for your message. The Committee's Office has received it and will answer you "
        "by e-mail or phone.",
        "limited": "You have sent several messages in the last hour, so this one was not sent. "
        "Please try again in an hour, or call the Committee's Office.",
        "cross_site": "This message was not sent from the portal's contact page, so it was not accepted. "
        "Please open the contact page and send it again.",
        "archived": "This site is an archive and takes no messages: please write to the site named at the top.",
    },
}


def _page(request, form: ContactForm, language: str, *, status: int = 200, alert: str = ""):
    context = {
        "language": language,
        "alternate_url": reverse(PAGES[language]["alternate"]),  # the header's language switch
        "form": form,
        "started": form.stamp_to_keep(),
        "alert": alert,
        "map_url": getattr(settings, "SITE_MAP_URL", DEFAULT_MAP_URL),
        "retention_days": services.retention_days(),
    }
    response = render(request, PAGES[language]["template"], context, status=status)
    if request.method == "POST":
        add_never_cache_headers(response)
    return response


def office(request) -> str:
    """Who answers on this site: "Văn phòng Huyện ủy Gò Công Tây" (SiteInfo.office)."""
    site = getattr(request, "site", None)
    return site.office if site is not None else "Văn phòng"


def in_words(text: str, request) -> str:
    """One of PAGES' texts with the office of the request's site in it ("{office}")."""
    return text.format(office=office(request))


@csrf_exempt  # replaced by is_same_origin(): see its docstring
def contact(request, language: str = "vi"):
    """GET: the office's contacts and the form (contact/contact.html, contact_en.html; cacheable,
    nothing per reader). POST: store the message, 303 back with a thank-you message."""
    if request.method != "POST":
        return _page(request, ContactForm(language=language, office=office(request)), language)
    page = PAGES[language]
    form = ContactForm(request.POST, language=language, office=office(request))
    if not is_same_origin(request):
        return _page(request, form, language, status=403, alert=page["cross_site"])
    if getattr(getattr(request, "site", None), "is_archive", False):
        return _page(request, form, language, status=403, alert=page["archived"])
    if not form.is_valid():
        # Field errors, or a spam trap caught it (said calmly, nothing stored): what was typed stays.
        return _page(request, form, language, status=400)
    if services.limit_exceeded(request):
        return _page(request, form, language, status=429, alert=in_words(page["limited"], request))
    services.message_receive(**form.message_fields(), language=language, sender_key=services.sender_key(request))
    # The thanks travels in the messages cookie: a request carrying it goes around the page
    # cache, and the answer that clears it is never stored, so no one else sees it.
    messages.success(request, in_words(page["thanks"], request), extra_tags="lien-he")
    response = HttpResponseRedirect(f"{reverse(page['url'])}#noi-dung", status=303)
    add_never_cache_headers(response)
    return response
