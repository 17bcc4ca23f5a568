"""A sample organisation for the Lãnh đạo and Cơ cấu tổ chức pages: the current term
2025 - 2030 and the past term 2020 - 2025. Every name is marked "(mẫu)", every
phone and e-mail is made up, every photo is a drawn silhouette: nothing here is
a real person. Idempotent: units by slug, terms by slug, people by term and name.
"""

import colorsys
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from people.models import Person, Term, Unit
from people.services import set_current_term

TERMS = [
    ("2025-2030", "Nhiệm kỳ 2025 - 2030", 2025, 2030, True),
    ("2020-2025", "Nhiệm kỳ 2020 - 2025", 2020, 2025, False),
]

# (slug, name, English name, parent slug, description)
UNITS = [
    ("ban-chap-hanh", "Ban Chấp hành Đảng bộ huyện", "District Party Executive Committee", "",
     "Cơ quan lãnh đạo của Đảng bộ huyện giữa hai kỳ đại hội."),
    ("ban-thuong-vu", "Ban Thường vụ Huyện ủy", "Standing Board of the District Party Committee", "ban-chap-hanh",
     "Lãnh đạo, chỉ đạo thực hiện nghị quyết của Ban Chấp hành giữa hai kỳ hội nghị."),
    ("thuong-truc", "Thường trực Huyện ủy", "Permanent Office of the District Party Committee", "ban-thuong-vu",
     "Chỉ đạo, điều hành công việc hằng ngày của Huyện ủy."),
    ("ban-to-chuc", "Ban Tổ chức Huyện ủy", "Organisation Board", "",
     "Tham mưu về tổ chức bộ máy, cán bộ, đảng viên và bảo vệ chính trị nội bộ."),
    ("ban-tuyen-giao", "Ban Tuyên giáo Huyện ủy", "Propaganda and Education Board", "",
     "Tham mưu về công tác chính trị, tư tưởng, lý luận, tuyên truyền và khoa giáo."),
    ("ban-dan-van", "Ban Dân vận Huyện ủy", "Mass Mobilisation Board", "",
     "Tham mưu về công tác dân vận, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội."),
    ("uy-ban-kiem-tra", "Ủy ban Kiểm tra Huyện ủy", "Inspection Commission", "",
     "Kiểm tra, giám sát tổ chức đảng và đảng viên; giải quyết tố cáo, khiếu nại kỷ luật đảng."),
    ("van-phong-huyen-uy", "Văn phòng Huyện ủy", "Office of the District Party Committee", "",
     "Tham mưu tổng hợp, giúp việc Ban Chấp hành, Ban Thường vụ, Thường trực Huyện ủy."),
]  # fmt: skip

# (unit slug, name, position, English position, duties, phone, e-mail box, leader?)
CURRENT = [
    ("thuong-truc", "Nguyễn Văn A (mẫu)", "Bí thư Huyện ủy", "Secretary of the District Party Committee",
     "Phụ trách chung, lãnh đạo toàn diện hoạt động của Ban Chấp hành, Ban Thường vụ Huyện ủy\n"
     "Trực tiếp phụ trách công tác tổ chức, cán bộ, quốc phòng - an ninh, nội chính",
     "0273 3851 001", "bithu.huyenuy.mau", True),
    ("thuong-truc", "Trần Thị B (mẫu)", "Phó Bí thư Thường trực Huyện ủy",
     "Standing Deputy Secretary of the District Party Committee",
     "Giúp Bí thư chỉ đạo, điều hành công việc hằng ngày của Huyện ủy\n"
     "Phụ trách công tác xây dựng Đảng, dân vận, Mặt trận và các đoàn thể",
     "0273 3851 002", "pbttt.huyenuy.mau", True),
    ("thuong-truc", "Lê Văn C (mẫu)", "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện",
     "Deputy Secretary, Chairman of the District People's Committee",
     "Lãnh đạo, chỉ đạo lĩnh vực kinh tế - xã hội, quản lý nhà nước trên địa bàn huyện",
     "0273 3851 003", "chutich.ubnd.mau", True),
    ("ban-to-chuc", "Phạm Văn D (mẫu)", "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Huyện ủy",
     "Member of the Standing Board, Head of the Organisation Board",
     "Phụ trách công tác tổ chức bộ máy, cán bộ, đảng viên", "0273 3851 004", "bantochuc.huyenuy.mau", True),
    ("ban-tuyen-giao", "Huỳnh Thị E (mẫu)", "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Huyện ủy",
     "Member of the Standing Board, Head of the Propaganda and Education Board",
     "Phụ trách công tác tuyên truyền, giáo dục chính trị, tư tưởng", "0273 3851 005",
     "bantuyengiao.huyenuy.mau", True),
    ("ban-dan-van", "Võ Văn G (mẫu)", "Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Huyện ủy",
     "Member of the Standing Board, Head of the Mass Mobilisation Board",
     "Phụ trách công tác dân vận, quy chế dân chủ ở cơ sở", "0273 3851 006", "bandanvan.huyenuy.mau", True),
    ("uy-ban-kiem-tra", "Đặng Thị H (mẫu)", "Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Huyện ủy",
     "Member of the Standing Board, Chair of the Inspection Commission",
     "Phụ trách công tác kiểm tra, giám sát và thi hành kỷ luật đảng", "0273 3851 007",
     "ubkt.huyenuy.mau", True),
    ("van-phong-huyen-uy", "Bùi Văn K (mẫu)", "Huyện ủy viên, Chánh Văn phòng Huyện ủy",
     "Member of the Committee, Chief of the Office", "Phụ trách công tác văn phòng, tài chính đảng, lưu trữ",
     "0273 3851 008", "vanphong.huyenuy.mau", True),
    ("ban-thuong-vu", "Ngô Văn L (mẫu)", "Ủy viên Ban Thường vụ, Chỉ huy trưởng Ban Chỉ huy Quân sự huyện",
     "Member of the Standing Board, Commander of the District Military Command", "", "0273 3851 009", "", False),
    ("ban-chap-hanh", "Đỗ Thị M (mẫu)", "Huyện ủy viên, Chủ tịch Ủy ban MTTQ Việt Nam huyện",
     "Member of the Committee, Chair of the District Fatherland Front", "", "0273 3851 010", "", False),
    ("ban-to-chuc", "Trương Văn N (mẫu)", "Phó Trưởng Ban Tổ chức Huyện ủy", "Deputy Head of the Organisation Board",
     "", "0273 3851 011", "", False),
    ("van-phong-huyen-uy", "Lý Thị P (mẫu)", "Phó Chánh Văn phòng Huyện ủy", "Deputy Chief of the Office",
     "", "0273 3851 012", "", False),
]  # fmt: skip

PAST = [
    ("thuong-truc", "Hồ Văn Q (mẫu)", "Bí thư Huyện ủy", "Secretary of the District Party Committee",
     "Phụ trách chung", "0273 3851 001", "bithu.huyenuy.mau", True),
    ("thuong-truc", "Nguyễn Văn A (mẫu)", "Phó Bí thư Thường trực Huyện ủy",
     "Standing Deputy Secretary of the District Party Committee", "Giúp Bí thư điều hành công việc hằng ngày",
     "0273 3851 002", "pbttt.huyenuy.mau", True),
    ("ban-to-chuc", "Châu Thị R (mẫu)", "Trưởng Ban Tổ chức Huyện ủy", "Head of the Organisation Board", "",
     "0273 3851 004", "bantochuc.huyenuy.mau", True),
    ("van-phong-huyen-uy", "Mai Văn S (mẫu)", "Chánh Văn phòng Huyện ủy", "Chief of the Office", "",
     "0273 3851 008", "vanphong.huyenuy.mau", True),
]  # fmt: skip


def portrait(seed: int, size=(300, 400)) -> ContentFile:
    """A drawn head-and-shoulders silhouette: a stand-in for a portrait (no real person)."""
    background = tuple(int(c * 255) for c in colorsys.hsv_to_rgb((seed * 0.137) % 1.0, 0.18, 0.92))
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    width, height = size
    shade = (70, 70, 80)
    draw.ellipse([width * 0.1, height * 0.62, width * 0.9, height * 1.25], fill=shade)  # shoulders
    draw.ellipse([width * 0.3, height * 0.2, width * 0.7, height * 0.6], fill=shade)  # head
    draw.rectangle([0, height * 0.94, width, height], fill=(163, 21, 21))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return ContentFile(out.getvalue(), name=f"chan-dung-mau-{seed}.jpg")


def load_people() -> int:
    """The sample organisation; returns how many people were added (0 on a second run)."""
    terms = {}
    for slug, name, start, end, _current in TERMS:
        terms[slug] = Term.objects.get_or_create(
            slug=slug, defaults={"name": name, "start_year": start, "end_year": end}
        )[0]
    if not Term.objects.filter(is_current=True).exists():
        set_current_term(next(terms[slug] for slug, *_rest, current in TERMS if current))
    units = {}
    for order, (slug, name, name_en, parent, description) in enumerate(UNITS, start=1):
        units[slug] = Unit.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "parent": units.get(parent),
                "description": description,
                "order": order,
            },
        )[0]
    created = 0
    for term_slug, people in (("2025-2030", CURRENT), ("2020-2025", PAST)):
        for order, (unit, name, position, position_en, duties, phone, box, leader) in enumerate(people, start=1):
            if Person.objects.filter(term=terms[term_slug], name=name).exists():
                continue
            person = Person(
                term=terms[term_slug],
                unit=units[unit],
                name=name,
                position=position,
                position_en=position_en,
                duties=duties,
                phone=phone,
                email=f"{box}@tiengiang.gov.vn" if box else "",
                is_leader=leader,
                order=order,
                status=Person.Status.PUBLISHED,
            )
            if leader:
                person.photo = portrait(order + (0 if term_slug == "2025-2030" else 20))
                person.photo_alt = f"Ảnh minh họa thay cho ảnh chân dung của {name}"
            person.save()
            created += 1
    return created
