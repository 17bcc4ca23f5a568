"""'Nghe đọc bài': the browser's own Vietnamese voice reads the article; no voice, no button."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.live]

# A device's speech engine, as the page sees it: voices, and what was handed to it to say.
FAKE_SPEECH = """
(() => {
  const voices = %s;
  const spoken = window.__spoken = [];
  const synth = {
    getVoices: () => voices,
    speak: (utterance) => spoken.push({text: utterance.text, lang: utterance.lang}),
    cancel: () => { spoken.push({cancel: true}); },
    addEventListener: () => {},
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


@pytest.fixture
def article(live_server):
    return make_article(
        title="Hội nghị học tập nghị quyết",
        summary="Sáng nay, Huyện ủy tổ chức hội nghị.",
        body="<p>Đoạn thứ nhất của bài.</p><p>Đoạn thứ hai của bài.</p>",
    )


def test_with_a_vietnamese_voice_the_article_is_read_paragraph_by_paragraph(new_context, article):
    page = new_context().new_page()
    page.add_init_script(FAKE_SPEECH % '[{"lang": "en-US", "name": "E"}, {"lang": "vi-VN", "name": "Linh"}]')
    page.goto(article.get_absolute_url())
    listen = page.get_by_role("button", name="Nghe đọc bài")
    expect(listen).to_be_visible()
    listen.focus()
    page.keyboard.press("Enter")
    spoken = page.evaluate("window.__spoken.filter(item => item.text)")
    assert [item["text"] for item in spoken] == [
        "Hội nghị học tập nghị quyết",
        "Sáng nay, Huyện ủy tổ chức hội nghị.",
        "Đoạn thứ nhất của bài.",
        "Đoạn thứ hai của bài.",
    ]
    assert {item["lang"] for item in spoken} == {"vi-VN"}
    stop = page.get_by_role("button", name="Dừng đọc")
    expect(stop).to_have_attribute("aria-pressed", "true")
    stop.click()
    expect(page.get_by_role("button", name="Nghe đọc bài")).to_have_attribute("aria-pressed", "false")


def test_without_a_vietnamese_voice_there_is_no_button(new_context, article):
    page = new_context().new_page()
    page.add_init_script(FAKE_SPEECH % '[{"lang": "en-US", "name": "E"}]')
    page.goto(article.get_absolute_url())
    expect(page.locator("[data-listen]")).to_be_hidden()
