import re
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.signing import BadSignature
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from articles.models import Article
from core.addresses import is_same_origin

from . import services

COOKIE_SALT = "ratings.voter"
STARS = re.compile(r"[1-5]")


ARCHIVED = _("Đây là trang lưu trữ: không nhận đánh giá mới.")


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def refuse(request, message: str, status: int, article: Article | None = None):
    """A refusal the reader understands: JSON for the script, a page without it."""
    if wants_json(request):
        return JsonResponse({"ok": False, "message": message}, status=status)
    response = render(request, "ratings/refused.html", {"message": message, "article": article}, status=status)
    add_never_cache_headers(response)
    return response


def voter_token(request) -> str | None:
    try:
        return request.get_signed_cookie(settings.RATING_COOKIE_NAME, salt=COOKIE_SALT)
    except (KeyError, BadSignature):
        return None


def totals(article: Article) -> dict:
    average = number_format(article.rating_average, decimal_pos=1)
    return {
        "sum": article.rating_sum,
        "count": article.rating_count,
        "average": average,
        "halves": article.rating_halves,
        "label": _("Xếp hạng %(average)s trên 5, %(count)s phiếu bầu")
        % {"average": average, "count": article.rating_count}
        if article.rating_count
        else _("Chưa có đánh giá"),
    }


@csrf_exempt  # replaced by is_same_origin(): see its docstring
def vote(request, article_id: int):
    """POST stars=1..5: 303 back to the article with a message, or JSON for fetch()."""
    if request.method != "POST":
        response = refuse(request, _("Hãy chọn số sao trong khung đánh giá ở cuối bài viết rồi bấm Gửi."), 405)
        response["Allow"] = "POST"
        return response
    if not is_same_origin(request):
        message = _("Yêu cầu đánh giá không đến từ trang bài viết của cổng, nên không được ghi nhận.")
        return refuse(request, message, 403)
    article = get_object_or_404(Article.objects.published().select_related("category"), pk=article_id)
    if getattr(getattr(request, "site", None), "is_archive", False):
        return refuse(request, ARCHIVED, 403, article)
    if not article.allow_rating:
        return refuse(request, _("Bài viết này không nhận đánh giá."), 403, article)
    if services.throttle_exceeded(request):
        return refuse(request, _("Bạn đã gửi quá nhiều đánh giá trong một giờ. Vui lòng thử lại sau."), 429, article)
    raw = request.POST.get("stars", "")
    if not STARS.fullmatch(raw):
        return refuse(request, _("Vui lòng chọn từ 1 đến 5 sao."), 400, article)
    stars = int(raw)

    token = voter_token(request)
    new_token = token is None
    if new_token:
        token = secrets.token_urlsafe(32)
    try:
        article = services.vote_cast(article=article, stars=stars, voter_key=services.voter_key_for(token))
    except services.AlreadyVoted:
        message, level, ok, status = _("Bạn đã đánh giá bài viết này rồi."), messages.WARNING, False, 409
    else:
        message, level, ok, status = _("Cảm ơn bạn đã đánh giá bài viết."), messages.SUCCESS, True, 200

    if wants_json(request):
        mine = stars if ok else services.vote_of(article=article, token=token)
        response = JsonResponse({"ok": ok, "message": message, "mine": mine, **totals(article)}, status=status)
    else:
        messages.add_message(request, level, message, extra_tags="danh-gia")
        response = HttpResponseRedirect(f"{article.get_absolute_url()}#danh-gia", status=303)
    if new_token:
        response.set_signed_cookie(
            settings.RATING_COOKIE_NAME,
            token,
            salt=COOKIE_SALT,
            max_age=settings.RATING_COOKIE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    add_never_cache_headers(response)
    return response


def my_vote(request, article_id: int):
    """The reader's own vote and the current totals, for the script on a cached page. Never cached."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    token = voter_token(request)
    mine = services.vote_of(article=article, token=token) if token else None
    response = JsonResponse({"mine": mine, "open": article.allow_rating, **totals(article)})
    add_never_cache_headers(response)
    patch_vary_headers(response, ["Cookie"])
    return response
