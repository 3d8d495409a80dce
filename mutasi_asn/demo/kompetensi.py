"""Demo competency data: a standard for every demo jabatan and a plausible history for every
demo pegawai — training hours, certifications for nurses, midwives, doctors, pharmacists and
teachers (a few expired), two years of SKP with a realistic spread, and assessment results for
about a third of them. Deterministic per seed and written with bulk inserts.

The spread is chosen so that the talent page and the eligibility checks show something real:
most SKP are Baik, about one in ten Sangat Baik and a few below expectation; about one STR in
ten has lapsed; a fifth of the pengawas have not yet followed PKP.
"""

import datetime
import random

from django.db import connection, transaction

from instansi.choices import JenisJabatan, JenisPelatihan, Jenjang
from instansi.models import Jabatan
from instansi.models_kompetensi import (
    JenisSertifikasi,
    Kompetensi,
    ProgramPelatihan,
    StandarKompetensiJabatan,
    SyaratPelatihanJabatan,
    SyaratSertifikasiJabatan,
)
from pegawai.kompetensi import predikat_skp
from pegawai.models import Pegawai
from pegawai.models_kompetensi import (
    HasilAsesmen,
    RiwayatPelatihan,
    SertifikasiPegawai,
    SKPTahunan,
)

MANAJERIAL = [f"M.0{i}" for i in range(1, 9)] + ["SK.01"]

# Standard level of the manajerial and sosial kultural competencies per kind of jabatan.
LEVEL_JENIS = {
    JenisJabatan.JPT: 4,
    JenisJabatan.ADMINISTRATOR: 3,
    JenisJabatan.PENGAWAS: 2,
    JenisJabatan.PELAKSANA: 1,
}
LEVEL_JENJANG = {
    Jenjang.AHLI_PERTAMA: 2,
    Jenjang.AHLI_MUDA: 2,
    Jenjang.AHLI_MADYA: 3,
    Jenjang.AHLI_UTAMA: 4,
}
PELATIHAN_JENIS = {
    JenisJabatan.JPT: "PKN-II",
    JenisJabatan.ADMINISTRATOR: "PKA",
    JenisJabatan.PENGAWAS: "PKP",
}
# name prefix → (certification, technical competencies, functional training)
PROFESI = {
    "Perawat": ("STR-PERAWAT", ["T.KES.01"], "JF-PERAWAT"),
    "Bidan": ("STR-BIDAN", ["T.KES.02"], "JF-BIDAN"),
    "Dokter": ("STR-DOKTER", ["T.KES.04"], None),
    "Apoteker": ("STRA", ["T.KES.03"], None),
    "Guru": ("SERDIK", ["T.PEND.01", "T.PEND.02"], "JF-GURU"),
    "Analis Sumber Daya Manusia": (None, ["T.SDM.01"], "JF-ASN"),
    "Pranata Komputer": (None, ["T.TI.01"], "JF-PRAKOM"),
    "Pengelola Keuangan": (None, ["T.KEU.01"], None),
    "Pengadministrasi Pemerintahan": (None, ["T.PEM.01"], None),
}
PELATIHAN_UMUM = [
    ("Pelatihan Pelayanan Prima", JenisPelatihan.TEKNIS, "PELAYANAN"),
    ("Pelatihan Penatausahaan Keuangan Daerah", JenisPelatihan.TEKNIS, "KEU-DAERAH"),
    ("Pelatihan Pengadaan Barang/Jasa Tingkat Dasar", JenisPelatihan.TEKNIS, "PBJ-DASAR"),
    ("Bimbingan Teknis Penyusunan SKP", JenisPelatihan.TEKNIS, None),
    ("Bimbingan Teknis Aplikasi SRIKANDI", JenisPelatihan.TEKNIS, None),
    ("Pelatihan Literasi Digital ASN", JenisPelatihan.TEKNIS, None),
    ("Workshop Manajemen Risiko", JenisPelatihan.TEKNIS, None),
]
PENYELENGGARA = [
    "BKPSDM Kota Pematangsiantar",
    "BPSDM Provinsi Sumatera Utara",
    "Lembaga Administrasi Negara",
    "BKN Kantor Regional VI Medan",
]
SUMBER_ASESMEN = [
    "UPT Penilaian Kompetensi BKD Provinsi Sumatera Utara",
    "Assessment Center BKN Kantor Regional VI Medan",
]
TAHUN_SKP = (2024, 2025)


def _sisip(model, kolom: list[str], baris: list[tuple]) -> int:
    """Insert plain tuples with one prepared statement: the demo writes ~90,000 rows, and
    building a model instance per row (bulk_create) took most of the seeding time."""
    meta = model._meta
    qn = connection.ops.quote_name
    kolom_db = ", ".join(qn(meta.get_field(f).column) for f in kolom)
    tanda = ", ".join(["%s"] * len(kolom))
    with connection.cursor() as cur:
        cur.executemany(f"INSERT INTO {qn(meta.db_table)} ({kolom_db}) VALUES ({tanda})", baris)
    return len(baris)


def kompetensi_demo_sudah_ada() -> bool:
    return SKPTahunan.objects.exists()


def _profesi(nama: str):
    for awalan, isi in PROFESI.items():
        if nama.startswith(awalan):
            return isi
    return (None, [], None)


def _level_teknis(jabatan) -> int:
    return {Jenjang.AHLI_MUDA: 3, Jenjang.AHLI_MADYA: 4, Jenjang.MAHIR: 3}.get(jabatan.jenjang, 2)


def _rating(z: float, atas: float, bawah: float) -> str:
    if z > atas:
        return "di_atas"
    if z < bawah:
        return "di_bawah"
    return "sesuai"


def buat_standar_jabatan(kode: dict, sertifikasi: dict, program: dict) -> int:
    standar, syarat_s, syarat_p = [], [], []
    for j in Jabatan.objects.only("pk", "nama", "jenis", "jenjang").order_by("pk"):
        level = LEVEL_JENJANG.get(j.jenjang, LEVEL_JENIS.get(j.jenis, 1))
        standar.extend((j.pk, kode[k], level) for k in MANAJERIAL)
        sert, teknis, pelatihan = _profesi(j.nama)
        standar.extend((j.pk, kode[t], _level_teknis(j)) for t in teknis)
        if sert:
            syarat_s.append((j.pk, sertifikasi[sert].pk))
        for p in (PELATIHAN_JENIS.get(j.jenis), pelatihan):
            if p:
                syarat_p.append((j.pk, program[p].pk))
    _sisip(StandarKompetensiJabatan, ["jabatan", "kompetensi", "level"], standar)
    _sisip(SyaratSertifikasiJabatan, ["jabatan", "jenis_sertifikasi"], syarat_s)
    _sisip(SyaratPelatihanJabatan, ["jabatan", "program"], syarat_p)
    return len(standar)


@transaction.atomic
def buat_kompetensi_demo(*, seed: int = 2026, tanggal_acuan=None) -> dict:
    """Standards for every jabatan and a history for every pegawai; {} when already there."""
    if kompetensi_demo_sudah_ada():
        return {}
    acuan = tanggal_acuan or datetime.date(2026, 11, 1)
    rng = random.Random(seed * 31 + 7)
    kode = dict(Kompetensi.objects.values_list("kode", "pk"))
    sertifikasi = {s.kode: s for s in JenisSertifikasi.objects.all()}
    program = {p.kode: p for p in ProgramPelatihan.objects.all()}
    jumlah_standar = buat_standar_jabatan(kode, sertifikasi, program)

    skp, pelatihan, sert, asesmen = [], [], [], []
    legacy: dict[tuple[str, str], list[int]] = {}
    nomor = 0

    def latih(pk, prog, nama, jenis, jp, tahun, oleh):
        pelatihan.append((pk, prog.pk if prog else None, nama, jenis, jp, tahun, oleh, "", ""))

    for p in (
        Pegawai.objects.select_related("jabatan")
        .only("pk", "tmt_cpns", "jabatan__nama", "jabatan__jenis", "jabatan__jenjang")
        .order_by("pk")
    ):
        jabatan = p.jabatan
        kinerja = rng.gauss(0, 1)  # the person's steady performance, plus noise each year
        predikat = []
        for tahun in TAHUN_SKP:
            hasil = _rating(kinerja + rng.gauss(0, 0.6), 1.2, -1.9)
            perilaku = _rating(kinerja + rng.gauss(0, 0.6), 1.1, -2.3)
            skp.append((p.pk, tahun, hasil, perilaku, ""))
            predikat.insert(0, predikat_skp(hasil, perilaku))
        legacy.setdefault((predikat[0], predikat[1]), []).append(p.pk)
        mulai = max(2019, (p.tmt_cpns.year if p.tmt_cpns else 2019))
        sert_kode, teknis, pelatihan_jf = _profesi(jabatan.nama if jabatan else "")
        if p.tmt_cpns and p.tmt_cpns.year >= 2019:
            latih(
                p.pk,
                program["LATSAR"],
                program["LATSAR"].nama,
                JenisPelatihan.TEKNIS,
                285,
                min(acuan.year, p.tmt_cpns.year + 1),
                "BPSDM Provinsi Sumatera Utara",
            )
        wajib = [PELATIHAN_JENIS.get(jabatan.jenis) if jabatan else None, pelatihan_jf]
        for kode_p in filter(None, wajib):
            if rng.random() < 0.8:  # a fifth have not followed the required training yet
                prog = program[kode_p]
                latih(
                    p.pk,
                    prog,
                    prog.nama,
                    prog.jenis,
                    rng.choice([40, 60, 80, 120]),
                    rng.randint(mulai, acuan.year),
                    rng.choice(PENYELENGGARA),
                )
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            nama, jenis, kode_p = rng.choice(PELATIHAN_UMUM)
            latih(
                p.pk,
                program.get(kode_p) if kode_p else None,
                nama,
                jenis,
                rng.choice([8, 16, 24, 32, 40]),
                rng.randint(max(2021, mulai), acuan.year),
                rng.choice(PENYELENGGARA),
            )
        if sert_kode and rng.random() < (0.7 if sert_kode == "SERDIK" else 0.97):
            nomor += 1
            jenis_s = sertifikasi[sert_kode]
            sampai = None
            if jenis_s.masa_berlaku_tahun:
                # A valid one was issued (or renewed) within its validity; one in ten lapsed.
                hari = jenis_s.masa_berlaku_tahun * 365
                terbit = acuan - datetime.timedelta(days=rng.randint(60, hari - 120))
                if rng.random() < 0.1:
                    terbit = acuan - datetime.timedelta(days=hari + rng.randint(20, 400))
                sampai = terbit + datetime.timedelta(days=hari)
            else:
                terbit = datetime.date(rng.randint(max(2010, mulai), acuan.year - 1), 1, 1)
                terbit += datetime.timedelta(days=rng.randint(0, 330))
            sert.append(
                (
                    p.pk,
                    jenis_s.pk,
                    f"{sert_kode}/{terbit.year}/{nomor:06d}",
                    terbit,
                    sampai,
                    jenis_s.penerbit,
                    "",
                )
            )
        if rng.random() < 0.35:
            potensi = min(4.6, max(1.2, rng.gauss(2.7, 0.65)))
            tanggal = datetime.date(
                rng.choice([2024, 2025]), rng.randint(1, 12), rng.randint(1, 28)
            )
            sumber = rng.choice(SUMBER_ASESMEN)
            for k in MANAJERIAL + teknis:
                level = min(5, max(1, round(potensi + rng.gauss(0, 0.45))))
                asesmen.append((p.pk, kode[k], level, tanggal, sumber))
    _sisip(SKPTahunan, ["pegawai", "tahun", "hasil_kerja", "perilaku_kerja", "catatan"], skp)
    _sisip(
        RiwayatPelatihan,
        [
            "pegawai",
            "program",
            "nama",
            "jenis",
            "jam_pelajaran",
            "tahun",
            "penyelenggara",
            "nomor_sertifikat",
            "berkas_sertifikat",
        ],
        pelatihan,
    )
    _sisip(
        SertifikasiPegawai,
        [
            "pegawai",
            "jenis_sertifikasi",
            "nomor",
            "tanggal_terbit",
            "berlaku_sampai",
            "penerbit",
            "berkas",
        ],
        sert,
    )
    _sisip(HasilAsesmen, ["pegawai", "kompetensi", "level", "tanggal", "sumber"], asesmen)
    # The register's two SKP fields follow the records: one UPDATE per combination.
    for (lalu, dua), ids in legacy.items():
        for i in range(0, len(ids), 2000):
            Pegawai.objects.filter(pk__in=ids[i : i + 2000]).update(
                skp_tahun_lalu=lalu, skp_dua_tahun_lalu=dua
            )
    return {
        "standar": jumlah_standar,
        "skp": len(skp),
        "pelatihan": len(pelatihan),
        "sertifikasi": len(sert),
        "asesmen": len(asesmen),
    }
