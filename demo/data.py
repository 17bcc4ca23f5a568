"""The demo site's content: its categories, the old portal's seed article and the
places and subjects of the articles around it (used by load_demo and generate_articles)."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SEED_BODY_FILE = Path(__file__).resolve().parent / "seed_article_body.html"

CATEGORIES = [
    ("Xây dựng Đảng", "Công tác xây dựng Đảng, chỉnh đốn Đảng và hệ thống chính trị ở cơ sở."),
    ("Tin hoạt động", "Hoạt động của Huyện ủy, các ban Đảng và cơ sở Đảng trong huyện."),
    ("Kinh tế - Xã hội", "Phát triển kinh tế, nông thôn mới, an sinh xã hội."),
    ("Quốc phòng - An ninh", "Quốc phòng toàn dân, an ninh chính trị, trật tự an toàn xã hội."),
]

SEED = {
    "title": ("Nâng cao chất lượng lãnh đạo của Đảng bộ xã, thị trấn ở huyện Gò Công Tây trong giai đoạn hiện nay"),
    "published_at": datetime(2022, 2, 2, 6, 32, tzinfo=TZ),
    "summary": (
        "Đảng ta luôn coi công tác xây dựng Đảng là công tác cực kỳ quan trọng, nhiều văn kiện của Đảng đã "
        "xác định xây dựng Đảng là nhiệm vụ then chốt, có ý nghĩa sống còn đối với sự tồn vong, đối với sự "
        "thành bại của sự nghiệp cách mạng do Đảng lãnh đạo. Đảng ta luôn quan tâm đến năng lực lãnh đạo và "
        "sức chiến đấu của các tổ chức cơ sở đảng, đặc biệt là các cơ sở đảng ở xã, thị trấn. Nhờ đó mà các "
        "tổ chức cơ sở Đảng đã vươn lên thực hiện khá tốt chức năng, là hạt nhân lãnh đạo chính trị ở cơ sở, "
        "góp phần đáng kể vào thành tích chung của Đảng."
    ),
    "author": "Đồng chí Phạm Nguyễn Hoàng Vũ - Phó Bí thư Thường trực Huyện ủy",
    "caption": "Ban Chấp hành Đảng bộ xã Vĩnh Hựu nhiệm kỳ 2020 - 2025",
}
# 13 votes, 57 points: the seed page's "57 trong 13 đánh giá", "4.4 - 13 phiếu bầu".
SEED_VOTES = [5] * 6 + [4] * 6 + [3]

PLACES = [
    "thị trấn Vĩnh Bình", "xã Bình Nhì", "xã Bình Phú", "xã Bình Tân", "xã Đồng Sơn", "xã Đồng Thạnh",
    "xã Long Bình", "xã Long Vĩnh", "xã Thành Công", "xã Thạnh Nhựt", "xã Thạnh Trị", "xã Vĩnh Hựu",
    "xã Yên Luông",
]  # fmt: skip
PARTY_TOPICS = [
    "Đảng bộ {place} tổng kết công tác xây dựng Đảng năm {year}",
    "Hội nghị học tập, quán triệt nghị quyết của Đảng tại {place}",
    "{place} kết nạp đảng viên mới là đoàn viên ưu tú",
    "Đảng ủy {place} kiểm tra, giám sát chi bộ ấp năm {year}",
    "Sinh hoạt chi bộ chuyên đề học tập và làm theo Bác tại {place}",
]
OTHER_TOPICS = {
    "Tin hoạt động": [
        "Ban Thường vụ Huyện ủy làm việc với Đảng ủy {place}",
        "Huyện ủy Gò Công Tây sơ kết công tác dân vận tại {place}",
        "Trao Huy hiệu Đảng cho đảng viên lão thành ở {place}",
    ],
    "Kinh tế - Xã hội": [
        "{place} đạt chuẩn nông thôn mới nâng cao",
        "Mô hình trồng rau an toàn mang lại thu nhập khá ở {place}",
        "Trao nhà tình nghĩa cho gia đình chính sách tại {place}",
    ],
    "Quốc phòng - An ninh": [
        "Lễ giao nhận quân năm {year} tại {place}",
        "{place} ra mắt mô hình tổ tự quản về an ninh trật tự",
    ],
}


def demo_body(title: str, place: str) -> str:
    return (
        f"<p>Thực hiện chương trình công tác năm, {place} đã tổ chức triển khai nội dung “{title}” "
        "với sự tham dự của đông đảo cán bộ, đảng viên và Nhân dân trên địa bàn.</p>"
        "<p>Tại buổi làm việc, các đại biểu đã thảo luận, đánh giá kết quả đạt được, chỉ ra những hạn chế "
        "và đề ra giải pháp trong thời gian tới, nhất là công tác tuyên truyền, vận động Nhân dân.</p>"
        "<h2>Nhiệm vụ thời gian tới</h2>"
        "<ul><li>Tiếp tục nâng cao chất lượng sinh hoạt chi bộ.</li>"
        "<li>Phát huy vai trò tiên phong, gương mẫu của cán bộ, đảng viên.</li>"
        "<li>Gắn kết quả thực hiện với đánh giá, xếp loại cuối năm.</li></ul>"
    )
