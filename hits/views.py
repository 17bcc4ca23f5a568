import re

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.addresses import is_same_origin
from core.limits import hourly_limit_exceeded

from . import services

# Browsers that run our script but are not readers. Bots that do not run JavaScript never
# send the beacon at all. Real browsers' User-Agents contain none of these words:
# "bot" (Googlebot, bingbot, coccocbot, AdsBot, ... - not the phone brand Cubot),
# "spider"/"crawl" (Baiduspider, Bytespider, crawlers), "headless" (HeadlessChrome:
# scripted Chrome), "lighthouse"/"pagespeed"/"gtmetrix" (speed tests), "phantomjs",
# "prerender" (prerender services), "preview" (link previews), and HTTP libraries
# ("python", "curl", "wget", "go-http", "okhttp", "java/") that send no browser name.
BOTS = re.compile(
    r"(?<!cu)bot|spider|crawl|slurp|headless|lighthouse|pagespeed|gtmetrix|phantomjs|prerender|preview"
    r"|python|curl|wget|go-http|okhttp|java/",
    re.IGNORECASE,
)
# A reader opens a few dozen articles an hour at most; an address shared by many (a
# carrier's NAT, an office) is given room for many readers. HITS_PER_ADDRESS_PER_HOUR.
PER_ADDRESS_PER_HOUR = getattr(settings, "HITS_PER_ADDRESS_PER_HOUR", 300)


class ViewCounted(HttpResponse):
    """204, then (once it has been sent) the flush, if it is due: see services.maybe_flush."""

    def close(self):
        super().close()
        services.maybe_flush()


def is_counted(request) -> bool:
    if BOTS.search(request.headers.get("User-Agent") or "bot") or not is_same_origin(request):
        return False
    return not hourly_limit_exceeded(request, "hits", PER_ADDRESS_PER_HOUR)


@csrf_exempt  # a beacon from a cached page carries no token: from_our_pages() instead
@require_POST
def count(request, article_id: int):
    """POST from static/js/hits.js (navigator.sendBeacon): one view of the article.

    Always 204 at once, counted or not (a bot or a script learns nothing); no query,
    no cookie, nothing about the reader kept. Unknown ids are dropped by the flush.
    """
    if is_counted(request):
        services.count_view(article_id)
    response = ViewCounted(status=204)
    add_never_cache_headers(response)
    return response
