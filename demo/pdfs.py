"""Small, real PDFs with a text layer, for the demo register and the tests (no library needed)."""

from core.text import strip_accents


def make_pdf(lines: list[str]) -> bytes:
    """A one-page A4 PDF printing `lines` in Helvetica. The standard fonts have no Vietnamese
    letters, so the text is written without diacritics (search ignores them anyway)."""
    text = " ".join(f"({_pdf_string(line)}) '" for line in lines)
    stream = f"BT /F1 12 Tf 56 780 Td 18 TL {text} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_scanned_pdf() -> bytes:
    """A PDF with a page and no text at all: what a scanner gives."""
    return make_pdf([])


def _pdf_string(line: str) -> str:
    plain = strip_accents(line).encode("latin-1", "replace").decode("latin-1")
    return plain.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
