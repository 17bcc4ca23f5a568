import pytest

from hits import services

CHROME = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
)


@pytest.fixture(autouse=True)
def _fresh_counts(monkeypatch):
    """Each test starts with no local counts and no flush done by the endpoint yet."""
    monkeypatch.setattr(services, "local", services.LocalCounts())
    monkeypatch.setattr(services, "_next_try", 0.0)


@pytest.fixture
def no_endpoint_flush(monkeypatch):
    monkeypatch.setattr(services, "_next_try", float("inf"))


def beacon(client, article_id, user_agent=CHROME, origin="http://testserver", **headers):
    """What navigator.sendBeacon() sends from the article's page."""
    if origin:
        headers["HTTP_ORIGIN"] = origin
    if user_agent:
        headers["HTTP_USER_AGENT"] = user_agent
    return client.post(f"/luot-xem/{article_id}/", b"", content_type="text/plain;charset=UTF-8", **headers)
