"""Import of pegawai from .xlsx: read, validate every row set-based, then write in bulk.

Validation loads every referenced jabatan in one query, every existing NIP in one query and
the open history rows of those pegawai in one more, so 10,000 rows cost a handful of queries.
A row with an existing NIP updates that pegawai; a new NIP creates one (a PNS/CPNS's birth
date and gender come from the NIP, through `services.lengkapi_dari_nip`). A change of jabatan
goes through `services.pegawai_pindah_jabatan_massal`, so the history gets its row.
"""

import copy
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from instansi.choices import Golongan, baca_golongan, baca_pendidikan
from instansi.models import Jabatan
from mutasi_asn.impor_kontrak import (
    BARU,
    DIUBAH,
    TETAP,
    HasilImpor,
    KontrakImpor,
    daftarkan_impor,
    perbarui_massal,
)
from mutasi_asn.impor_xlsx import (
    PESAN_BARIS_CONTOH,
    UKURAN_POTONGAN,
    KolomImpor,
    LembarData,
    NilaiTidakSah,
    baca_kunci,
    galat_dari_validasi,
    kutip,
    muat_per,
    per_potongan,
    pilihan,
    pk_terjangkau,
    tanggal,
    teks,
    tiap_baris,
    ya_tidak,
)

from .choices import JenisKelamin, StatusKepegawaian
from .models import Pegawai, RiwayatJabatan
from .nip import normalisasi_nip
from .services import (
    Perpindahan,
    _kirim_bezetting,
    lengkapi_dari_nip,
    pegawai_pindah_jabatan_massal,
)

KOLOM = [
    KolomImpor(
        "nip",
        "NIP",
        ("NIP Baru", "Nomor Induk Pegawai", "NIP/NI", "NI PPPK", "NIP 18 digit", "No NIP"),
        wajib=True,
        keterangan="18 angka, boleh dengan spasi. Format kolom ini sebagai Teks di Excel: bila "
        "diketik sebagai angka, Excel membulatkan 3 digit terakhir. NIP yang sudah ada di "
        "register berarti data pegawai itu diperbarui; NIP baru berarti pegawai baru.",
        contoh="19860926 201505 1 001",
        sebagai_teks=True,
    ),
    KolomImpor(
        "status",
        "Status",
        ("Status Kepegawaian", "Status Pegawai", "Jenis Pegawai", "Status ASN"),
        keterangan="PNS, CPNS, atau PPPK. Wajib untuk pegawai baru.",
        contoh="PNS",
    ),
    KolomImpor(
        "gelar_depan", "Gelar Depan", ("Gelar Dpn",), keterangan="Mis. dr., Ir., Drs.", contoh="dr."
    ),
    KolomImpor(
        "nama",
        "Nama",
        ("Nama Lengkap", "Nama Pegawai", "Nama Tanpa Gelar", "Nama ASN"),
        wajib=True,
        keterangan="Nama tanpa gelar.",
        contoh="Maria Siregar",
    ),
    KolomImpor(
        "gelar_belakang",
        "Gelar Belakang",
        ("Gelar Blk",),
        keterangan="Mis. S.Kom., M.Kes.",
        contoh="M.Kes.",
    ),
    KolomImpor(
        "tanggal_lahir",
        "Tanggal Lahir",
        ("Tgl Lahir", "Tgl. Lahir", "Tanggal Lahir PPPK"),
        keterangan="Hanya untuk PPPK (untuk PNS/CPNS dibaca dari NIP). Tanggal Excel atau "
        "ditulis 29/11/1990 atau 1990-11-29.",
    ),
    KolomImpor(
        "jenis_kelamin",
        "Jenis Kelamin",
        ("JK", "L/P", "Gender", "Jenis Kel"),
        keterangan="Hanya untuk PPPK: L (laki-laki) atau P (perempuan).",
    ),
    KolomImpor(
        "golongan",
        "Golongan",
        (
            "Gol",
            "Golongan/Ruang",
            "Gol/Ruang",
            "Gol Ruang",
            "Pangkat/Gol",
            "Pangkat/Golongan",
            "Pangkat Golongan",
            "Pangkat/Gol Ruang",
            "Golongan Terakhir",
            "Gol Akhir",
        ),
        wajib=True,
        keterangan="PNS/CPNS: I/a sampai IV/e (boleh III/a, III-a, IIIa, atau \u201cPenata Muda "
        "(III/a)\u201d). PPPK: I sampai XVII (boleh angka 1\u201317).",
        contoh="III/b",
    ),
    KolomImpor(
        "pendidikan",
        "Pendidikan",
        (
            "Pendidikan Terakhir",
            "Tingkat Pendidikan",
            "Jenjang Pendidikan",
            "Pend",
            "Pendidikan Akhir",
        ),
        wajib=True,
        keterangan="SD, SMP/SLTP, SMA/SMK/SLTA, D-I, D-II, D-III, D-IV, S1, Profesi, S2, Sp-1, "
        "S3 (boleh S-1, D3, dan sebagainya).",
        contoh="S2",
    ),
    KolomImpor(
        "bidang_studi",
        "Bidang Studi",
        ("Jurusan", "Program Studi", "Prodi"),
        contoh="Kesehatan Masyarakat",
    ),
    KolomImpor(
        "kode_jabatan",
        "Kode Jabatan",
        ("Kd Jabatan", "Kode Jab", "ID Jabatan"),
        wajib=True,
        keterangan="Kode jabatan seperti di daftar Jabatan. Wajib untuk pegawai baru. Bila "
        "berbeda dari jabatan sekarang, pegawai dipindahkan dan riwayat jabatannya dicatat.",
        contoh="J000123",
        sebagai_teks=True,
    ),
    KolomImpor(
        "tmt_jabatan",
        "TMT Jabatan",
        ("Tanggal Mulai Jabatan", "TMT Jab", "TMT Jabatan Terakhir"),
        keterangan="Tanggal mulai menduduki jabatan. Kosong = hari ini bila jabatan berubah.",
        contoh=datetime.date(2024, 1, 2),
    ),
    KolomImpor(
        "nomor_sk",
        "Nomor SK Jabatan",
        ("Nomor SK", "No SK", "No. SK Jabatan", "SK Jabatan"),
        keterangan="Dicatat di riwayat jabatan bila jabatan berubah.",
        contoh="800/123/BKPSDM/2024",
    ),
    KolomImpor(
        "tmt_cpns", "TMT CPNS", ("Tanggal CPNS", "TMT Capeg"), contoh=datetime.date(2015, 5, 1)
    ),
    KolomImpor(
        "aktif",
        "Aktif",
        ("Status Aktif",),
        keterangan="Ya atau Tidak. Kosong = Ya untuk pegawai baru, tidak diubah untuk yang ada.",
        contoh="Ya",
    ),
]
LABEL = {k.nama: k.label for k in KOLOM}
# Model field -> template label, to name the column in a model validation error.
LABEL_FIELD = {**LABEL, "jabatan": LABEL["kode_jabatan"]}

PETUNJUK = [
    "Satu baris untuk satu pegawai. Baris pertama lembar data adalah judul kolom; urutan kolom "
    "bebas dan judul boleh berbeda huruf besar/kecil atau tanda bacanya.",
    "Kolom berjudul merah wajib ada. Untuk pegawai yang sudah ada, sel kosong berarti nilainya "
    "tidak diubah.",
    "Sebelum disimpan, semua baris diperiksa dan setiap kesalahan ditampilkan bersama nomor "
    "barisnya. Bila ada satu saja baris yang salah, tidak ada data yang disimpan.",
    "Hapus baris contoh sebelum mengunggah.",
]

CONTOH = [[k.contoh for k in KOLOM]]
NIP_CONTOH = "198609262015051001"
NAMA_CONTOH = "Maria Siregar"


# --- cell readers specific to pegawai -------------------------------------------------------

_SAINTIFIK = re.compile(r"^\d+(?:[.,]\d+)?E\+?\d+$", re.IGNORECASE)
PESAN_NIP_ANGKA = (
    "tersimpan sebagai angka ({nilai}) sehingga digit terakhirnya hilang: Excel hanya menyimpan "
    "15 digit angka. Ubah format kolom NIP menjadi Teks (atau awali dengan tanda ') lalu ketik "
    "ulang NIP ini."
)


def baca_nip(nilai) -> str:
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        raise NilaiTidakSah("wajib diisi.")
    if isinstance(nilai, bool):
        raise NilaiTidakSah("harus 18 angka.")
    if isinstance(nilai, float):
        if nilai >= 1e15 or not nilai.is_integer():
            raise NilaiTidakSah(PESAN_NIP_ANGKA.format(nilai=f"{nilai:.5E}"))
        nilai = int(nilai)
    s = str(nilai).strip().lstrip("'")
    if _SAINTIFIK.match(s.replace(" ", "")):
        raise NilaiTidakSah(PESAN_NIP_ANGKA.format(nilai=s))
    nip = normalisasi_nip(s)
    if not nip.isdigit() or len(nip) != 18:
        jumlah = sum(ch.isdigit() for ch in nip)
        raise NilaiTidakSah(
            f"{kutip(s)} bukan NIP yang sah: harus 18 angka (terbaca {jumlah} angka), "
            "mis. 19860926 201505 1 001."
        )
    return nip


baca_status = pilihan(
    {
        "pns": StatusKepegawaian.PNS,
        "pegawainegerisipil": StatusKepegawaian.PNS,
        "cpns": StatusKepegawaian.CPNS,
        "calonpns": StatusKepegawaian.CPNS,
        "calonpegawainegerisipil": StatusKepegawaian.CPNS,
        "pppk": StatusKepegawaian.PPPK,
        "p3k": StatusKepegawaian.PPPK,
        "pegawaipemerintahdenganperjanjiankerja": StatusKepegawaian.PPPK,
    },
    "isi PNS, CPNS, atau PPPK.",
)
baca_jenis_kelamin = pilihan(
    {
        "l": JenisKelamin.LAKI_LAKI,
        "lakilaki": JenisKelamin.LAKI_LAKI,
        "pria": JenisKelamin.LAKI_LAKI,
        "p": JenisKelamin.PEREMPUAN,
        "perempuan": JenisKelamin.PEREMPUAN,
        "wanita": JenisKelamin.PEREMPUAN,
    },
    "isi L atau P.",
)

# --- validation ---------------------------------------------------------------------------------


@dataclass
class _Baru:
    baris: int
    pegawai: Pegawai
    jabatan: Jabatan
    tmt: datetime.date
    nomor_sk: str


@dataclass
class RencanaPegawai:
    baru: list[_Baru] = field(default_factory=list)
    ubah: list[tuple[Pegawai, tuple[str, ...]]] = field(default_factory=list)  # with its fields
    pindah: list[Perpindahan] = field(default_factory=list)
    ubah_tmt: list[RiwayatJabatan] = field(default_factory=list)
    jabatan_tersentuh: set[int] = field(default_factory=set)


FIELD_UBAH = [
    "status",
    "gelar_depan",
    "nama",
    "gelar_belakang",
    "tanggal_lahir",
    "jenis_kelamin",
    "golongan",
    "pendidikan",
    "bidang_studi",
    "tmt_jabatan",
    "tmt_cpns",
    "aktif",
]


def periksa(
    lembar: LembarData,
    *,
    actor=None,
    opsi: dict | None = None,
    kunci: bool = False,
    progres: Callable[[int], None] | None = None,
) -> HasilImpor:
    """Check every row against the register; with `kunci`, lock the pegawai rows to update."""
    hasil = HasilImpor(jumlah_baris=len(lembar.baris), kolom_diabaikan=lembar.diabaikan)
    galat = hasil.galat
    hari_ini = timezone.localdate()

    # Pass 1: keys, so every lookup below is one query.
    nip_baris, ganda = baca_kunci(lembar, "nip", baca_nip, galat, "NIP")

    semua_nip = {n for _, n in nip_baris if n}
    kode_jabatan = {teks(raw.get("kode_jabatan")) for _, raw in lembar.baris} - {""}
    qs_pegawai = Pegawai.objects.select_related("jabatan__unit_kerja")
    if kunci:
        qs_pegawai = qs_pegawai.select_for_update(of=("self",))
    ada_di_db: dict[str, Pegawai] = muat_per(qs_pegawai, "nip", semua_nip)
    qs_jabatan = Jabatan.objects.all() if actor is None else Jabatan.objects.for_user(actor)
    jabatan: dict[str, Jabatan] = muat_per(qs_jabatan, "kode", kode_jabatan)
    terbuka: dict[int, RiwayatJabatan] = muat_per(
        RiwayatJabatan.objects.filter(tanggal_selesai__isnull=True),
        "pegawai_id",
        [p.pk for p in ada_di_db.values()],
    )
    terjangkau = pk_terjangkau(Pegawai.objects, actor, [p.pk for p in ada_di_db.values()])
    rencana = RencanaPegawai()

    # Pass 2: each row on its own, with the lookups in memory.
    for b, (nomor, nip) in zip(tiap_baris(lembar, progres), nip_baris, strict=True):
        ambil = b.ambil
        galat_baris = b.galat
        gagal_baca = b.gagal
        status = ambil("status", baca_status)
        nama = ambil("nama", teks)
        gelar_depan = ambil("gelar_depan", teks)
        gelar_belakang = ambil("gelar_belakang", teks)
        tgl_lahir = ambil("tanggal_lahir", tanggal)
        jk = ambil("jenis_kelamin", baca_jenis_kelamin)
        golongan = ambil("golongan", baca_golongan)
        pendidikan = ambil("pendidikan", baca_pendidikan)
        bidang = ambil("bidang_studi", teks)
        kode = ambil("kode_jabatan", teks)
        tmt = ambil("tmt_jabatan", tanggal)
        nomor_sk = ambil("nomor_sk", teks) or ""
        tmt_cpns = ambil("tmt_cpns", tanggal)
        aktif = ambil("aktif", ya_tidak)

        if nip == NIP_CONTOH and nama == NAMA_CONTOH:
            b.tambah("", PESAN_BARIS_CONTOH)
        lama = ada_di_db.get(nip) if nip else None
        if lama is not None and lama.pk not in terjangkau:
            b.tambah(
                "nip",
                f"Pegawai dengan NIP {nip} berada di luar cakupan instansi Anda; "
                "hapus baris ini atau minta BKPSDM mengimpornya.",
            )
            lama = None
        obj = copy.copy(lama) if lama is not None else Pegawai(nip=nip or "")
        if lama is None:
            b.wajib_diisi(
                {
                    "status": status,
                    "nama": nama,
                    "golongan": golongan,
                    "pendidikan": pendidikan,
                    "kode_jabatan": kode,
                },
                "pegawai",
            )
        sebelum = {f: getattr(obj, f) for f in FIELD_UBAH} if lama is not None else {}
        for f, nilai in (
            ("status", status),
            ("nama", nama),
            ("gelar_depan", gelar_depan),
            ("gelar_belakang", gelar_belakang),
            ("golongan", golongan),
            ("pendidikan", pendidikan),
            ("bidang_studi", bidang),
            ("tmt_cpns", tmt_cpns),
            ("aktif", aktif),
        ):
            if nilai not in (None, ""):
                setattr(obj, f, nilai)

        # Grade must fit the status (PNS/CPNS I/a–IV/e, PPPK I–XVII).
        if obj.golongan and obj.status and "golongan" not in gagal_baca:
            pns = obj.status in (StatusKepegawaian.PNS, StatusKepegawaian.CPNS)
            label_gol = Golongan(obj.golongan).label.replace(" (PPPK)", "")
            if pns and obj.golongan > 100:
                b.tambah(
                    "golongan",
                    f"Golongan {label_gol} adalah golongan PPPK, tidak sesuai dengan status "
                    f"{obj.get_status_display()}; tulis golongan/ruang seperti III/a.",
                )
                gagal_baca.add("golongan")
            elif not pns and obj.golongan < 100:
                b.tambah(
                    "golongan",
                    f"Golongan {label_gol} adalah golongan PNS, tidak sesuai dengan status "
                    "PPPK; PPPK memakai golongan I sampai XVII.",
                )
                gagal_baca.add("golongan")

        # Birth date and gender: from the NIP for PNS/CPNS; typed for PPPK.
        if obj.status in (StatusKepegawaian.PNS, StatusKepegawaian.CPNS):
            if tgl_lahir and nip and nip[:8] != tgl_lahir.strftime("%Y%m%d"):
                b.tambah(
                    "tanggal_lahir",
                    f"Tanggal lahir {tgl_lahir:%d/%m/%Y} tidak sama dengan yang tertera di "
                    "NIP (digit 1\u20138); perbaiki NIP atau kosongkan tanggal lahir.",
                )
        else:
            if tgl_lahir:
                obj.tanggal_lahir = tgl_lahir
            if jk:
                obj.jenis_kelamin = jk
        if nip and obj.status:
            try:
                lengkapi_dari_nip(obj)
            except ValidationError as exc:
                galat_baris.extend(galat_dari_validasi(nomor, exc, LABEL_FIELD))
                gagal_baca |= {"nip", "tanggal_lahir", "jenis_kelamin"}

        # Jabatan by kode.
        jab = None
        if kode:
            jab = jabatan.get(kode)
            if jab is None:
                b.tambah(
                    "kode_jabatan",
                    f"Kode jabatan {kutip(kode)} tidak ada di register. Periksa kodenya di "
                    "daftar Jabatan, atau impor jabatan itu lebih dulu.",
                )
            elif not jab.aktif and (lama is None or lama.jabatan_id != jab.pk):
                b.tambah(
                    "kode_jabatan",
                    f"Jabatan {kutip(kode)} ({jab.nama}) sudah tidak aktif; pilih jabatan "
                    "yang aktif.",
                )
                jab = None

        abaikan = {"jabatan", *gagal_baca}
        if not nip or not obj.status or "nip" in gagal_baca:
            abaikan |= {"nip", "tanggal_lahir", "jenis_kelamin"}
        # clean() reports some things this import has already said in its own words.
        b.periksa_model(obj, abaikan, LABEL_FIELD)

        # What the row will do to the history.
        pindah = None
        ubah_tmt = None
        if lama is not None and jab is not None and jab.pk != lama.jabatan_id:
            mulai = tmt or hari_ini
            r = terbuka.get(lama.pk)
            if r is not None and mulai < r.tanggal_mulai:
                b.tambah(
                    "tmt_jabatan",
                    f"TMT jabatan baru {mulai:%d/%m/%Y} tidak boleh sebelum TMT jabatan yang "
                    f"sedang berjalan ({r.tanggal_mulai:%d/%m/%Y}).",
                )
            pindah = Perpindahan(
                pegawai_id=lama.pk,
                jabatan=jab,
                tmt=mulai,
                nomor_sk=nomor_sk,
                keterangan="Impor register",
            )
        elif lama is not None and tmt and tmt != lama.tmt_jabatan and lama.jabatan_id:
            obj.tmt_jabatan = tmt
            r = terbuka.get(lama.pk)
            if r is not None:
                r = copy.copy(r)
                r.tanggal_mulai = tmt
                ubah_tmt = r

        if galat_baris or nomor in ganda:
            galat.extend(galat_baris)
            continue

        berubah = [f for f in FIELD_UBAH if lama is not None and getattr(obj, f) != sebelum[f]]
        if lama is None:
            obj.jabatan = jab
            obj.tmt_jabatan = tmt or hari_ini
            if aktif is None:
                obj.aktif = True
            rencana.baru.append(_Baru(nomor, obj, jab, obj.tmt_jabatan, nomor_sk))
            rencana.jabatan_tersentuh.add(jab.pk)
            aksi = BARU
        elif berubah or pindah:
            if berubah:
                rencana.ubah.append((obj, tuple(berubah)))
                if "aktif" in berubah:
                    rencana.jabatan_tersentuh.add(obj.jabatan_id)
            if pindah:
                rencana.pindah.append(pindah)
            if ubah_tmt is not None:
                rencana.ubah_tmt.append(ubah_tmt)
            aksi = DIUBAH
        else:
            aksi = TETAP
        hasil.catat(nomor, aksi, _contoh, obj, lama, jab, pindah, berubah)
    return hasil.selesai(rencana)


def _contoh(obj: Pegawai, lama, jab, pindah, berubah) -> dict:
    """A row of the preview's sample: who, and what the import does to them."""
    keterangan = []
    if pindah:
        keterangan.append(
            f"pindah jabatan: {lama.jabatan.nama if lama.jabatan_id else '—'} \u2192 "
            f"{jab.nama} (TMT {pindah.tmt:%d/%m/%Y})"
        )
    if berubah:
        keterangan.append("diubah: " + ", ".join(LABEL_FIELD.get(f, f).lower() for f in berubah))
    return {
        "nip": obj.nip_tampil,
        "nama": obj.nama_lengkap,
        "golongan": obj.golongan_tampil,
        "pendidikan": obj.get_pendidikan_display(),
        "jabatan": (jab or obj.jabatan).nama if (jab or obj.jabatan_id) else "",
        "keterangan": "; ".join(keterangan),
    }


# --- writing ------------------------------------------------------------------------------------


@transaction.atomic
def tulis(
    hasil: HasilImpor,
    *,
    actor,
    opsi: dict | None = None,
    progres: Callable[[int], None] | None = None,
) -> None:
    """Write a validated plan in bulk. The caller's transaction makes it all-or-nothing."""
    rencana: RencanaPegawai = hasil.rencana
    selesai = 0
    for potong in per_potongan(rencana.baru):
        pegawai = bulk_create_with_history(
            [b.pegawai for b in potong], Pegawai, batch_size=UKURAN_POTONGAN, default_user=actor
        )
        riwayat = [
            RiwayatJabatan(
                pegawai=p,
                jabatan=b.jabatan,
                tanggal_mulai=b.tmt,
                nomor_sk=b.nomor_sk,
                keterangan="Impor register",
            )
            for p, b in zip(pegawai, potong, strict=True)
        ]
        bulk_create_with_history(
            riwayat, RiwayatJabatan, batch_size=UKURAN_POTONGAN, default_user=actor
        )
        selesai += len(potong)
        if progres:
            progres(selesai)
    for n in perbarui_massal(rencana.ubah, Pegawai, actor=actor):
        selesai += n
        if progres:
            progres(selesai)
    if rencana.ubah_tmt:
        bulk_update_with_history(
            rencana.ubah_tmt,
            RiwayatJabatan,
            ["tanggal_mulai"],
            batch_size=1000,
            default_user=actor,
        )
    if rencana.pindah:
        pegawai_pindah_jabatan_massal(perpindahan=rencana.pindah, actor=actor)
    _kirim_bezetting(rencana.jabatan_tersentuh)
    if progres:
        progres(hasil.jumlah_baris)


KONTRAK = daftarkan_impor(
    KontrakImpor(
        jenis="pegawai",
        label="Pegawai",
        kolom=KOLOM,
        periksa=periksa,
        tulis=tulis,
        izin="pegawai.add_pegawai",
        url_unggah="pegawai:impor_pegawai",
        url_daftar="pegawai:pegawai_list",
        kolom_contoh=[
            ("nip", "NIP"),
            ("nama", "Nama"),
            ("golongan", "Golongan"),
            ("pendidikan", "Pendidikan"),
            ("jabatan", "Jabatan"),
            ("keterangan", "Keterangan"),
        ],
        contoh=CONTOH,
        petunjuk=PETUNJUK,
    )
)
