import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles.models import Article
from ratings import services
from ratings.models import Vote
from tests.factories import make_article, make_user

ORIGIN = "http://testserver"


@pytest.fixture
def article(db):
    return make_article(title="Hội nghị Ban Chấp hành Đảng bộ huyện")


def vote(client, article_id, stars="4", json=False, **headers):
    headers.setdefault("HTTP_ORIGIN", ORIGIN)
    if json:
        headers["HTTP_ACCEPT"] = "application/json"
    data = {} if stars is None else {"stars": stars}
    return client.post(f"/danh-gia/{article_id}/", data, **headers)


def totals(article):
    article.refresh_from_db()
    return article.rating_sum, article.rating_count


# --- what readers get -----------------------------------------------------------


def test_the_stars_say_what_the_average_beside_them_says(client, article):
    Article.objects.filter(pk=article.pk).update(rating_sum=9, rating_count=2)  # 4,5
    html = client.get(article.get_absolute_url()).content.decode()
    stars = re.search(r'<p class="rating-stars".*?</p>', html, re.S).group(0)
    assert 'aria-label="Xếp hạng 4,5 trên 5, 2 phiếu bầu"' in stars
    assert stars.count("star star-on") == 4 and stars.count("star star-half") == 1
    assert "Xếp hạng: <span data-rating-average>4,5</span> - <span data-rating-count>2</span> phiếu bầu" in html
    assert "Click" not in html


def test_article_page_has_a_real_accessible_rating_form(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    form = re.search(r'<form class="rating-form" method="post" action="/danh-gia/(\d+)/".*?</form>', html, re.S)
    assert form and form.group(1) == str(article.pk)
    form = form.group(0)
    assert "<fieldset>" in form and "<legend>Bấm để đánh giá bài viết</legend>" in form
    for value in "12345":
        assert f'<input type="radio" name="stars" value="{value}" id="sao-{value}" required>' in form
        assert re.search(rf'<label for="sao-{value}">.*?{value} sao</span></label>', form)
    assert '<button type="submit">Gửi đánh giá</button>' in form
    assert "csrfmiddlewaretoken" not in html  # nothing per reader on a cacheable page
    assert "js/ratings.js" in html


def test_vote_without_javascript_redirects_back_with_thanks_and_new_totals(client, article):
    response = vote(client, article.pk, "4")
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#danh-gia"
    page = client.get(response["Location"]).content.decode()
    assert "Cảm ơn bạn đã đánh giá bài viết" in page
    assert "Tổng số điểm của bài viết là: <span data-rating-sum>4</span> trong <span data-rating-count>1</span>" in page
    assert 'aria-label="Xếp hạng 4,0 trên 5, 1 phiếu bầu"' in page
    assert totals(article) == (4, 1)


def test_vote_with_javascript_gets_json_to_update_the_block(client, article):
    Article.objects.filter(pk=article.pk).update(rating_sum=53, rating_count=12)
    response = vote(client, article.pk, "4", json=True)
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] is True and data["message"] == "Cảm ơn bạn đã đánh giá bài viết."
    assert (data["sum"], data["count"], data["average"], data["halves"], data["mine"]) == (57, 13, "4,4", 9, 4)
    assert data["label"] == "Xếp hạng 4,4 trên 5, 13 phiếu bầu"


def test_second_vote_from_the_same_reader_is_refused_and_changes_nothing(client, article):
    vote(client, article.pk, "5")
    again = vote(client, article.pk, "1")
    assert again.status_code == 303
    assert "Bạn đã đánh giá bài viết này rồi" in client.get(again["Location"]).content.decode()
    as_json = vote(client, article.pk, "2", json=True)
    assert as_json.status_code == 409
    assert as_json.json()["message"] == "Bạn đã đánh giá bài viết này rồi." and as_json.json()["mine"] == 5
    assert totals(article) == (5, 1) and Vote.objects.count() == 1


def test_other_readers_each_get_their_vote(article):
    for stars in "543":
        assert vote(Client(), article.pk, stars).status_code == 303
    assert totals(article) == (12, 3)


def test_voter_cookie_is_signed_httponly_lax_and_only_its_hash_is_stored(client, article):
    response = vote(client, article.pk, "3")
    cookie = response.cookies["ma_ban_doc"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 365 * 24 * 3600
    token = cookie.value.rsplit(":", 2)[0]  # "value:timestamp:signature"
    stored = Vote.objects.get()
    assert token not in stored.voter_key
    assert stored.voter_key == services.voter_key_for(token)  # a keyed hash (HMAC) of it
    assert re.fullmatch(r"[0-9a-f]{64}", stored.voter_key)
    assert {f.name for f in Vote._meta.get_fields()} == {"id", "article", "stars", "voter_key", "created_at"}


def test_forged_or_tampered_cookie_counts_as_a_new_reader_not_as_someone_else(client, article):
    vote(client, article.pk, "5")
    other = Client()
    other.cookies["ma_ban_doc"] = client.cookies["ma_ban_doc"].value + "x"
    assert vote(other, article.pk, "1", json=True).status_code == 200
    assert totals(article) == (6, 2)


# --- refusals ------------------------------------------------------------------------


@pytest.mark.parametrize("stars", [None, "", "0", "6", "-1", "3.5", "abc", "٣", "99999999999999999999999", " 3"])
def test_bad_stars_are_refused_with_a_message_and_change_nothing(client, article, stars):
    response = vote(client, article.pk, stars)
    assert response.status_code == 400
    assert "Vui lòng chọn từ 1 đến 5 sao." in response.content.decode()
    assert vote(client, article.pk, stars, json=True).json()["message"] == "Vui lòng chọn từ 1 đến 5 sao."
    assert totals(article) == (0, 0) and not Vote.objects.exists()
    assert "ma_ban_doc" not in response.cookies


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(hours=1)},
        {"published_at": timezone.now() - timedelta(days=2), "expires_at": timezone.now() - timedelta(hours=1)},
    ],
    ids=["draft", "scheduled", "expired"],
)
def test_votes_for_articles_the_public_cannot_see_are_404(client, db, overrides):
    hidden = make_article(**overrides)
    assert vote(client, hidden.pk).status_code == 404
    assert vote(client, 987654).status_code == 404
    assert not Vote.objects.exists()


def test_get_is_refused_with_an_explanation(client, article):
    response = client.get(f"/danh-gia/{article.pk}/")
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "Hãy chọn số sao" in response.content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "", "HTTP_REFERER": "https://evil.example/trang"},
        {"HTTP_ORIGIN": ""},
    ],
    ids=["other-origin", "null-origin", "other-referer", "no-origin-no-referer"],
)
def test_cross_site_posts_are_refused(client, article, headers):
    response = vote(client, article.pk, **headers)
    assert response.status_code == 403
    assert "không được ghi nhận" in response.content.decode()
    assert not Vote.objects.exists()


def test_same_site_referer_is_enough_when_a_browser_sends_no_origin(client, article):
    response = vote(client, article.pk, HTTP_ORIGIN="", HTTP_REFERER=f"{ORIGIN}{article.get_absolute_url()}")
    assert response.status_code == 303 and totals(article) == (4, 1)


def test_too_many_votes_from_one_address_are_refused_with_429(settings, db):
    settings.RATING_VOTES_PER_IP_PER_HOUR = 3
    articles = [make_article() for _ in range(5)]
    codes = [vote(Client(REMOTE_ADDR="203.0.113.7"), a.pk).status_code for a in articles[:4]]
    assert codes == [303, 303, 303, 429]
    limited = vote(Client(REMOTE_ADDR="203.0.113.7"), articles[4].pk, json=True)
    assert limited.status_code == 429 and "quá nhiều đánh giá" in limited.json()["message"]
    assert Vote.objects.count() == 3
    assert vote(Client(REMOTE_ADDR="198.51.100.9"), articles[4].pk).status_code == 303  # another reader


def test_one_ipv6_network_shares_one_allowance_whatever_address_it_picks(settings, db):
    settings.RATING_VOTES_PER_IP_PER_HOUR = 2
    articles = [make_article() for _ in range(4)]
    # A phone or a home gets a whole /64: each vote from a new address in it still counts against it.
    addresses = ["2001:db8:1:2::1", "2001:db8:1:2::abcd", "2001:db8:1:2:ffff::9"]
    codes = [
        vote(Client(REMOTE_ADDR=address), a.pk).status_code for address, a in zip(addresses, articles, strict=False)
    ]
    assert codes == [303, 303, 429]
    assert vote(Client(REMOTE_ADDR="2001:db8:1:3::1"), articles[3].pk).status_code == 303  # another network
    assert Vote.objects.count() == 3


def test_a_client_cannot_dodge_the_limit_with_its_own_x_forwarded_for(settings, db):
    settings.RATING_VOTES_PER_IP_PER_HOUR = 2
    article = make_article()
    codes = [
        vote(Client(REMOTE_ADDR="203.0.113.7"), article.pk, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(3)
    ]
    assert codes == [303, 303, 429]


def test_behind_a_trusted_proxy_the_address_the_proxy_saw_counts(settings, db):
    settings.RATING_VOTES_PER_IP_PER_HOUR = 2
    settings.TRUSTED_PROXY_COUNT = 1
    article = make_article()

    def from_reader(address, spoof=""):
        forwarded = f"{spoof}, {address}" if spoof else address
        return vote(Client(REMOTE_ADDR="127.0.0.1"), article.pk, HTTP_X_FORWARDED_FOR=forwarded).status_code

    # Two readers behind the same nginx are two addresses ...
    assert [from_reader("203.0.113.7"), from_reader("198.51.100.9")] == [303, 303]
    # ... and one reader cannot look like many by writing its own X-Forwarded-For.
    assert from_reader("203.0.113.7", spoof="10.9.9.9") == 303
    assert from_reader("203.0.113.7", spoof="10.9.9.8") == 429


def test_editors_can_switch_rating_off_per_article(client, db):
    closed = make_article(allow_rating=False)
    html = client.get(closed.get_absolute_url()).content.decode()
    assert "data-rating-form" not in html and "Bài viết này không nhận đánh giá." in html
    assert "Tổng số điểm của bài viết là:" in html
    response = vote(client, closed.pk)
    assert response.status_code == 403 and "không nhận đánh giá" in response.content.decode()
    assert not Vote.objects.exists()


# --- the cached page and the reader's own state --------------------------------------


def test_cached_article_page_carries_no_reader_state_and_a_vote_refreshes_it(article):
    first, second = Client(), Client()
    url = article.get_absolute_url()
    assert first.get(url)["X-Page-Cache"] == "miss"
    vote(first, article.pk, "5", json=True)  # first now has a voter cookie
    fresh = first.get(url)
    assert fresh["X-Page-Cache"] == "miss"  # the vote invalidated it
    assert "<span data-rating-sum>5</span>" in fresh.content.decode()
    cached_for_other = second.get(url)
    assert cached_for_other["X-Page-Cache"] == "hit"
    assert cached_for_other.content == first.get(url).content  # the same bytes for both readers
    assert "Cảm ơn" not in cached_for_other.content.decode() and "csrf" not in cached_for_other.content.decode()
    assert not cached_for_other.cookies


def test_the_readers_own_vote_comes_from_a_small_uncached_request(client, article):
    mine_url = f"/danh-gia/{article.pk}/cua-ban/"
    assert f'data-mine-url="{mine_url}"' in client.get(article.get_absolute_url()).content.decode()
    before = client.get(mine_url)
    assert before.json()["mine"] is None
    assert "no-store" in before["Cache-Control"] and "Cookie" in before["Vary"]
    vote(client, article.pk, "2")
    after = client.get(mine_url).json()
    assert after["mine"] == 2 and after["count"] == 1 and after["open"] is True
    assert Client().get(mine_url).json()["mine"] is None
    assert client.get("/danh-gia/987654/cua-ban/").status_code == 404


# --- admin and maintenance -----------------------------------------------------------


def test_deleting_abusive_votes_in_the_admin_lowers_the_totals(client, article):
    for stars in "155":
        vote(Client(), article.pk, stars)
    assert totals(article) == (11, 3)
    moderator = make_user(staff=True, perms=["view_vote", "delete_vote"])
    client.force_login(moderator)
    one = Vote.objects.get(stars=1)
    response = client.post(f"/admin/ratings/vote/{one.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert totals(article) == (10, 2)
    client.post(
        "/admin/ratings/vote/",
        {
            "action": "delete_selected",
            "_selected_action": list(Vote.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert totals(article) == (0, 0) and not Vote.objects.exists()


def test_vote_list_shows_no_personal_data_and_staff_without_permission_cannot_delete(client, article):
    vote(Client(), article.pk, "4")
    viewer = make_user(staff=True, perms=["view_vote"])
    client.force_login(viewer)
    html = client.get("/admin/ratings/vote/").content.decode()
    assert article.title in html and Vote.objects.get().voter_key not in html
    assert client.post(f"/admin/ratings/vote/{Vote.objects.get().pk}/delete/", {"post": "yes"}).status_code == 403
    assert totals(article) == (4, 1)


def test_report_of_highest_and_most_rated_articles(client, db):
    popular, loved = make_article(title="Bài nhiều phiếu"), make_article(title="Bài điểm cao")
    for stars in "2323":
        vote(Client(), popular.pk, stars)
    for stars in "555":
        vote(Client(), loved.pk, stars)
    client.force_login(make_user(staff=True, perms=["view_vote"]))
    today = timezone.localdate()
    response = client.get(
        "/admin/ratings/vote/bao-cao/", {"start": today - timedelta(days=1), "end": today, "min_votes": 3}
    )
    html = response.content.decode()
    most, best = html.split("Điểm trung bình cao nhất")
    assert most.index("Bài nhiều phiếu") < most.index("Bài điểm cao")
    assert best.index("Bài điểm cao") < best.index("Bài nhiều phiếu")
    bad = client.get("/admin/ratings/vote/bao-cao/", {"start": today, "end": today - timedelta(days=3), "min_votes": 1})
    assert "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc." in bad.content.decode()


def test_recount_ratings_rebuilds_totals_from_votes(article):
    for stars in "45":
        vote(Client(), article.pk, stars)
    Article.objects.filter(pk=article.pk).update(rating_sum=0, rating_count=0)
    out = io.StringIO()
    call_command("recount_ratings", stdout=out)
    assert totals(article) == (9, 2)
    assert "Đã tính lại" in out.getvalue()


def test_vote_cast_refuses_impossible_stars_even_when_called_directly(article):
    with pytest.raises(ValueError):
        services.vote_cast(article=article, stars=6, voter_key="k" * 64)
    assert totals(article) == (0, 0)


@pytest.mark.django_db
def test_an_article_without_votes_says_so_plainly(client):
    page = client.get(make_article(title="Tin mới đăng").get_absolute_url()).content.decode()
    assert "Chưa có đánh giá" in page and 'aria-label="Chưa có đánh giá"' in page
    assert "<div data-rating-totals hidden>" in page  # not "0,0 - 0 phiếu bầu"
