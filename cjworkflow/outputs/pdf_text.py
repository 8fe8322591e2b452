"""The PDF report's text: its fonts, member text cleaned to what they draw, and cells."""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from cjworkflow.i18n.fmt import clip
from cjworkflow.outputs.render.bounds import MAX_TEXT, clip_text
from cjworkflow.outputs.render.pdf_parts import BOLD, ITALIC, REGULAR

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
# A table row cannot break across pages: the longest entry (1,000 characters) in a narrow
# stage column would outgrow an A4 page, so the stage grid shows at most this much of one.
MAX_CELL = 240
# The plan's short columns: an owner's or a stage's long name would make every row tall.
MAX_NAME = 60

_font_lock = threading.Lock()
_a85_lock = threading.Lock()


@lru_cache(maxsize=1)
def register_fonts() -> frozenset[int]:
    """Register the DejaVu Sans faces once; the code points all of them can draw."""
    with _font_lock:
        faces = {}
        for name, file in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf"),
                           (ITALIC, "DejaVuSans-Oblique.ttf")):
            font = TTFont(name, str(FONT_DIR / file))
            pdfmetrics.registerFont(font)
            faces[name] = set(font.face.charToGlyph)
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                      boldItalic=BOLD)
    return frozenset(faces[REGULAR] & faces[BOLD] & faces[ITALIC])


def plain(text: str | None) -> str:
    """text limited to what the font draws: emoji, joiners and control characters go."""
    if not text:
        return ""
    glyphs = register_fonts()
    kept = []
    for char in unicodedata.normalize("NFC", text):
        if char == "\n":
            kept.append(char)
        elif unicodedata.category(char) in ("Cc", "Cf"):
            continue
        elif ord(char) in glyphs and ord(char) <= 0xFFFF:
            # Beyond the BMP (DejaVu's few emoticons) ReportLab writes a ToUnicode map that
            # text extraction cannot read, so those go too.
            kept.append(char)
    lines = (" ".join(line.split()) for line in "".join(kept).split("\n"))
    return "\n".join(line for line in lines if line)


def markup(text: str | None) -> str:
    """text as Paragraph markup: cleaned, cut to MAX_TEXT, XML-escaped, line breaks kept."""
    return escape(plain(clip_text(text, MAX_TEXT))).replace("\n", "<br/>")


@contextmanager
def binary_streams() -> Iterator[None]:
    """Write streams binary, not ASCII85: pure-Python ASCII85 of a map costs ~0.3 s."""
    with _a85_lock:
        before = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = before



def item_cell(text: str, style: ParagraphStyle) -> Paragraph | None:
    """One entry as a bulleted cell; clipped so that no single row outgrows a page."""
    cleaned = plain(clip_text(text, MAX_CELL + 1))
    return Paragraph(f"• {escape(clip(cleaned, MAX_CELL))}", style) if cleaned else None
