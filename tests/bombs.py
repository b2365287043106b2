"""Decompression bombs, made on the spot: small files that grow huge when read. Each is a
real document of its type (a parser takes it), its text parts written in chunks so that
building one never holds the bomb's full size in memory."""

import io
import re
import zipfile
import zlib

from learning_files import docx_with_text, odt_with_text, pptx_with_title, xlsx_with_cells

MB = 1024 * 1024


def _repeat(archive: zipfile.ZipFile, name: str, head: bytes, unit, count: int, tail: bytes):
    """Writes head + count units + tail; `unit` is bytes, or a function of the unit's number
    (from 1) giving its bytes."""
    make = unit if callable(unit) else (lambda n: unit)
    with archive.open(name, "w", force_zip64=True) as part:
        part.write(head)
        for start in range(1, count + 1, 10_000):
            part.write(b"".join(make(n) for n in range(start, min(start + 10_000, count + 1))))
        part.write(tail)


def _swap_part(original: bytes, name: str, head: bytes, unit, count: int, tail: bytes):
    """The document with its part `name` replaced by head + unit * count + tail."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
    ):
        for info in source.infolist():
            if info.filename == name:
                _repeat(archive, name, head, unit, count, tail)
            else:
                archive.writestr(info, source.read(info.filename))
    return out.getvalue()


def _split(xml: bytes, marker: bytes) -> tuple[bytes, bytes]:
    """The part's XML cut where its body's content starts and ends, around `marker`."""
    start = xml.index(marker)
    return xml[:start], xml[start:]


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bomb(paragraphs: int, text: bytes = b"Lorem ipsum dolor sit amet 0123456789") -> bytes:
    """A .docx whose body holds `paragraphs` paragraphs of `text` (the issue's: 2.5 M)."""
    head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>' % W
    unit = b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % text
    tail = b"<w:sectPr/></w:body></w:document>"
    return _swap_part(docx_with_text("x"), "word/document.xml", head, unit, paragraphs, tail)


def xlsx_bomb(rows: int) -> bytes:
    """A .xlsx whose first sheet has `rows` rows of three cells."""
    original = xlsx_with_cells(("a", 1))
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        sheet = source.read("xl/worksheets/sheet1.xml")
    head = sheet[: sheet.index(b"<sheetData>")] + b"<sheetData>"
    head = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B%d"/>' % rows, head)

    def unit(n: int) -> bytes:
        cells = b'<c r="A%d" t="inlineStr"><is><t>Burgos region SMEs</t></is></c>'
        cells += b'<c r="B%d"><v>48</v></c>'
        return b'<row r="%d">' % n + cells % (n, n) + b"</row>"

    tail = b"</sheetData></worksheet>"
    return _swap_part(original, "xl/worksheets/sheet1.xml", head, unit, rows, tail)


def pptx_bomb(paragraphs: int) -> bytes:
    """A .pptx whose one slide's title holds `paragraphs` paragraphs."""
    original = pptx_with_title("x")
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        slide = source.read("ppt/slides/slide1.xml")
    start = slide.index(b"<a:p>")
    end = slide.rindex(b"</a:p>") + len(b"</a:p>")
    unit = b"<a:p><a:r><a:t>Blue economy startups in the Baltic</a:t></a:r></a:p>"
    return _swap_part(original, "ppt/slides/slide1.xml", slide[:start], unit, paragraphs,
                      slide[end:])  # fmt: skip


def odt_bomb(paragraphs: int) -> bytes:
    """An .odt whose body holds `paragraphs` paragraphs."""
    original = odt_with_text("x")
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        content = source.read("content.xml")
    start = content.index(b"<text:p")
    end = content.index(b"</office:text>")
    unit = b"<text:p>Rzeszow stakeholders met in the regional office</text:p>"
    return _swap_part(original, "content.xml", content[:start], unit, paragraphs, content[end:])


def zip_of_many_parts(parts: int) -> bytes:
    """A .docx with `parts` extra tiny parts (a bomb by count rather than by size)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_with_text("x"))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive,
    ):
        for info in source.infolist():
            archive.writestr(info, source.read(info.filename))
        for n in range(parts):
            archive.writestr(f"customXml/{n}.xml", b"")
    return out.getvalue()


def pdf_bomb(text_bytes: int = 0, pages: int = 1) -> bytes:
    """A PDF whose one content stream, shared by `pages` pages, inflates to `text_bytes` of
    text-showing operators (FlateDecode: about 1000 to 1)."""
    line = b"BT /F1 12 Tf 72 720 Td (Situation analysis of SME internationalisation) Tj ET\n"
    packer = zlib.compressobj(9)
    compressed = []
    chunk = line * (MB // len(line))
    total = 0
    while total + len(chunk) <= text_bytes:
        compressed.append(packer.compress(chunk))
        total += len(chunk)
    compressed.append(packer.compress(line * ((text_bytes - total) // len(line) or 1)))
    compressed.append(packer.flush())
    stream = b"".join(compressed)
    kids = b" ".join(b"%d 0 R" % (6 + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
        b"<< >>",
    ] + [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    ] * pages  # fmt: skip
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))  # fmt: skip
    return out.getvalue()
