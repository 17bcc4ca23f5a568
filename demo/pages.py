"""The demo introduction pages (load_demo): a realistic but clearly sample tree, Vietnamese
and English, the English pages linked to their Vietnamese originals.

Idempotent: each page is looked up by its language and address first, so a second run
finds everything in place and changes nothing. Figures and history here are sample
text for the demo, not the committee's official record: each body says so.
"""

from datetime import datetime

from demo.data import TZ
from pages.models import Page, child_path

PUBLISHED_AT = datetime(2024, 1, 15, 8, 0, tzinfo=TZ)

SAMPLE_VI = (
    "<p><em>Nội dung mẫu để minh họa cổng thông tin; số liệu và sự kiện không phải thông tin chính thức "
    "của Huyện ủy. Biên tập viên thay bằng nội dung thật trong trang quản trị.</em></p>"
)
SAMPLE_EN = (
    "<p><em>Sample content to show the portal; the figures and events are not the Party Committee's "
    "official information. Editors replace it with the real text in the admin.</em></p>"
)

# (key, parent key, title, slug, order, legacy alias, summary, body)
VIETNAMESE = [
    ("root", None, "Giới thiệu", "gioi-thieu", 0, "gioi-thieu",
     "Giới thiệu về Đảng bộ, chính quyền và nhân dân huyện Gò Công Tây, tỉnh Tiền Giang.",
     "<p>Huyện Gò Công Tây nằm ở phía Đông tỉnh Tiền Giang, là vùng đất giàu truyền thống cách mạng "
     "và văn hóa. Cổng thông tin điện tử Huyện ủy Gò Công Tây giới thiệu lịch sử Đảng bộ, chức năng, "
     "nhiệm vụ của Huyện ủy, điều kiện tự nhiên - xã hội và bộ máy tổ chức của huyện.</p>"
     "<h2>Thông tin chung</h2><ul><li>Đơn vị hành chính: 12 xã và 1 thị trấn (số liệu mẫu).</li>"
     "<li>Diện tích tự nhiên: khoảng 183 km² (số liệu mẫu).</li>"
     "<li>Dân số: khoảng 140.000 người (số liệu mẫu).</li></ul>"),
    ("history", "root", "Lịch sử Đảng bộ huyện", "lich-su-dang-bo-huyen", 1, "lich-su-dang-bo",
     "Những chặng đường xây dựng và trưởng thành của Đảng bộ huyện Gò Công Tây.",
     "<h2>Thời kỳ kháng chiến</h2><p>Ngay từ những năm đầu thành lập Đảng, trên địa bàn đã có những chi bộ "
     "đầu tiên lãnh đạo nhân dân đấu tranh giành chính quyền. Qua hai cuộc kháng chiến, Đảng bộ và nhân "
     "dân trong huyện đã đóng góp sức người, sức của cho thắng lợi chung của dân tộc.</p>"
     "<h2>Thời kỳ xây dựng và đổi mới</h2><p>Từ khi tái lập huyện, Đảng bộ huyện đã lãnh đạo phát triển "
     "kinh tế nông nghiệp, xây dựng nông thôn mới, chăm lo đời sống nhân dân và xây dựng hệ thống chính "
     "trị vững mạnh. Các kỳ Đại hội Đảng bộ huyện đề ra mục tiêu phù hợp với từng giai đoạn.</p>"),
    ("tasks", "root", "Chức năng, nhiệm vụ", "chuc-nang-nhiem-vu", 2, "chuc-nang-nhiem-vu",
     "Chức năng, nhiệm vụ của Huyện ủy, Ban Thường vụ Huyện ủy và các cơ quan tham mưu, giúp việc.",
     "<p>Huyện ủy là cơ quan lãnh đạo của Đảng bộ huyện giữa hai kỳ đại hội, có chức năng lãnh đạo toàn "
     "diện các mặt công tác trên địa bàn huyện.</p><h2>Nhiệm vụ chủ yếu</h2><ol>"
     "<li>Lãnh đạo thực hiện nghị quyết đại hội Đảng bộ huyện và chủ trương, chính sách của Đảng, pháp "
     "luật của Nhà nước.</li><li>Lãnh đạo công tác xây dựng Đảng, công tác cán bộ và tổ chức bộ máy.</li>"
     "<li>Lãnh đạo phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh.</li>"
     "<li>Lãnh đạo Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội.</li><li>Kiểm tra, giám sát việc "
     "thực hiện các nghị quyết, chỉ thị của Đảng.</li></ol>"),
    ("land", "root", "Điều kiện tự nhiên - xã hội", "dieu-kien-tu-nhien-xa-hoi", 3, "",
     "Vị trí địa lý, đất đai, khí hậu, dân cư và kinh tế của huyện.",
     "<h2>Vị trí địa lý</h2><p>Huyện nằm trong vùng đồng bằng ven biển, có hệ thống kênh rạch chằng chịt "
     "thuận lợi cho sản xuất nông nghiệp và giao thông thủy.</p><h2>Kinh tế</h2><p>Nông nghiệp giữ vai "
     "trò chủ lực với lúa, rau màu, cây ăn trái và chăn nuôi; thương mại, dịch vụ và tiểu thủ công "
     "nghiệp ngày càng phát triển.</p>"),
]  # fmt: skip

# (parent key, Vietnamese original's key, title, slug, order, summary, body)
ENGLISH = [
    (None, "root", "Introduction", "introduction", 0,
     "About the Party Committee, the authorities and the people of Go Cong Tay district, Tien Giang province.",
     "<p>Go Cong Tay is a district in the east of Tien Giang province, in the Mekong Delta of Viet Nam. This "
     "portal of the district Party Committee presents its history, its functions and tasks, the district's "
     "land and people, and its organisation and leaders. News is published in Vietnamese.</p>"),
    ("root", "history", "History of the District Party Committee", "history", 1,
     "How the Party Committee of Go Cong Tay district was built and grew.",
     "<p>From the first Party cells in the area to the years of renovation, the Party Committee has led the "
     "people of the district through the wars of resistance and in building the new countryside.</p>"),
    ("root", "tasks", "Functions and tasks", "functions-and-tasks", 2,
     "The functions and tasks of the district Party Committee and its Standing Board.",
     "<p>The district Party Committee leads the district between two congresses: it carries out the "
     "resolutions of the Party, leads Party building and personnel work, economic and social development, "
     "defence and security, and checks how resolutions are carried out.</p>"),
]  # fmt: skip


def _page(language: str, parent: Page | None, slug: str, **fields) -> tuple[Page, bool]:
    path = child_path(parent.path, slug) if parent is not None else ""
    page = Page.objects.filter(language=language, path=path).first()
    if page is not None:
        return page, False
    page = Page(
        language=language,
        parent=parent,
        slug=slug,
        status=Page.Status.PUBLISHED,
        published_at=PUBLISHED_AT,
        show_in_menu=True,
        **fields,
    )
    page.save()
    return page, True


def load_pages() -> int:
    """The introduction tree in Vietnamese and English; the number of pages made."""
    made, vietnamese, english = 0, {}, {}
    for key, parent, title, slug, order, alias, summary, body in VIETNAMESE:
        page, created = _page(
            Page.Language.VI, vietnamese.get(parent), slug, title=title, order=order, legacy_alias=alias,
            summary=summary, body=body + SAMPLE_VI,
        )  # fmt: skip
        vietnamese[key], made = page, made + created
    for parent, original, title, slug, order, summary, body in ENGLISH:
        page, created = _page(
            Page.Language.EN, english.get(parent), slug, title=title, order=order, summary=summary,
            body=body + SAMPLE_EN, translation_of=vietnamese[original],
        )  # fmt: skip
        english[original] = page
        made += created
    return made
