"""Build the default Word templates of the decree, its petikan and the heads' approval letters,
and the neutral emblem that stands in until BKPSDM uploads the city's own.

Run `python -m usulan_mutasi.templat.buat_templat` after changing this file; the generated
`.docx`/`.png` files beside it are committed (the application reads them, not this script), and
tests/usulan_mutasi/test_dokumen.py checks they still hold every placeholder the code fills.

Layout after Permendagri 80/2015 (produk hukum daerah): F4 paper, the emblem and the title of
the Wali Kota at the top, konsiderans (menimbang, mengingat), MEMUTUSKAN with the diktum,
place and date of signing, tembusan; the lampiran on its own landscape page.
The placeholders are docxtpl (Jinja) tags; README.md lists them.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FOLDER = Path(__file__).resolve().parent
HURUF = "Bookman Old Style"
F4 = (Mm(215), Mm(330))


# --- the neutral emblem ----------------------------------------------------------------------


def gambar_lambang_pengganti(lebar: int = 180, tinggi: int = 210) -> bytes:
    """A plain grey-and-gold shield as PNG, drawn pixel by pixel (no image library needed).

    It only marks where the city's emblem goes; it is not the emblem.
    """
    emas, abu, putih = (176, 141, 52), (110, 110, 110), (255, 255, 255)
    cx = lebar / 2
    baris = []
    for y in range(tinggi):
        piksel = bytearray([0])  # PNG filter type "none"
        for x in range(lebar):
            # A shield: straight sides for the top 55 %, then a curve to a point at the bottom.
            t = y / tinggi
            setengah = (lebar / 2 - 8) * (
                1 if t < 0.55 else max(0.0, 1 - ((t - 0.55) / 0.45) ** 1.6)
            )
            dx = abs(x - cx)
            warna = (0, 0, 0, 0)
            if y >= 6 and dx <= setengah:
                tepi = setengah - dx < 7 or y < 13
                dalam = (setengah - dx < 14 or y < 20) and not tepi
                warna = (*emas, 255) if tepi else (*putih, 255) if dalam else (*abu, 255)
                # A five-pointed star outline stand-in: a gold diamond in the middle.
                if abs(x - cx) + abs(y - tinggi * 0.42) < tinggi * 0.16:
                    warna = (*emas, 255)
            piksel.extend(warna)
        baris.append(bytes(piksel))
    mentah = b"".join(baris)

    def potongan(jenis: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + jenis
            + data
            + struct.pack(">I", zlib.crc32(jenis + data) & 0xFFFFFFFF)
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + potongan(b"IHDR", struct.pack(">IIBBBBB", lebar, tinggi, 8, 6, 0, 0, 0))
        + potongan(b"IDAT", zlib.compress(mentah, 9))
        + potongan(b"IEND", b"")
    )


# --- python-docx helpers ------------------------------------------------------------------------


def _dokumen() -> Document:
    doc = Document()
    gaya = doc.styles["Normal"]
    gaya.font.name = HURUF
    gaya.element.rPr.rFonts.set(qn("w:eastAsia"), HURUF)
    gaya.font.size = Pt(12)
    gaya.paragraph_format.space_after = Pt(0)
    gaya.paragraph_format.space_before = Pt(0)
    gaya.paragraph_format.line_spacing = 1.0
    s = doc.sections[0]
    s.page_width, s.page_height = F4
    s.top_margin, s.bottom_margin = Mm(20), Mm(20)
    s.left_margin, s.right_margin = Mm(25), Mm(20)
    return doc


def _p(
    doc_atau_sel,
    teks: str = "",
    *,
    tebal=False,
    tengah=False,
    kanan=False,
    ukuran=None,
    rata=False,
    sebelum=0,
    sesudah=0,
):
    p = doc_atau_sel.add_paragraph()
    if teks:
        run = p.add_run(teks)
        run.bold = tebal
        if ukuran:
            run.font.size = Pt(ukuran)
    if tengah:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif kanan:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif rata:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.space_before = Pt(sebelum)
    p.paragraph_format.space_after = Pt(sesudah)
    return p


def _sel(sel, teks: str = "", **kw):
    """Write into a table cell's first (empty) paragraph."""
    p = sel.paragraphs[0]
    if teks:
        run = p.add_run(teks)
        run.bold = kw.get("tebal", False)
        if kw.get("ukuran"):
            run.font.size = Pt(kw["ukuran"])
    if kw.get("tengah"):
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif kw.get("rata"):
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return p


def _lebar_kolom(tabel, lebar_mm: list[float]) -> None:
    """Fixed column widths, in the grid too: LibreOffice lays a table out by its grid."""
    tabel.autofit = False
    for kolom, lebar in zip(tabel.columns, lebar_mm, strict=False):
        kolom.width = Mm(lebar)
    tata = OxmlElement("w:tblLayout")
    tata.set(qn("w:type"), "fixed")
    tabel._tbl.tblPr.append(tata)
    for baris in tabel.rows:
        for sel, lebar in zip(baris.cells, lebar_mm, strict=False):
            sel.width = Mm(lebar)


def _tanpa_garis(tabel) -> None:
    tbl_pr = tabel._tbl.tblPr
    garis = OxmlElement("w:tblBorders")
    for sisi in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{sisi}")
        e.set(qn("w:val"), "nil")
        garis.append(e)
    tbl_pr.append(garis)


def _ulang_judul(baris) -> None:
    """Repeat a table's header row on every page of the lampiran."""
    tr_pr = baris._tr.get_or_add_trPr()
    e = OxmlElement("w:tblHeader")
    e.set(qn("w:val"), "true")
    tr_pr.append(e)


def _kepala_keputusan(doc, *, petikan: bool = False) -> None:
    p = _p(doc, tengah=True)
    p.add_run("{{ lambang }}")
    if petikan:
        _p(doc, "PETIKAN", tebal=True, tengah=True, sebelum=6)
    _p(doc, "WALI KOTA PEMATANGSIANTAR", tebal=True, tengah=True, ukuran=13, sebelum=6)
    _p(doc, "PROVINSI SUMATERA UTARA", tebal=True, tengah=True, sesudah=12)
    _p(doc, "KEPUTUSAN WALI KOTA PEMATANGSIANTAR", tebal=True, tengah=True)
    _p(doc, "NOMOR {{ nomor }}", tebal=True, tengah=True, sesudah=12)
    _p(doc, "TENTANG", tebal=True, tengah=True, sesudah=6)
    _p(doc, "{{ tentang }}", tebal=True, tengah=True, sesudah=12)
    _p(doc, "DENGAN RAHMAT TUHAN YANG MAHA ESA", tebal=True, tengah=True, sesudah=12)
    _p(doc, "WALI KOTA PEMATANGSIANTAR,", tebal=True, tengah=True, sesudah=12)


def _konsiderans(doc) -> None:
    t = doc.add_table(rows=7, cols=4)
    _tanpa_garis(t)
    _lebar_kolom(t, [30, 5, 8, 127])
    r = t.rows
    _sel(r[0].cells[0], "{%tr for m in menimbang %}")
    _sel(r[1].cells[0], "{% if loop.first %}Menimbang{% endif %}")
    _sel(r[1].cells[1], "{% if loop.first %}:{% endif %}")
    _sel(r[1].cells[2], "{{ m.huruf }}.")
    _sel(r[1].cells[3], "{{ m.teks }}", rata=True)
    _sel(r[2].cells[0], "{%tr endfor %}")
    # a spacer row between the two lists
    _sel(r[3].cells[0], "")
    _sel(r[4].cells[0], "{%tr for m in mengingat %}")
    _sel(r[5].cells[0], "{% if loop.first %}Mengingat{% endif %}")
    _sel(r[5].cells[1], "{% if loop.first %}:{% endif %}")
    _sel(r[5].cells[2], "{{ m.nomor }}.")
    _sel(r[5].cells[3], "{{ m.teks }}", rata=True)
    _sel(r[6].cells[0], "{%tr endfor %}")


def _diktum(doc) -> None:
    _p(doc, "MEMUTUSKAN:", tebal=True, tengah=True, sebelum=12, sesudah=12)
    t = doc.add_table(rows=4, cols=3)
    _tanpa_garis(t)
    _lebar_kolom(t, [30, 5, 135])
    r = t.rows
    _sel(r[0].cells[0], "Menetapkan")
    _sel(r[0].cells[1], ":")
    _sel(r[0].cells[2], "KEPUTUSAN WALI KOTA TENTANG {{ tentang }}.", tebal=True, rata=True)
    _sel(r[1].cells[0], "{%tr for d in diktum %}")
    _sel(r[2].cells[0], "{{ d.label }}")
    _sel(r[2].cells[1], ":")
    _sel(r[2].cells[2], "{{ d.teks }}", rata=True)
    _sel(r[3].cells[0], "{%tr endfor %}")


def _tanda_tangan(doc, *, dengan_qr: bool = True) -> None:
    t = doc.add_table(rows=1, cols=2)
    _tanpa_garis(t)
    _lebar_kolom(t, [85, 85])
    kiri, kanan = t.rows[0].cells
    if dengan_qr:
        _sel(kiri, "{{ qr }}")
        p = kiri.add_paragraph()
        run = p.add_run("Pindai untuk memeriksa keaslian dokumen")
        run.font.size = Pt(8)
    _sel(kanan, "Ditetapkan di {{ tempat }}")
    kanan.add_paragraph("pada tanggal {{ tanggal }}")
    p = kanan.add_paragraph()
    p.paragraph_format.space_before = Pt(6)
    p.add_run("{{ penandatangan.jabatan_kapital }},").bold = True
    for _i in range(4):
        kanan.add_paragraph()
    p = kanan.add_paragraph()
    run = p.add_run("{{ penandatangan.nama }}")
    run.bold = True
    run.underline = True
    kanan.add_paragraph("{% if penandatangan.nip %}NIP {{ penandatangan.nip }}{% endif %}")


def _tembusan(doc) -> None:
    _p(doc, "{%p if tembusan %}")
    p = _p(doc, "Tembusan:", sebelum=12)
    p.runs[0].underline = True
    _p(doc, "{%p for t in tembusan %}")
    _p(doc, "{{ loop.index }}. {{ t }}")
    _p(doc, "{%p endfor %}")
    _p(doc, "{%p endif %}")


def _halaman_lampiran(doc) -> None:
    s = doc.add_section(WD_SECTION.NEW_PAGE)
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = F4[1], F4[0]
    s.left_margin, s.right_margin = Mm(20), Mm(20)
    kepala = doc.add_table(rows=4, cols=3)
    _tanpa_garis(kepala)
    kepala.alignment = WD_TABLE_ALIGNMENT.RIGHT
    _lebar_kolom(kepala, [25, 4, 90])
    _sel(kepala.rows[0].cells[0], "LAMPIRAN KEPUTUSAN WALI KOTA PEMATANGSIANTAR", ukuran=10)
    kepala.rows[0].cells[0].merge(kepala.rows[0].cells[2])
    for i, (label, nilai) in enumerate(
        [("NOMOR", "{{ nomor }}"), ("TANGGAL", "{{ tanggal }}"), ("TENTANG", "{{ tentang }}")],
        start=1,
    ):
        _sel(kepala.rows[i].cells[0], label, ukuran=10)
        _sel(kepala.rows[i].cells[1], ":", ukuran=10)
        _sel(kepala.rows[i].cells[2], nilai, ukuran=10)
    _p(
        doc,
        "DAFTAR PEGAWAI NEGERI SIPIL YANG DIMUTASIKAN",
        tebal=True,
        tengah=True,
        sebelum=12,
        sesudah=8,
    )
    judul = [
        "NO",
        "NAMA",
        "NIP",
        "PANGKAT/ GOL. RUANG",
        "JABATAN DAN UNIT KERJA LAMA",
        "JABATAN DAN UNIT KERJA BARU",
        "KETERANGAN",
    ]
    t = doc.add_table(rows=4, cols=len(judul))
    t.style = "Table Grid"
    _lebar_kolom(t, [9, 50, 45, 30, 63, 63, 30])
    for sel, teks in zip(t.rows[0].cells, judul, strict=True):
        _sel(sel, teks, tebal=True, tengah=True, ukuran=9)
    _ulang_judul(t.rows[0])
    _sel(t.rows[1].cells[0], "{%tr for r in lampiran %}")
    isi = [
        "{{ r.no }}",
        "{{ r.nama }}",
        "{{ r.nip }}",
        "{{ r.pangkat }}",
        "{{ r.jabatan_lama }}",
        "{{ r.jabatan_baru }}",
        "{{ r.keterangan }}",
    ]
    for sel, teks in zip(t.rows[2].cells, isi, strict=True):
        _sel(sel, teks, ukuran=9, tengah=teks == "{{ r.no }}")
    for sel, teks in (
        (t.rows[2].cells[4], "{{ r.unit_lama }}"),
        (t.rows[2].cells[5], "{{ r.unit_baru }}"),
    ):
        run = sel.add_paragraph().add_run(teks)
        run.font.size = Pt(9)
        run.italic = True
    _sel(t.rows[3].cells[0], "{%tr endfor %}")
    _p(doc, sesudah=12)
    _tanda_tangan(doc, dengan_qr=False)


def _tabel_pegawai(doc, lainnya: list[tuple[str, str]]) -> None:
    """The employee's particulars as label : value rows (name, NIP, grade, then `lainnya`)."""
    baris = [("Nama", "nama"), ("NIP", "nip"), ("Pangkat/golongan ruang", "pangkat"), *lainnya]
    t = doc.add_table(rows=len(baris), cols=3)
    _tanpa_garis(t)
    _lebar_kolom(t, [55, 5, 110])
    for r, (label, kunci) in zip(t.rows, baris, strict=True):
        _sel(r.cells[0], label)
        _sel(r.cells[1], ":")
        _sel(r.cells[2], "{{ pegawai." + kunci + " }}")


def templat_sk() -> Document:
    doc = _dokumen()
    _kepala_keputusan(doc)
    _konsiderans(doc)
    _diktum(doc)
    _p(doc, sesudah=12)
    _tanda_tangan(doc)
    _tembusan(doc)
    _halaman_lampiran(doc)
    return doc


def templat_petikan() -> Document:
    doc = _dokumen()
    _kepala_keputusan(doc, petikan=True)
    _konsiderans(doc)
    _diktum(doc)
    _p(doc, "Kepada Pegawai Negeri Sipil yang bersangkutan:", tebal=True, sebelum=12, sesudah=6)
    _tabel_pegawai(
        doc,
        [
            ("Jabatan lama", "jabatan_lama"),
            ("Unit kerja lama", "unit_lama"),
            ("Jabatan baru", "jabatan_baru"),
            ("Unit kerja baru", "unit_baru"),
            ("Keterangan", "keterangan"),
        ],
    )
    _p(
        doc,
        "Petikan Keputusan ini diberikan kepada yang bersangkutan untuk diketahui dan "
        "dipergunakan sebagaimana mestinya.",
        rata=True,
        sebelum=12,
        sesudah=12,
    )
    _tanda_tangan(doc)
    return doc


def templat_surat() -> Document:
    doc = _dokumen()
    p = _p(doc, tengah=True)
    p.add_run("{{ lambang }}")
    _p(doc, "PEMERINTAH KOTA PEMATANGSIANTAR", tebal=True, tengah=True, ukuran=13, sebelum=6)
    _p(doc, "{{ instansi_kapital }}", tebal=True, tengah=True, ukuran=14)
    garis = _p(doc, "", sesudah=12)
    pbdr = OxmlElement("w:pBdr")
    bawah = OxmlElement("w:bottom")
    for k, v in (("w:val", "double"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bawah.set(qn(k), v)
    pbdr.append(bawah)
    garis._p.get_or_add_pPr().append(pbdr)
    _p(doc, "{{ judul_surat }}", tebal=True, tengah=True)
    _p(doc, "Nomor: {{ nomor_surat }}", tengah=True, sesudah=12)
    _p(
        doc,
        "Yang bertanda tangan di bawah ini, {{ penyetuju.jabatan }}, dengan ini menyatakan "
        "{{ pernyataan }} Pegawai Negeri Sipil:",
        rata=True,
        sesudah=6,
    )
    _tabel_pegawai(
        doc,
        [
            ("Jabatan sekarang", "jabatan_lama"),
            ("Unit kerja sekarang", "unit_lama"),
            ("Jabatan yang dituju", "jabatan_baru"),
            ("Unit kerja yang dituju", "unit_baru"),
        ],
    )
    _p(
        doc,
        "dalam rangka usulan mutasi nomor {{ nomor_usulan }} ({{ jenis_mutasi }}). "
        "Persetujuan ini diberikan melalui aplikasi Mutasi ASN pada {{ waktu_persetujuan }}."
        "{% if catatan %} Catatan: {{ catatan }}{% endif %}",
        rata=True,
        sebelum=12,
    )
    _p(
        doc,
        "Demikian surat persetujuan ini dibuat untuk dipergunakan sebagaimana mestinya.",
        rata=True,
        sebelum=6,
        sesudah=12,
    )
    t = doc.add_table(rows=1, cols=2)
    _tanpa_garis(t)
    _lebar_kolom(t, [85, 85])
    kiri, kanan = t.rows[0].cells
    _sel(kiri, "{{ qr }}")
    kiri.add_paragraph("Pindai untuk memeriksa keaslian surat").runs[0].font.size = Pt(8)
    _sel(kanan, "{{ tempat }}, {{ tanggal }}")
    p = kanan.add_paragraph()
    p.paragraph_format.space_before = Pt(6)
    p.add_run("{{ penyetuju.jabatan }},").bold = True
    for _i in range(4):
        kanan.add_paragraph()
    run = kanan.add_paragraph().add_run("{{ penyetuju.nama }}")
    run.bold = True
    run.underline = True
    return doc


BERKAS = {
    "sk_mutasi.docx": templat_sk,
    "petikan_mutasi.docx": templat_petikan,
    "surat_persetujuan.docx": templat_surat,
}


def main() -> None:
    for nama, buat in BERKAS.items():
        buat().save(FOLDER / nama)
        print(FOLDER / nama)
    (FOLDER / "lambang_pengganti.png").write_bytes(gambar_lambang_pengganti())
    print(FOLDER / "lambang_pengganti.png")


if __name__ == "__main__":
    main()
