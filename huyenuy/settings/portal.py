"""The portal's own settings: its identity (Decree 42/2022), the contact form, ratings and
views, and the editor's toolbar."""

import re

from django.core.exceptions import ImproperlyConfigured

from .env import env_int, env_str

# The portal's identity, printed in the header and footer (Decree 42/2022 asks
# a state portal to name its owner, the person responsible, and contacts).
SITE_NAME = env_str("SITE_NAME", "Huyện ủy Gò Công Tây")
OTP_TOTP_ISSUER = SITE_NAME  # the name authenticator apps show beside the code
SITE_TAGLINE = env_str("SITE_TAGLINE", "Cổng thông tin điện tử Đảng bộ huyện Gò Công Tây, tỉnh Tiền Giang")
# The first site's name and tagline on its English pages (network.SiteSettings.name_en, tagline_en).
SITE_NAME_EN = env_str("SITE_NAME_EN", "Go Cong Tay District Party Committee")
SITE_TAGLINE_EN = env_str(
    "SITE_TAGLINE_EN", "Official portal of the Party Committee of Go Cong Tay district, Tien Giang province"
)
SITE_OWNER = env_str("SITE_OWNER", "Cơ quan chủ quản: Huyện ủy Gò Công Tây")
SITE_RESPONSIBLE = env_str("SITE_RESPONSIBLE", "Người chịu trách nhiệm: Chánh Văn phòng Huyện ủy Gò Công Tây")
SITE_ADDRESS = env_str("SITE_ADDRESS", "Khu phố 1, thị trấn Vĩnh Bình, huyện Gò Công Tây, tỉnh Tiền Giang")
SITE_PHONE = env_str("SITE_PHONE", "0273 3826 203")
SITE_EMAIL = env_str("SITE_EMAIL", "huyenuygocongtay@tiengiang.gov.vn")
SITE_LICENCE = env_str("SITE_LICENCE", "")
# The emblem beside the name in the header: a static file's path or an address; empty: the name alone.
SITE_LOGO = env_str("SITE_LOGO", "img/favicon.svg")

# The first site's address as readers type it ("https://huyenuygocongtay.vn"): links read
# outside a page, such as the admin's address in the contact form's e-mail, are built on it
# (core.sites.absolute_url); another site's on its main name, with this scheme. Empty: https
# on the site's main name.
SITE_URL = env_str("SITE_URL", "").strip().rstrip("/")
if SITE_URL and not re.fullmatch(r"https?://[^/\s?#]+", SITE_URL):
    raise ImproperlyConfigured(f"SITE_URL must be http(s)://host[:port] with no path, not {SITE_URL!r}")

# Contact and feedback (contact/): where messages are announced, how long they are kept, spam limits.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", SITE_EMAIL)
CONTACT_RETENTION_DAYS = env_int("CONTACT_RETENTION_DAYS", 365)
CONTACT_MESSAGES_PER_IP_PER_HOUR = env_int("CONTACT_MESSAGES_PER_IP_PER_HOUR", 5)
CONTACT_MIN_FILL_SECONDS = env_int("CONTACT_MIN_FILL_SECONDS", 3)
SITE_MAP_URL = env_str(
    "SITE_MAP_URL",
    "https://www.openstreetmap.org/search?query=V%C4%A9nh%20B%C3%ACnh%2C%20G%C3%B2%20C%C3%B4ng%20T%C3%A2y",
)

# Star ratings (ratings/): a vote throttle per client address, counted in the cache.
RATING_VOTES_PER_IP_PER_HOUR = env_int("RATING_VOTES_PER_IP_PER_HOUR", 60)
RATING_COOKIE_NAME = "ma_ban_doc"
# Article views (hits/): beacons one address may send in an hour before they stop counting.
HITS_PER_ADDRESS_PER_HOUR = env_int("HITS_PER_ADDRESS_PER_HOUR", 300)
RATING_COOKIE_MAX_AGE = 2 * 365 * 24 * 3600

# CKEditor 5 in the admin: a safe toolbar (no source editing, no raw HTML embed);
# uploads go to our own staff-only view (articles.views.editor_image_upload).
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "articles:editor_image_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp"]
CKEDITOR_5_CONFIGS = {
    "article": {
        "language": "vi",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "insertImage",
                "insertTable",
                "|",
                "undo",
                "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Tiêu đề mục", "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Tiêu đề nhỏ", "class": "ck-heading_heading3"},
            ]
        },
        "image": {
            "toolbar": [
                "imageTextAlternative",
                "toggleImageCaption",
                "|",
                "imageStyle:block",
                "imageStyle:side",
            ],
            "styles": ["block", "side"],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells", "toggleTableCaption"]},
        "link": {"defaultProtocol": "https://"},
        # django-ckeditor-5 always sets licenseKey "GPL" (static/django_ckeditor_5/app.js), and
        # under the GPL CKEditor 5 shows its logo whenever the editor has the focus: only a
        # commercial licence key hides it. Its "Powered by" label is ours to word.
        "ui": {"poweredBy": {"label": "Trình soạn thảo"}},
    }
}
