"""Sharing and saving an article: the share links of its page and the saved file's name.

Plain links only: no network's script runs on the portal's pages (the CSP allows
none), and a reader without JavaScript can still share.
"""

import base64
import json
import re
from urllib.parse import quote, urlencode

from core.text import nfc

FACEBOOK_SHARER = "https://www.facebook.com/sharer/sharer.php"
# Zalo documents its share button only with its SDK script (sp.zalo.me/plugins/sdk.js, which
# needs an Official Account id); the page that script opens takes the address in `d`:
# base64 of {"url": …}, URL-encoded twice, exactly as the script writes it. On a phone
# static/js/site.js opens the phone's share sheet instead, where the Zalo app is.
ZALO_SHARER = "https://button-share.zalo.me/share_external"

# What a file name may not hold on Windows, macOS or Android, and control characters.
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
FILE_NAME_LENGTH = 120  # characters before ".html"; file systems allow 255 bytes, Vietnamese takes 2-3 each


def share_links(url: str) -> dict[str, str]:
    """The Facebook and Zalo share addresses of the absolute address `url`."""
    payload = base64.b64encode(json.dumps({"url": url}, separators=(",", ":")).encode()).decode()
    zalo = {"layout": "1", "color": "blue", "customize": "false", "d": quote(payload, safe=""), "shareType": "0"}
    return {
        "facebook": f"{FACEBOOK_SHARER}?{urlencode({'u': url})}",
        "zalo": f"{ZALO_SHARER}?{urlencode(zalo)}",
    }


def saved_file_disposition(title: str, slug: str) -> str:
    """Content-Disposition of the saved article (RFC 6266): the title as the file's name
    (filename*, UTF-8, RFC 5987) for browsers, the ASCII slug for the rest."""
    name = _NOT_IN_FILE_NAMES.sub(" ", nfc(title))
    name = re.sub(r"\s+", " ", name).strip(" .")[:FILE_NAME_LENGTH].strip(" .") or slug or "bai-viet"
    fallback = re.sub(r"[^a-z0-9-]", "", slug) or "bai-viet"
    return f"attachment; filename=\"{fallback}.html\"; filename*=UTF-8''{quote(name + '.html', safe='')}"
