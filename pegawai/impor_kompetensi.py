"""Imports of a pegawai's competency facts from .xlsx: training (diklat), SKP, certifications and
assessment results — four kinds of the shared import flow (`mutasi_asn.impor_kontrak`), so each
has the same preview with every row error and its row number, and the same all-or-nothing
commit in the background as the register's imports.

Every row names its pegawai by NIP (within the importer's scope). A row that is already there
(the same training in the same year; the SKP of that year; the certificate with that number; the
assessment of that competency on that date) is updated or left as it is, so importing a file
twice changes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from instansi.choices import JenisPelatihan
from instansi.models_kompetensi import JenisSertifikasi, Kompetensi, ProgramPelatihan
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
    BacaanBaris,
    GalatBaris,
    KolomImpor,
    LembarData,
    NilaiTidakSah,
    bilangan_bulat,
    kutip,
    muat_per,
    pilihan,
    pilihan_dari,
    tanggal,
    teks,
    tiap_baris,
)

from .choices import RatingSKP
from .impor_pegawai import baca_nip
from .kompetensi import predikat_skp
from .models import Pegawai
from .models_kompetensi import HasilAsesmen, RiwayatPelatihan, SertifikasiPegawai, SKPTahunan
from .services_kompetensi import segarkan_skp_pegawai

KOLOM_NIP = KolomImpor(
    "nip",
    "NIP",
    ("NIP Baru", "NIP/NI", "NIP pegawai"),
    wajib=True,
    keterangan="NIP 18 angka pegawai yang sudah ada di register (boleh dengan spasi).",
    contoh="19860926 201505 1 001",
    sebagai_teks=True,
    lebar=24,
)


@dataclass
class Rencana:
    baru: list = field(default_factory=list)
    ubah: list = field(default_factory=list)  # (object, changed fields)
    pegawai_ids: set[int] = field(default_factory=set)


def _tahun(nilai) -> int | None:
    n = bilangan_bulat(nilai)
    if n is not None and not 1960 <= n <= 2100:
        raise NilaiTidakSah(f"{n} bukan tahun yang masuk akal (1960–2100).")
    return n


def _teks_maks(maks: int) -> Callable:
    def baca(nilai):
        s = teks(nilai)
        if len(s) > maks:
            raise NilaiTidakSah(f"lebih dari {maks} karakter.")
        return s

    return baca


def _pegawai(lembar: LembarData, actor) -> dict[str, Pegawai]:
    """The pegawai the file names, by NIP, within the importer's scope (one query per 2,000)."""
    nip = set()
    for _, raw in lembar.baris:
        with contextlib.suppress(NilaiTidakSah):
            nip.add(baca_nip(raw.get("nip")))
    qs = Pegawai.objects.all() if actor is None else Pegawai.objects.for_user(actor)
    return muat_per(qs.only("pk", "nip", "nama"), "nip", nip)


def _baris_pegawai(b: BacaanBaris, pegawai: dict) -> Pegawai | None:
    nip = b.ambil("nip", baca_nip)
    if nip and nip not in pegawai:
        b.tambah(
            "nip",
            f"NIP {kutip(nip)} tidak ada di register (atau di luar instansi Anda); impor "
            "pegawainya dahulu.",
        )
        return None
    return pegawai.get(nip) if nip else None


def _yang_ada(model, pegawai: dict, kunci: bool):
    """The rows already recorded for the pegawai of the file (locked for the commit)."""
    ids = [p.pk for p in pegawai.values()]
    hasil = []
    for i in range(0, len(ids), 2000):
        qs = model.objects.filter(pegawai_id__in=ids[i : i + 2000])
        hasil.extend(qs.select_for_update() if kunci else qs)
    return hasil


def _contoh_baris(b: BacaanBaris, kolom: list[KolomImpor]) -> bool:
    """The template's example row (every column as the example) is refused, not imported."""
    return all(teks(b.raw.get(k.nama)) == teks(k.contoh) for k in kolom if k.contoh != "")


def _jalankan(lembar, kolom, progres, baca_satu, pegawai: dict, hasil: HasilImpor):
    rencana = Rencana()
    kunci_file: dict = {}
    for b in tiap_baris(lembar, progres):
        if _contoh_baris(b, kolom):
            b.tambah("", PESAN_BARIS_CONTOH)
            hasil.galat.extend(b.galat)
            continue
        p = _baris_pegawai(b, pegawai)
        hasil_baris = baca_satu(b, p)
        if b.galat or hasil_baris is None:
            hasil.galat.extend(b.galat)
            continue
        kunci, aksi, obj, fields, contoh = hasil_baris
        if kunci in kunci_file:
            b.tambah("", f"Baris ini sama dengan baris {kunci_file[kunci]}; hapus salah satunya.")
            hasil.galat.extend(b.galat)
            continue
        kunci_file[kunci] = b.nomor
        if aksi == BARU:
            rencana.baru.append(obj)
        elif aksi == DIUBAH:
            rencana.ubah.append((obj, fields))
        rencana.pegawai_ids.add(p.pk)
        hasil.catat(b.nomor, aksi, lambda c=contoh, pg=p: {"nip": pg.nip, "nama": pg.nama, **c})
    if not lembar.baris:
        hasil.galat.append(GalatBaris(0, "", "Berkas tidak berisi baris data."))
    return hasil.selesai(rencana)


def _isi(obj, data: dict) -> tuple[str, ...]:
    """Set `data` on an existing row; the fields that really changed."""
    berubah = tuple(sorted(f for f, v in data.items() if getattr(obj, f) != v))
    for f in berubah:
        setattr(obj, f, data[f])
    return berubah


def _tulis(model, setelah: Callable | None = None):
    def tulis(hasil: HasilImpor, *, actor, opsi=None, progres=None) -> None:
        rencana: Rencana = hasil.rencana
        tulis_massal(model, rencana.baru, rencana.ubah, actor=actor, progres=progres)
        if setelah:
            setelah(rencana)

    return tulis


# --- training (diklat) ----------------------------------------------------------------------

KOLOM_PELATIHAN = [
    KOLOM_NIP,
    KolomImpor(
        "nama",
        "Nama pelatihan",
        ("Pelatihan", "Diklat", "Nama diklat"),
        wajib=True,
        contoh="Pelatihan Kepemimpinan Pengawas (PKP)",
        lebar=40,
    ),
    KolomImpor(
        "jenis",
        "Jenis",
        ("Jenis pelatihan", "Jenis diklat"),
        wajib=True,
        keterangan="Teknis, Fungsional atau Kepemimpinan.",
        contoh="Kepemimpinan",
    ),
    KolomImpor(
        "jam_pelajaran",
        "Jam pelajaran (JP)",
        ("JP", "Jam pelajaran", "Jumlah JP", "Jam"),
        wajib=True,
        contoh=120,
    ),
    KolomImpor("tahun", "Tahun", ("Tahun pelaksanaan", "Tahun diklat"), wajib=True, contoh=2025),
    KolomImpor(
        "penyelenggara",
        "Penyelenggara",
        ("Lembaga", "Instansi penyelenggara"),
        contoh="BPSDM Provinsi Sumatera Utara",
        lebar=32,
    ),
    KolomImpor("nomor_sertifikat", "Nomor sertifikat", ("No sertifikat", "Nomor STTPP"), contoh=""),
    KolomImpor(
        "kode_program",
        "Kode program",
        ("Program", "Kode pelatihan"),
        keterangan="Isi bila pelatihan ini program yang disyaratkan jabatan (mis. PKP, PKA, "
        "JF-PERAWAT); lihat daftar program pelatihan di admin.",
        contoh="PKP",
        sebagai_teks=True,
    ),
]
PANJANG_PELATIHAN = {
    f: RiwayatPelatihan._meta.get_field(f).max_length
    for f in ("nama", "penyelenggara", "nomor_sertifikat")
}
baca_jenis_pelatihan = pilihan_dari(JenisPelatihan, {"diklatpim": JenisPelatihan.KEPEMIMPINAN})
baca_nama_pelatihan = _teks_maks(PANJANG_PELATIHAN["nama"])
baca_teks_200 = _teks_maks(200)
baca_teks_100 = _teks_maks(100)


def periksa_pelatihan(lembar, *, actor=None, opsi=None, kunci=False, progres=None) -> HasilImpor:
    hasil = HasilImpor(jumlah_baris=len(lembar.baris), kolom_diabaikan=lembar.diabaikan)
    program = {p.kode.upper(): p for p in ProgramPelatihan.objects.all()}
    pegawai = _pegawai(lembar, actor)
    ada = {
        (r.pegawai_id, r.nama.lower(), r.tahun): r
        for r in _yang_ada(RiwayatPelatihan, pegawai, kunci)
    }

    def baca(b: BacaanBaris, p):
        data = {
            "nama": b.ambil("nama", baca_nama_pelatihan),
            "jenis": b.ambil("jenis", baca_jenis_pelatihan),
            "jam_pelajaran": b.ambil("jam_pelajaran", bilangan_bulat),
            "tahun": b.ambil("tahun", _tahun),
        }
        b.wajib_diisi(dict(data.items()), "pelatihan")
        data["penyelenggara"] = b.ambil("penyelenggara", baca_teks_200) or ""
        data["nomor_sertifikat"] = b.ambil("nomor_sertifikat", baca_teks_100) or ""
        kode = (b.ambil("kode_program", teks) or "").upper()
        data["program"] = None
        if kode:
            if kode not in program:
                b.tambah("kode_program", f"Kode program {kutip(kode)} tidak dikenal.")
            else:
                data["program"] = program[kode]
        jp = data["jam_pelajaran"]
        if jp is not None and not 1 <= jp <= 2000:
            b.tambah("jam_pelajaran", "Jam pelajaran harus antara 1 dan 2.000.")
        if b.galat or p is None:
            return None
        lama = ada.get((p.pk, data["nama"].lower(), data["tahun"]))
        contoh = {"pelatihan": data["nama"], "tahun": data["tahun"], "jp": jp}
        kunci_ = (p.pk, data["nama"].lower(), data["tahun"])
        if lama is None:
            return kunci_, BARU, RiwayatPelatihan(pegawai_id=p.pk, **data), (), contoh
        berubah = _isi(lama, data)
        return kunci_, (DIUBAH if berubah else TETAP), lama, berubah, contoh

    return _jalankan(lembar, KOLOM_PELATIHAN, progres, baca, pegawai, hasil)


# --- SKP ------------------------------------------------------------------------------------

_RATING = {
    "dibawah": RatingSKP.DI_BAWAH,
    "dibawahekspektasi": RatingSKP.DI_BAWAH,
    "sesuai": RatingSKP.SESUAI,
    "sesuaiekspektasi": RatingSKP.SESUAI,
    "diatas": RatingSKP.DI_ATAS,
    "diatasekspektasi": RatingSKP.DI_ATAS,
}
baca_rating = pilihan(_RATING, "isi Di bawah, Sesuai atau Di atas (ekspektasi).")
KOLOM_SKP = [
    KOLOM_NIP,
    KolomImpor("tahun", "Tahun", ("Tahun SKP", "Periode"), wajib=True, contoh=2025),
    KolomImpor(
        "hasil_kerja",
        "Hasil kerja",
        ("Rating hasil kerja", "Hasil"),
        wajib=True,
        keterangan="Di bawah, Sesuai atau Di atas ekspektasi.",
        contoh="Di atas ekspektasi",
    ),
    KolomImpor(
        "perilaku_kerja",
        "Perilaku kerja",
        ("Rating perilaku kerja", "Perilaku"),
        wajib=True,
        keterangan="Di bawah, Sesuai atau Di atas ekspektasi.",
        contoh="Sesuai ekspektasi",
    ),
]


def periksa_skp(lembar, *, actor=None, opsi=None, kunci=False, progres=None) -> HasilImpor:
    hasil = HasilImpor(jumlah_baris=len(lembar.baris), kolom_diabaikan=lembar.diabaikan)
    pegawai = _pegawai(lembar, actor)
    ada = {(s.pegawai_id, s.tahun): s for s in _yang_ada(SKPTahunan, pegawai, kunci)}

    def baca(b: BacaanBaris, p):
        data = {
            "tahun": b.ambil("tahun", _tahun),
            "hasil_kerja": b.ambil("hasil_kerja", baca_rating),
            "perilaku_kerja": b.ambil("perilaku_kerja", baca_rating),
        }
        b.wajib_diisi(dict(data), "SKP")
        if b.galat or p is None:
            return None
        contoh = {
            "tahun": data["tahun"],
            "predikat": predikat_skp(data["hasil_kerja"], data["perilaku_kerja"]),
        }
        kunci_ = (p.pk, data["tahun"])
        lama = ada.get(kunci_)
        if lama is None:
            return kunci_, BARU, SKPTahunan(pegawai_id=p.pk, **data), (), contoh
        berubah = _isi(lama, data)
        return kunci_, (DIUBAH if berubah else TETAP), lama, berubah, contoh

    return _jalankan(lembar, KOLOM_SKP, progres, baca, pegawai, hasil)


# --- certifications -------------------------------------------------------------------------

KOLOM_SERTIFIKASI = [
    KOLOM_NIP,
    KolomImpor(
        "jenis",
        "Jenis sertifikasi",
        ("Kode sertifikasi", "Sertifikasi", "Jenis"),
        wajib=True,
        keterangan="Kode atau nama jenis sertifikasi seperti di admin (mis. STR-PERAWAT, SERDIK).",
        contoh="STR-PERAWAT",
        sebagai_teks=True,
    ),
    KolomImpor(
        "nomor",
        "Nomor",
        ("Nomor sertifikat", "No", "Nomor STR"),
        wajib=True,
        contoh="STR/0012/2022",
        sebagai_teks=True,
    ),
    KolomImpor(
        "tanggal_terbit", "Tanggal terbit", ("Terbit", "Tanggal"), wajib=True, contoh="10/01/2022"
    ),
    KolomImpor(
        "berlaku_sampai",
        "Berlaku sampai",
        ("Masa berlaku", "Tanggal berakhir", "Berlaku s.d."),
        keterangan="Kosongkan bila berlaku seumur hidup.",
        contoh="09/01/2027",
    ),
    KolomImpor("penerbit", "Penerbit", ("Diterbitkan oleh",), contoh="Konsil Kesehatan Indonesia"),
]


def periksa_sertifikasi(lembar, *, actor=None, opsi=None, kunci=False, progres=None) -> HasilImpor:
    hasil = HasilImpor(jumlah_baris=len(lembar.baris), kolom_diabaikan=lembar.diabaikan)
    jenis = {}
    for j in JenisSertifikasi.objects.all():
        jenis[j.kode.upper()] = j
        jenis[j.nama.upper()] = j
    pegawai = _pegawai(lembar, actor)
    ada = {
        (s.pegawai_id, s.jenis_sertifikasi_id, s.nomor): s
        for s in _yang_ada(SertifikasiPegawai, pegawai, kunci)
    }

    def baca(b: BacaanBaris, p):
        kode = (b.ambil("jenis", teks) or "").upper()
        data = {
            "nomor": b.ambil("nomor", _teks_maks(100)),
            "tanggal_terbit": b.ambil("tanggal_terbit", tanggal),
        }
        b.wajib_diisi({"jenis": kode, **data}, "sertifikasi")
        data["berlaku_sampai"] = b.ambil("berlaku_sampai", tanggal)
        data["penerbit"] = b.ambil("penerbit", baca_teks_200) or ""
        if kode and kode not in jenis:
            b.tambah("jenis", f"Jenis sertifikasi {kutip(kode)} tidak dikenal; lihat di admin.")
        terbit, sampai = data["tanggal_terbit"], data["berlaku_sampai"]
        if terbit and sampai and sampai < terbit:
            b.tambah("berlaku_sampai", "Tanggal berlaku sampai tidak boleh sebelum terbit.")
        if b.galat or p is None:
            return None
        j = jenis[kode]
        contoh = {
            "sertifikasi": j.kode,
            "nomor": data["nomor"],
            "sampai": sampai.strftime("%d/%m/%Y") if sampai else "seumur hidup",
        }
        kunci_ = (p.pk, j.pk, data["nomor"])
        lama = ada.get(kunci_)
        if lama is None:
            obj = SertifikasiPegawai(pegawai_id=p.pk, jenis_sertifikasi=j, **data)
            return kunci_, BARU, obj, (), contoh
        berubah = _isi(lama, data)
        return kunci_, (DIUBAH if berubah else TETAP), lama, berubah, contoh

    return _jalankan(lembar, KOLOM_SERTIFIKASI, progres, baca, pegawai, hasil)


# --- assessment results ---------------------------------------------------------------------

KOLOM_ASESMEN = [
    KOLOM_NIP,
    KolomImpor(
        "kompetensi",
        "Kode kompetensi",
        ("Kompetensi", "Kode"),
        wajib=True,
        keterangan="Kode di kamus kompetensi, mis. M.01 atau SK.01.",
        contoh="M.01",
        sebagai_teks=True,
    ),
    KolomImpor(
        "level",
        "Level",
        ("Level kompetensi", "Nilai"),
        wajib=True,
        keterangan="1 sampai 5.",
        contoh=3,
    ),
    KolomImpor(
        "tanggal", "Tanggal asesmen", ("Tanggal", "Tgl asesmen"), wajib=True, contoh="15/06/2025"
    ),
    KolomImpor(
        "sumber",
        "Sumber",
        ("Lembaga", "Asesor", "Metode"),
        wajib=True,
        contoh="UPT Penilaian Kompetensi BKD Provinsi Sumatera Utara",
        lebar=40,
    ),
]


def periksa_asesmen(lembar, *, actor=None, opsi=None, kunci=False, progres=None) -> HasilImpor:
    hasil = HasilImpor(jumlah_baris=len(lembar.baris), kolom_diabaikan=lembar.diabaikan)
    kompetensi = {k.kode.upper(): k for k in Kompetensi.objects.all()}
    pegawai = _pegawai(lembar, actor)
    ada = {
        (a.pegawai_id, a.kompetensi_id, a.tanggal): a
        for a in _yang_ada(HasilAsesmen, pegawai, kunci)
    }

    def baca(b: BacaanBaris, p):
        kode = (b.ambil("kompetensi", teks) or "").upper()
        data = {
            "level": b.ambil("level", bilangan_bulat),
            "tanggal": b.ambil("tanggal", tanggal),
            "sumber": b.ambil("sumber", _teks_maks(200)),
        }
        b.wajib_diisi({"kompetensi": kode, **data}, "hasil asesmen")
        if kode and kode not in kompetensi:
            b.tambah("kompetensi", f"Kode kompetensi {kutip(kode)} tidak ada di kamus.")
        if data["level"] is not None and not 1 <= data["level"] <= 5:
            b.tambah("level", "Level harus 1 sampai 5.")
        if b.galat or p is None:
            return None
        k = kompetensi[kode]
        contoh = {"kompetensi": k.kode, "level": data["level"]}
        kunci_ = (p.pk, k.pk, data["tanggal"])
        lama = ada.get(kunci_)
        if lama is None:
            return kunci_, BARU, HasilAsesmen(pegawai_id=p.pk, kompetensi=k, **data), (), contoh
        berubah = _isi(lama, {"level": data["level"], "sumber": data["sumber"]})
        return kunci_, (DIUBAH if berubah else TETAP), lama, berubah, contoh

    return _jalankan(lembar, KOLOM_ASESMEN, progres, baca, pegawai, hasil)


# --- the four contracts ---------------------------------------------------------------------


def _kontrak(jenis, label, kolom, periksa, model, izin, kolom_contoh, petunjuk, setelah=None):
    return daftarkan_impor(
        KontrakImpor(
            jenis=jenis,
            label=label,
            kolom=kolom,
            periksa=periksa,
            tulis=_tulis(model, setelah),
            izin=izin,
            url_unggah=f"pegawai:impor_{jenis}",
            url_daftar="pegawai:pegawai_list",
            kolom_contoh=[("nip", "NIP"), ("nama", "Nama"), *kolom_contoh],
            contoh=[[k.contoh for k in kolom]],
            petunjuk=petunjuk,
        )
    )


KONTRAK_PELATIHAN = _kontrak(
    "pelatihan",
    "Riwayat pelatihan",
    KOLOM_PELATIHAN,
    periksa_pelatihan,
    RiwayatPelatihan,
    "pegawai.add_riwayatpelatihan",
    [("pelatihan", "Pelatihan"), ("tahun", "Tahun"), ("jp", "JP")],
    [
        "Satu baris = satu pelatihan yang diikuti seorang pegawai.",
        "Pelatihan dengan nama dan tahun yang sama untuk pegawai yang sama diperbarui, bukan "
        "ditambah.",
    ],
)
KONTRAK_SKP = _kontrak(
    "skp",
    "SKP tahunan",
    KOLOM_SKP,
    periksa_skp,
    SKPTahunan,
    "pegawai.add_skptahunan",
    [("tahun", "Tahun"), ("predikat", "Predikat")],
    [
        "Satu baris = SKP satu pegawai untuk satu tahun; predikat dihitung dari kedua rating.",
        "SKP tahun yang sudah ada untuk pegawai itu diperbarui.",
    ],
    setelah=lambda rencana: segarkan_skp_pegawai(rencana.pegawai_ids),
)
KONTRAK_SERTIFIKASI = _kontrak(
    "sertifikasi",
    "Sertifikasi pegawai",
    KOLOM_SERTIFIKASI,
    periksa_sertifikasi,
    SertifikasiPegawai,
    "pegawai.add_sertifikasipegawai",
    [("sertifikasi", "Sertifikasi"), ("nomor", "Nomor"), ("sampai", "Berlaku sampai")],
    [
        "Satu baris = satu sertifikat (STR, sertifikat pendidik, …) seorang pegawai.",
        "Sertifikat dengan jenis dan nomor yang sama diperbarui (mis. tanggal berlakunya).",
    ],
)
KONTRAK_ASESMEN = _kontrak(
    "asesmen",
    "Hasil asesmen kompetensi",
    KOLOM_ASESMEN,
    periksa_asesmen,
    HasilAsesmen,
    "pegawai.add_hasilasesmen",
    [("kompetensi", "Kompetensi"), ("level", "Level")],
    [
        "Satu baris = level satu kompetensi seorang pegawai pada satu asesmen.",
        "Hasil untuk kompetensi dan tanggal yang sama diperbarui.",
    ],
)
