"""The contact form, in Vietnamese (/lien-he/) and English (/en/contact/).

Besides what the citizen types, two fields hold spam off without a third-party
captcha: `website`, a honeypot hidden from people (CSS) that robots fill, and
`started`, a signed timestamp of when the page was made: a message sent sooner
than CONTACT_MIN_FILL_SECONDS after it was not typed by a person. A page from
the page cache carries the time it was cached, so the wait is never longer
than the real one: the check only ever lets a person through sooner.
"""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing

from core.text import nfc

SALT = "contact.started"
# A page kept open longer than this must be sent again (a robot cannot reuse one stamp for ever).
STARTED_MAX_AGE = 2 * 24 * 3600
PHONE = re.compile(r"\+?[0-9][0-9 .\-()]{6,18}[0-9]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

TEXTS = {
    "vi": {
        "name": ("Họ và tên", ""),
        "email": ("Thư điện tử", "Để chúng tôi trả lời bạn. Có thể bỏ trống nếu bạn ghi số điện thoại."),
        "phone": ("Số điện thoại", "Có thể bỏ trống nếu bạn ghi thư điện tử."),
        "subject": ("Tiêu đề", ""),
        "body": ("Nội dung góp ý", ""),
        "consent": (
            "Tôi đồng ý cho {office} dùng các thông tin trên",
            "Mục đích: chỉ để trả lời góp ý của bạn; chỉ cán bộ {office} xem. "
            "Thông tin được lưu tối đa {days} ngày rồi xóa "
            "(Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân).",
        ),
        "required": {
            "name": "Vui lòng nhập họ và tên.",
            "subject": "Vui lòng nhập tiêu đề.",
            "body": "Vui lòng nhập nội dung góp ý.",
            "consent": "Vui lòng đánh dấu ô đồng ý để chúng tôi có thể lưu và trả lời góp ý của bạn.",
        },
        "too_long": "Tối đa %(limit_value)d ký tự (hiện có %(show_value)d).",
        "too_short": "Nội dung quá ngắn: vui lòng viết ít nhất %(limit_value)d ký tự.",
        "bad_email": "Thư điện tử chưa đúng, ví dụ: ten@gmail.com.",
        "bad_phone": "Số điện thoại chưa đúng: chỉ gồm chữ số (có thể có dấu cách), ví dụ 0273 3826 203.",
        "bad_text": "Có ký tự không hợp lệ, vui lòng gõ lại.",
        "email_or_phone": "Vui lòng ghi thư điện tử hoặc số điện thoại để chúng tôi trả lời bạn.",
        "spam": "Góp ý chưa được gửi: một ô ẩn dùng để chặn thư rác tự động đã có chữ (thường do trình duyệt "
        "tự điền). Ô đó đã được xóa; nội dung bạn viết vẫn còn, vui lòng bấm “Gửi góp ý” lần nữa.",
        "stamp": "Góp ý chưa được gửi vì không biết trang được mở lúc nào (có thể trang được mở lại từ bản lưu "
        "cũ của trình duyệt). Nội dung bạn viết vẫn còn, vui lòng bấm “Gửi góp ý” lần nữa.",
        "too_fast": "Góp ý được gửi quá nhanh sau khi mở trang. Vui lòng đợi vài giây rồi bấm “Gửi góp ý” lần nữa.",
        "expired": "Trang này đã mở quá lâu. Vui lòng bấm “Gửi góp ý” lần nữa.",
    },
    "en": {
        "name": ("Full name", ""),
        "email": ("E-mail", "So that we can answer you. May be left empty if you give a phone number."),
        "phone": ("Phone number", "May be left empty if you give an e-mail address."),
        "subject": ("Subject", ""),
        "body": ("Message", ""),
        "consent": (
            "I agree that the Committee's Office may use the information above",
            "Purpose: only to answer your message; only the Committee Office's staff see it. "
            "It is kept for at most {days} days and then deleted "
            "(Decree 13/2023/ND-CP on personal data protection).",
        ),
        "required": {
            "name": "Please enter your name.",
            "subject": "Please enter a subject.",
            "body": "Please write your message.",
            "consent": "Please tick the consent box so that we may store and answer your message.",
        },
        "too_long": "At most %(limit_value)d characters (it has %(show_value)d).",
        "too_short": "The message is too short: please write at least %(limit_value)d characters.",
        "bad_email": "This e-mail address is not valid, e.g. name@gmail.com.",
        "bad_phone": "This phone number is not valid: digits only (spaces allowed), e.g. +84 273 3826 203.",
        "bad_text": "Some characters are not allowed; please type it again.",
        "email_or_phone": "Please give an e-mail address or a phone number so that we can answer you.",
        "spam": "Your message was not sent: a hidden box that stops automatic spam had been filled in (usually "
        "by the browser's autofill). It has been emptied; what you wrote is kept, please press “Send message” again.",
        "stamp": "Your message was not sent because the time the page was opened could not be read (the browser "
        "may have shown an old saved copy). What you wrote is kept, please press “Send message” again.",
        "too_fast": "The message was sent too quickly after the page opened. Please wait a few seconds "
        "and press “Send message” again.",
        "expired": "This page has been open for too long. Please press “Send message” again.",
    },
}


def started_stamp() -> str:
    return signing.dumps(int(time.time()), salt=SALT)


class SpamSuspected(forms.ValidationError):
    """What the honeypot or the timestamp caught: said calmly, nothing stored."""


class ContactForm(forms.Form):
    name = forms.CharField(max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        required=False, max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
    )
    phone = forms.CharField(
        required=False, max_length=20, widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
    )
    subject = forms.CharField(max_length=200)
    body = forms.CharField(min_length=10, max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    consent = forms.BooleanField()
    # Spam traps: rendered by hand in the template (an empty honeypot, stamp_to_keep()).
    website = forms.CharField(required=False)
    started = forms.CharField(required=False)

    def __init__(self, *args, language: str = "vi", office: str = "Văn phòng", **kwargs):
        """office: who answers, named in the consent ("Văn phòng Huyện ủy Gò Công Tây"; SiteInfo.office)."""
        super().__init__(*args, **kwargs)
        self.language = language
        self.texts = texts = TEXTS[language]
        days = getattr(settings, "CONTACT_RETENTION_DAYS", 365)
        for name in ("name", "email", "phone", "subject", "body", "consent"):
            field = self.fields[name]
            label, help_text = texts[name]
            field.label, field.help_text = label.format(office=office), help_text.format(days=days, office=office)
            # Field.run_validators() puts these in place of the validators' own, by code.
            field.error_messages = {
                "required": texts["required"].get(name, ""),
                "max_length": texts["too_long"],
                "min_length": texts["too_short"],
                "invalid": texts["bad_email"],
                "null_characters_not_allowed": texts["bad_text"],
            }

    def _text(self, name: str) -> str:
        value = nfc(self.cleaned_data.get(name, ""))
        if CONTROL.search(value):
            raise forms.ValidationError(self.texts["bad_text"], code="control")
        return value

    def clean_name(self):
        return " ".join(self._text("name").split())

    def clean_subject(self):
        return " ".join(self._text("subject").split())

    def clean_body(self):
        return self._text("body")

    def clean_phone(self):
        phone = " ".join(self.cleaned_data.get("phone", "").split())
        if phone and not PHONE.fullmatch(phone):
            raise forms.ValidationError(self.texts["bad_phone"], code="phone")
        return phone

    def clean(self):
        cleaned = super().clean()
        neither = not cleaned.get("email") and not cleaned.get("phone")
        if neither and "email" not in self.errors and "phone" not in self.errors:
            self.add_error("email", forms.ValidationError(self.texts["email_or_phone"], code="email_or_phone"))
        problem = self.spam_problem()
        if problem:
            raise SpamSuspected(self.texts[problem], code=problem)
        return cleaned

    def stamp_to_keep(self) -> str:
        """The stamp to send back with the form: the page's own while it is good, so that the
        wait runs from when the person opened the page, not from their last mistake."""
        if self.is_bound and self.spam_problem() in (None, "too_fast"):
            return self.data["started"]
        return started_stamp()

    def spam_problem(self) -> str | None:
        """'spam' (the honeypot filled), 'stamp' (no good timestamp), 'too_fast' or 'expired'
        when the traps caught something, else None: each said to the person in its own words."""
        if self.data.get("website", ""):
            return "spam"
        try:
            started = signing.loads(self.data.get("started", ""), salt=SALT)
        except signing.BadSignature:
            return "stamp"
        if not isinstance(started, int):
            return "stamp"
        age = time.time() - started
        if age > STARTED_MAX_AGE:
            return "expired"
        if age < getattr(settings, "CONTACT_MIN_FILL_SECONDS", 3):
            return "too_fast"
        return None

    @property
    def spam_caught(self) -> bool:
        caught = ("spam", "stamp", "too_fast", "expired")
        return any(error.code in caught for error in self.non_field_errors().as_data())

    def message_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("name", "email", "phone", "subject", "body")}
