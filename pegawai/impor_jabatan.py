"""Import of jabatan from .xlsx, each referencing its unit kerja by the unit's kode.

It lives beside the pegawai import (the register's import belongs to `pegawai`, which may use
`instansi`; never the other way round). Set-based like the pegawai import: the units, the
existing jabatan and the names already taken are each loaded in one query.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from instansi.choices import (
    Eselon,
    Golongan,
    JenisJabatan,
    Jenjang,
    baca_golongan,
    baca_pendidikan,
)
from instansi.models import Jabatan, UnitKerja
from instansi.signals import jabatan_berubah
from mutasi_asn.impor_kontrak import (
    BARU,
    DIUBAH,
    TETAP,
    HasilImpor,
    KontrakImpor,
    daftarkan_impor,
    tulis_massal,
)
from mutasi_asn.impor_xlsx import (
    PESAN_BARIS_CONTOH,
    KolomImpor,
    LembarData,
    NilaiTidakSah,
    baca_kunci,
    bilangan_bulat,
    kutip,
    muat_per,
    per_potongan,
    pilihan_dari,
    pk_terjangkau,
    tandai_duplikat,
    teks,
    tiap_baris,
    ya_tidak,
)

KOLOM = [
    KolomImpor(
        "kode",
        "Kode Jabatan",
        ("Kode", "Kd Jabatan", "ID Jabatan", "Kode Jab"),
        wajib=True,
        keterangan="Kode unik jabatan. Kode yang sudah ada berarti jabatan itu diperbarui.",
        contoh="J900001",
        sebagai_teks=True,
    ),
    KolomImpor(
        "nama",
        "Nama Jabatan",
        ("Jabatan", "Nama Jab"),
        wajib=True,
        keterangan="Nama jabatan; unik di dalam satu unit kerja.",
        contoh="Analis Kepegawaian Ahli Muda",
    ),
    KolomImpor(
        "kode_unit",
        "Kode Unit Kerja",
        ("Kode Unit", "Kode Unor", "Kd Unit Kerja", "Kode Unit Organisasi"),
        wajib=True,
        keterangan="Kode unit kerja tempat jabatan ini, seperti di daftar Unit kerja.",
        contoh="U000001",
        sebagai_teks=True,
    ),
    KolomImpor(
        "jenis",
        "Jenis Jabatan",
        ("Jenis", "Jenis Jab"),
        keterangan="JPT, Administrator, Pengawas, Pelaksana, atau Fungsional. Wajib untuk "
        "jabatan baru.",
        contoh="Fungsional",
    ),
    KolomImpor(
        "jenjang",
        "Jenjang",
        ("Jenjang Jabatan", "Jenjang Fungsional"),
        keterangan="Wajib untuk jabatan fungsional: Ahli Pertama, Ahli Muda, Ahli Madya, Ahli "
        "Utama, Pemula, Terampil, Mahir, Penyelia (JPT: JPT Pratama).",
        contoh="Ahli Muda",
    ),
    KolomImpor(
        "eselon",
        "Eselon",
        ("Esselon", "Eselon Jabatan"),
        keterangan="Wajib untuk administrator dan pengawas: II.a, II.b, III.a, III.b, IV.a, IV.b.",
    ),
    KolomImpor(
        "kelas_jabatan",
        "Kelas Jabatan",
        ("Kelas", "Kelas Jab", "Grade"),
        keterangan="Angka 1 sampai 17. Wajib untuk jabatan baru.",
        contoh=9,
    ),
    KolomImpor(
        "pendidikan_minimal",
        "Pendidikan Minimal",
        ("Pendidikan Min", "Syarat Pendidikan", "Pendidikan"),
        keterangan="Mis. SMA, D-III, S1.",
        contoh="S1",
    ),
    KolomImpor(
        "bidang_studi",
        "Bidang Studi",
        ("Syarat Bidang Studi", "Jurusan"),
        keterangan="Pisahkan dengan koma; kosong berarti semua bidang studi.",
        contoh="Manajemen SDM, Psikologi",
    ),
    KolomImpor(
        "golongan_minimal",
        "Golongan Minimal",
        ("Gol Min", "Golongan Min", "Pangkat/Gol Minimal"),
        contoh="III/c",
    ),
    KolomImpor(
        "golongan_maksimal",
        "Golongan Maksimal",
        ("Gol Maks", "Golongan Maks", "Gol Max", "Pangkat/Gol Maksimal"),
        contoh="III/d",
    ),
    KolomImpor("aktif", "Aktif", (), keterangan="Ya atau Tidak. Kosong = Ya.", contoh="Ya"),
]
LABEL = {k.nama: k.label for k in KOLOM}
LABEL_FIELD = {**LABEL, "unit_kerja": LABEL["kode_unit"]}
PETUNJUK = [
    "Satu baris untuk satu jabatan. Baris pertama lembar data adalah judul kolom.",
    "Kolom berjudul merah wajib ada. Untuk jabatan yang sudah ada, sel kosong berarti nilainya "
    "tidak diubah.",
    "Semua baris diperiksa lebih dulu; bila ada satu saja baris yang salah, tidak ada data yang "
    "disimpan.",
    "Hapus baris contoh sebelum mengunggah.",
]
CONTOH = [[k.contoh for k in KOLOM]]

FIELD_UBAH = [
    "unit_kerja",
    "nama",
    "jenis",
    "jenjang",
    "eselon",
    "kelas_jabatan",
    "pendidikan_minimal",
    "bidang_studi",
    "golongan_minimal",
    "golongan_maksimal",
    "aktif",
]


baca_jenis = pilihan_dari(
    JenisJabatan,
    {
        "jfu": JenisJabatan.PELAKSANA,
        "fungsionalumum": JenisJabatan.PELAKSANA,
        "jft": JenisJabatan.FUNGSIONAL,
        "jf": JenisJabatan.FUNGSIONAL,
        "fungsionaltertentu": JenisJabatan.FUNGSIONAL,
        "jabatanfungsional": JenisJabatan.FUNGSIONAL,
        "jabatanpelaksana": JenisJabatan.PELAKSANA,
        "jabatanadministrator": JenisJabatan.ADMINISTRATOR,
        "jabatanpengawas": JenisJabatan.PENGAWAS,
    },
)
baca_jenjang = pilihan_dari(Jenjang)
baca_eselon = pilihan_dari(Eselon)


def baca_golongan_pns(nilai):
    g = baca_golongan(nilai)
    if g is not None and g > 100:
        raise NilaiTidakSah(f"{kutip(teks(nilai))} bukan golongan PNS; tulis seperti III/a.")
    return g


@dataclass
class RencanaJabatan:
    baru: list[Jabatan] = field(default_factory=list)
    ubah: list[tuple[Jabatan, tuple[str, ...]]] = field(default_factory=list)  # with its fields
    unit_tersentuh: set[int] = field(default_factory=set)  # before and after, for the ABK


def periksa(
    lembar: LembarData,
    *,
    actor=None,
    opsi: dict | None = None,
    kunci: bool = False,
    progres: Callable[[int], None] | None = None,
) -> HasilImpor:
    hasil = HasilImpor(jumlah_baris=len(lembar.baris), kolom_diabaikan=lembar.diabaikan)
    galat = hasil.galat

    kode_baris, ganda = baca_kunci(lembar, "kode", teks, galat, "Kode jabatan")

    semua_kode = {k for _, k in kode_baris if k}
    kode_unit = {teks(raw.get("kode_unit")) for _, raw in lembar.baris} - {""}
    qs_jabatan = Jabatan.objects.all()
    if kunci:
        qs_jabatan = qs_jabatan.select_for_update()
    ada_di_db: dict[str, Jabatan] = muat_per(qs_jabatan, "kode", semua_kode)
    terjangkau = pk_terjangkau(Jabatan.objects, actor, [j.pk for j in ada_di_db.values()])
    qs_unit = UnitKerja.objects.all() if actor is None else UnitKerja.objects.for_user(actor)
    unit: dict[str, UnitKerja] = muat_per(qs_unit, "kode", kode_unit)
    # Names already taken in those units, by jabatan not in this file under the same kode.
    nama_terpakai: dict[tuple[int, str], str] = {}
    for potong in per_potongan([u.pk for u in unit.values()]):
        for unit_id, nama, kode in Jabatan.objects.filter(unit_kerja_id__in=potong).values_list(
            "unit_kerja_id", "nama", "kode"
        ):
            nama_terpakai[(unit_id, nama)] = kode
    rencana = RencanaJabatan()
    nama_di_berkas: list[tuple[int, str]] = []
    diterima: list[tuple[int, Jabatan | None, Jabatan, list[str]]] = []

    for b, (nomor, kode) in zip(tiap_baris(lembar, progres), kode_baris, strict=True):
        ambil = b.ambil
        galat_baris = b.galat
        gagal = b.gagal

        nilai = {
            "nama": ambil("nama", teks),
            "jenis": ambil("jenis", baca_jenis),
            "jenjang": ambil("jenjang", baca_jenjang),
            "eselon": ambil("eselon", baca_eselon),
            "kelas_jabatan": ambil("kelas_jabatan", bilangan_bulat),
            "pendidikan_minimal": ambil("pendidikan_minimal", baca_pendidikan),
            "bidang_studi": ambil("bidang_studi", teks),
            "golongan_minimal": ambil("golongan_minimal", baca_golongan_pns),
            "golongan_maksimal": ambil("golongan_maksimal", baca_golongan_pns),
            "aktif": ambil("aktif", ya_tidak),
        }
        kode_u = ambil("kode_unit", teks)
        if kode == CONTOH[0][0] and nilai["nama"] == CONTOH[0][1]:
            b.tambah("", PESAN_BARIS_CONTOH)
        lama = ada_di_db.get(kode) if kode else None
        if lama is not None and lama.pk not in terjangkau:
            b.tambah(
                "kode",
                f"Jabatan {kode} berada di luar cakupan instansi Anda; hapus baris ini.",
            )
            galat.extend(galat_baris)
            continue
        obj = copy.copy(lama) if lama is not None else Jabatan(kode=kode)
        sebelum = {f: getattr(obj, f"{f}_id" if f == "unit_kerja" else f) for f in FIELD_UBAH}
        if lama is None:
            b.wajib_diisi(
                {
                    "nama": nilai["nama"],
                    "kode_unit": kode_u,
                    "jenis": nilai["jenis"],
                    "kelas_jabatan": nilai["kelas_jabatan"],
                },
                "jabatan",
            )
        if kode_u:
            u = unit.get(kode_u)
            if u is None:
                b.tambah(
                    "kode_unit",
                    f"Kode unit kerja {kutip(kode_u)} tidak ada di register (atau di luar "
                    "cakupan Anda). Periksa kodenya di daftar Unit kerja.",
                )
                gagal.add("kode_unit")
            else:
                obj.unit_kerja = u
        for f, v in nilai.items():
            if v not in (None, ""):
                setattr(obj, f, v)
        if lama is None and nilai["aktif"] is None:
            obj.aktif = True
        if (
            obj.golongan_minimal
            and obj.golongan_maksimal
            and obj.golongan_minimal > obj.golongan_maksimal
        ):
            b.tambah(
                "golongan_minimal",
                f"Golongan minimal {Golongan(obj.golongan_minimal).label} lebih tinggi dari "
                f"golongan maksimal {Golongan(obj.golongan_maksimal).label}; tukar keduanya.",
            )
        b.periksa_model(obj, {"unit_kerja", "kode", *gagal}, LABEL_FIELD)
        if obj.unit_kerja_id and obj.nama:
            nama_di_berkas.append((nomor, f"{obj.unit_kerja_id}\u0000{obj.nama}"))
            pemilik = nama_terpakai.get((obj.unit_kerja_id, obj.nama))
            if pemilik and pemilik != kode and pemilik not in semua_kode:
                b.tambah(
                    "nama",
                    f"Unit kerja ini sudah punya jabatan bernama {kutip(obj.nama)} (kode "
                    f"{pemilik}); pakai kode itu untuk memperbaruinya, atau beri nama lain.",
                )
        if galat_baris or nomor in ganda:
            galat.extend(galat_baris)
            continue
        berubah = [
            f
            for f in FIELD_UBAH
            if lama is not None
            and getattr(obj, f"{f}_id" if f == "unit_kerja" else f) != sebelum[f]
        ]
        diterima.append((nomor, lama, obj, berubah))
    # The same name twice in one unit within the file.
    tandai_duplikat(
        nama_di_berkas,
        LABEL["nama"],
        galat,
        "Jabatan",
        pesan=lambda kunci_nama, lain: (
            f"Jabatan {kutip(kunci_nama.split(chr(0), 1)[1])} muncul dua kali di unit kerja "
            f"yang sama (juga di baris {lain}); nama jabatan harus unik di dalam satu unit."
        ),
    )
    # Counted only now: a name clash found after the loop also rejects its rows.
    bermasalah = {g.baris for g in galat}
    for nomor, lama, obj, berubah in diterima:
        if nomor in bermasalah:
            continue
        if lama is None:
            rencana.baru.append(obj)
            rencana.unit_tersentuh.add(obj.unit_kerja_id)
            aksi = BARU
        elif berubah:
            rencana.ubah.append((obj, tuple(berubah)))
            rencana.unit_tersentuh |= {lama.unit_kerja_id, obj.unit_kerja_id}
            aksi = DIUBAH
        else:
            aksi = TETAP
        hasil.catat(nomor, aksi, _contoh, obj, berubah)
    return hasil.selesai(rencana)


def _contoh(obj: Jabatan, berubah: list[str]) -> dict:
    """A row of the preview's sample."""
    return {
        "kode": obj.kode,
        "nama": obj.nama,
        "jenis": obj.get_jenis_display(),
        "kelas": obj.kelas_jabatan,
        "unit": obj.unit_kerja.nama,
        "keterangan": "diubah: " + ", ".join(berubah) if berubah else "",
    }


@transaction.atomic
def tulis(
    hasil: HasilImpor,
    *,
    actor,
    opsi: dict | None = None,
    progres: Callable[[int], None] | None = None,
) -> None:
    rencana: RencanaJabatan = hasil.rencana
    tulis_massal(Jabatan, rencana.baru, rencana.ubah, actor=actor, progres=progres)
    # As `instansi.services.jabatan_simpan` does, once for the whole file: the ABK listens.
    ditulis = {j.pk for j in rencana.baru} | {j.pk for j, _ in rencana.ubah}
    if ditulis:
        jabatan_berubah.send(
            sender=Jabatan, jabatan_ids=ditulis, unit_kerja_ids=rencana.unit_tersentuh
        )
    if progres:
        progres(hasil.jumlah_baris)


KONTRAK = daftarkan_impor(
    KontrakImpor(
        jenis="jabatan",
        label="Jabatan",
        kolom=KOLOM,
        periksa=periksa,
        tulis=tulis,
        izin="instansi.add_jabatan",
        url_unggah="pegawai:impor_jabatan",
        url_daftar="instansi:jabatan_list",
        kolom_contoh=[
            ("kode", "Kode"),
            ("nama", "Jabatan"),
            ("jenis", "Jenis"),
            ("kelas", "Kelas"),
            ("unit", "Unit kerja"),
            ("keterangan", "Keterangan"),
        ],
        contoh=CONTOH,
        petunjuk=PETUNJUK,
    )
)
