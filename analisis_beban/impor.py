"""The ABK's uraian tugas import: its columns and rules, one kind of the shared import flow.

Declared as a `mutasi_asn.impor_kontrak.KontrakImpor` (jenis "abk"), so it runs exactly as
the register's imports do (`pegawai.impor`): upload with a periode → the check in Celery (every
row error with its row number, reading stops at the row limit) → "Simpan" → a Celery task
that re-checks and calls `services.uraian_tugas_impor`, which replaces the tasks of every
jabatan in the file for that periode all-or-nothing → an audit row (`ImporRegister`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from instansi.models import Jabatan
from mutasi_asn.impor_kontrak import BARU, HasilImpor, KontrakImpor, daftarkan_impor
from mutasi_asn.impor_xlsx import (
    PESAN_BARIS_CONTOH,
    BerkasTidakSah,
    GalatBaris,
    KolomImpor,
    LembarData,
    kutip,
    muat_per,
    teks,
    urai_angka,
)

from . import services
from .calculations import beban_maks_menit
from .forms import ImporForm
from .models import PeriodeABK, UraianTugas

BATAS_BARIS = 50_000

KOLOM = [
    KolomImpor(
        "kode_jabatan",
        "Kode jabatan",
        ("Kode", "Kode jab", "Jabatan kode"),
        wajib=True,
        keterangan="Kode jabatan seperti di daftar jabatan aplikasi.",
        contoh="JB00001",
        sebagai_teks=True,
        lebar=16,
    ),
    KolomImpor(
        "uraian",
        "Uraian tugas",
        ("Uraian", "Tugas", "Rincian tugas"),
        wajib=True,
        contoh="Menyusun laporan bulanan",
        lebar=50,
    ),
    KolomImpor(
        "hasil_kerja",
        "Hasil kerja",
        ("Hasil", "Output", "Produk"),
        wajib=True,
        contoh="Laporan",
        lebar=24,
    ),
    KolomImpor(
        "satuan",
        "Satuan",
        ("Satuan hasil", "Satuan hasil kerja"),
        wajib=True,
        contoh="Dokumen",
        lebar=14,
    ),
    KolomImpor(
        "volume",
        "Volume per tahun",
        ("Volume", "Volume tahunan", "Jumlah hasil", "Beban kerja", "Jumlah"),
        wajib=True,
        keterangan="Jumlah hasil kerja per tahun.",
        contoh=12,
        lebar=18,
    ),
    KolomImpor(
        "norma_waktu_menit",
        "Norma waktu (menit)",
        (
            "Norma waktu",
            "Norma waktu menit",
            "Norma",
            "Waktu penyelesaian",
            "Waktu penyelesaian menit",
            "Waktu",
        ),
        wajib=True,
        keterangan="Menit untuk satu hasil kerja.",
        contoh=300,
        lebar=20,
    ),
]
PETUNJUK = [
    "Satu baris = satu uraian tugas. Baris contoh di lembar pertama boleh dihapus.",
    "Kode jabatan: kode jabatan seperti di daftar jabatan aplikasi.",
    "Volume: jumlah hasil kerja per tahun. Norma waktu: menit untuk satu hasil kerja.",
    "Angka boleh ditulis 1.200 atau 1200; pecahan dengan koma, mis. 1,5.",
    "Saat impor, seluruh uraian tugas jabatan yang ada di berkas diganti untuk periode itu.",
]
PANJANG_MAKS = {
    f: UraianTugas._meta.get_field(f).max_length for f in ("uraian", "hasil_kerja", "satuan")
}


@dataclass
class BarisImpor:
    nomor: int
    jabatan: Jabatan
    uraian: str
    hasil_kerja: str
    satuan: str
    volume: Decimal
    norma_waktu_menit: Decimal


@dataclass
class RencanaABK:
    periode: PeriodeABK
    baris: list[BarisImpor] = field(default_factory=list)

    @property
    def jumlah_jabatan(self) -> int:
        return len({b.jabatan.pk for b in self.baris})


def _periode(opsi: dict | None) -> PeriodeABK:
    tahun = (opsi or {}).get("periode")
    periode = PeriodeABK.objects.filter(tahun=tahun).first() if tahun else None
    if periode is None:
        raise BerkasTidakSah(f"Periode ABK {tahun} belum ada. Buat periodenya dahulu.")
    return periode


def _periksa_baris(
    nomor: int, n: dict, jabatan: dict, maks: Decimal
) -> tuple[list[str], BarisImpor | None]:
    """Every problem of one row (one sentence in the preview), or the row read."""
    pesan = []
    kode = teks(n["kode_jabatan"])
    if not kode:
        pesan.append("kode jabatan kosong")
    elif kode not in jabatan:
        pesan.append(f"kode jabatan {kutip(kode)} tidak dikenal")
    isi = {}
    for f, label in (
        ("uraian", "uraian tugas"),
        ("hasil_kerja", "hasil kerja"),
        ("satuan", "satuan"),
    ):
        isi[f] = teks(n[f])
        if not isi[f]:
            pesan.append(f"{label} kosong")
        elif len(isi[f]) > PANJANG_MAKS[f]:
            pesan.append(f"{label} lebih dari {PANJANG_MAKS[f]} karakter")
    angka = {}
    for f, label in (("volume", "volume"), ("norma_waktu_menit", "norma waktu")):
        if teks(n[f]) == "":
            pesan.append(f"{label} kosong")
            continue
        a = urai_angka(n[f])
        if a is None:
            pesan.append(f"{label} {kutip(teks(n[f]))} bukan angka")
        elif a < 0:
            pesan.append(f"{label} tidak boleh negatif")
        elif a >= 10**8:
            pesan.append(f"{label} terlalu besar")
        else:
            angka[f] = a.quantize(Decimal("0.01"))
    if len(angka) == 2 and angka["volume"] * angka["norma_waktu_menit"] > maks:
        pesan.append(
            f"volume × norma waktu ({_angka(angka['volume'] * angka['norma_waktu_menit'])} menit) "
            f"melebihi batas beban kerja satu jabatan ({_angka(maks)} menit)"
        )
    if pesan:
        return pesan, None
    return [], BarisImpor(
        nomor=nomor,
        jabatan=jabatan[kode],
        uraian=isi["uraian"],
        hasil_kerja=isi["hasil_kerja"],
        satuan=isi["satuan"],
        volume=angka["volume"],
        norma_waktu_menit=angka["norma_waktu_menit"],
    )


def periksa(
    lembar: LembarData,
    *,
    actor=None,
    opsi: dict | None = None,
    kunci: bool = False,
    progres: Callable[[int], None] | None = None,
) -> HasilImpor:
    """Check every row; the plan is the rows read, for the periode chosen on upload."""
    rencana = RencanaABK(periode=_periode(opsi))
    hasil = HasilImpor(jumlah_baris=len(lembar.baris), kolom_diabaikan=lembar.diabaikan)
    kode_semua = {teks(n["kode_jabatan"]) for _, n in lembar.baris} - {""}
    qs = Jabatan.objects.all() if actor is None else Jabatan.objects.for_user(actor)
    jabatan = muat_per(qs.select_related("unit_kerja"), "kode", kode_semua)
    contoh_kode, contoh_uraian = KOLOM[0].contoh, KOLOM[1].contoh
    maks = beban_maks_menit(rencana.periode.wke_menit)
    for i, (nomor, n) in enumerate(lembar.baris):
        if progres and i % 500 == 0:
            progres(i)
        pesan, baris = _periksa_baris(nomor, n, jabatan, maks)
        if teks(n["kode_jabatan"]) == contoh_kode and teks(n["uraian"]) == contoh_uraian:
            pesan = [PESAN_BARIS_CONTOH[0].lower() + PESAN_BARIS_CONTOH[1:-1], *pesan]
        if pesan:
            teks_galat = "; ".join(pesan)
            hasil.galat.append(GalatBaris(nomor, "", teks_galat[0].upper() + teks_galat[1:] + "."))
            continue
        rencana.baris.append(baris)
        hasil.catat(nomor, BARU, _contoh, baris)
    _tandai_total_berlebih(rencana, maks, hasil)
    if not lembar.baris:
        hasil.galat.append(GalatBaris(0, "", "Berkas tidak berisi baris uraian tugas."))
    if progres:
        progres(len(lembar.baris))
    return hasil.selesai(rencana)


def _tandai_total_berlebih(rencana: RencanaABK, maks: Decimal, hasil: HasilImpor) -> None:
    """The file replaces a jabatan's tasks, so its total is the sum of its rows: when it
    exceeds what a result holds, each of its rows says so (and none is written)."""
    total: dict[int, Decimal] = {}
    for b in rencana.baris:
        total[b.jabatan.pk] = total.get(b.jabatan.pk, Decimal(0)) + b.volume * b.norma_waktu_menit
    berlebih = {pk for pk, t in total.items() if t > maks}
    if not berlebih:
        return
    for b in rencana.baris:
        if b.jabatan.pk in berlebih:
            hasil.galat.append(
                GalatBaris(
                    b.nomor,
                    "",
                    f"Total beban kerja jabatan {b.jabatan.kode} di berkas ini "
                    f"({_angka(total[b.jabatan.pk])} menit) melebihi batas {_angka(maks)} menit "
                    "per jabatan; periksa volume dan norma waktu tugasnya.",
                )
            )
    rencana.baris = [b for b in rencana.baris if b.jabatan.pk not in berlebih]
    hasil.jumlah_baru = len(rencana.baris)


def _angka(d: Decimal) -> str:
    """`1.234,5` (the preview's sample is stored as JSON, so as text)."""
    s = f"{d:,.2f}".replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return s.removesuffix(",00")


def _contoh(b: BarisImpor) -> dict:
    return {
        "kode": b.jabatan.kode,
        "jabatan": b.jabatan.nama,
        "uraian": b.uraian,
        "volume": _angka(b.volume),
        "norma": _angka(b.norma_waktu_menit),
        "beban": _angka(b.volume * b.norma_waktu_menit),
    }


def tulis(
    hasil: HasilImpor,
    *,
    actor,
    opsi: dict | None = None,
    progres: Callable[[int], None] | None = None,
) -> None:
    rencana: RencanaABK = hasil.rencana
    services.uraian_tugas_impor(periode=rencana.periode, baris=rencana.baris, actor=actor)
    if progres:
        progres(hasil.jumlah_baris)


KONTRAK = daftarkan_impor(
    KontrakImpor(
        jenis="abk",
        label="Uraian tugas ABK",
        kolom=KOLOM,
        periksa=periksa,
        tulis=tulis,
        izin="analisis_beban.add_uraiantugas",
        url_unggah="analisis_beban:impor",
        url_daftar="analisis_beban:periodeabk_list",
        kolom_contoh=[
            ("kode", "Kode"),
            ("jabatan", "Jabatan"),
            ("uraian", "Uraian tugas"),
            ("volume", "Volume"),
            ("norma", "Norma (menit)"),
            ("beban", "Beban (menit)"),
        ],
        contoh=[[k.contoh for k in KOLOM]],
        petunjuk=PETUNJUK,
        maks_baris=BATAS_BARIS,
        hanya_kota=True,
        formulir=ImporForm,
        keterangan_opsi=lambda opsi: f"periode {opsi.get('periode', '?')}",
        peringatan="Uraian tugas lama jabatan-jabatan di berkas ini pada periode tersebut akan "
        "diganti seluruhnya.",
        nama_templat="templat-uraian-tugas.xlsx",
    )
)
