"""A realistic, deterministic Kota Pematangsiantar: OPDs, units, jabatan and pegawai.

Written with bulk inserts so 100,000 pegawai take well under two minutes. Staffing is
deliberately uneven: every unit has a staffing factor, so some are heavily over-staffed and
others short, which is what the workload analysis must reveal.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction

from instansi.choices import (
    Eselon,
    Golongan,
    JenisInstansi,
    JenisJabatan,
    JenisUnit,
    Jenjang,
    Pendidikan,
)
from instansi.models import Instansi, Jabatan, UnitKerja
from instansi.services import unit_susun_urutan
from pegawai.choices import PredikatSKP, StatusKepegawaian
from pegawai.models import Pegawai, RiwayatJabatan

KECAMATAN = [
    (
        "Siantar Barat",
        [
            "Bantan",
            "Dwikora",
            "Proklamasi",
            "Sipinggol-pinggol",
            "Teladan",
            "Timbang Galung",
            "Banjar",
            "Simarito",
        ],
    ),
    (
        "Siantar Marihat",
        [
            "Baru",
            "Mekar Nauli",
            "Pardamean",
            "Parhorasan Nauli",
            "Sukamaju",
            "Sukaraja",
            "Suka Makmur",
        ],
    ),
    (
        "Siantar Marimbun",
        [
            "Marihat Jaya",
            "Nagahuta",
            "Nagahuta Timur",
            "Pematang Marihat",
            "Simarimbun",
            "Tong Marimbun",
        ],
    ),
    (
        "Siantar Martoba",
        [
            "Naga Pita",
            "Naga Pitu",
            "Pondok Sayur",
            "Sumber Jaya",
            "Tambun Nabolon",
            "Tanjung Pinggir",
            "Tanjung Tongah",
        ],
    ),
    ("Siantar Selatan", ["Aek Nauli", "Karo", "Kristen", "Martimbang", "Simalungun", "Toba"]),
    ("Siantar Sitalasari", ["Bah Kapul", "Bah Sorma", "Gurilla", "Setia Negara", "Bukit Sofa"]),
    (
        "Siantar Timur",
        ["Asuhan", "Kebun Sayur", "Merdeka", "Pahlawan", "Pardomuan", "Siopat Suhu", "Tomuan"],
    ),
    (
        "Siantar Utara",
        ["Bane", "Baru", "Kahean", "Martoba", "Melayu", "Sigulang-gulang", "Sukadame"],
    ),
]

# kode, nama, singkatan, jenis, bidang (names of bidang/bagian), kind of service units, weight
OPD = [
    (
        "SETDA",
        "Sekretariat Daerah",
        "Setda",
        JenisInstansi.SEKRETARIAT,
        [
            "Bagian Pemerintahan",
            "Bagian Hukum",
            "Bagian Organisasi",
            "Bagian Umum",
            "Bagian Perekonomian",
            "Bagian Pengadaan Barang dan Jasa",
        ],
        None,
        3,
    ),
    (
        "SETWAN",
        "Sekretariat DPRD",
        "Setwan",
        JenisInstansi.SEKRETARIAT,
        ["Bagian Persidangan", "Bagian Keuangan", "Bagian Umum"],
        None,
        1,
    ),
    (
        "INSP",
        "Inspektorat",
        "Inspektorat",
        JenisInstansi.INSPEKTORAT,
        ["Inspektur Pembantu I", "Inspektur Pembantu II", "Inspektur Pembantu III"],
        None,
        1,
    ),
    (
        "DISDIK",
        "Dinas Pendidikan",
        "Disdik",
        JenisInstansi.DINAS,
        [
            "Bidang Pembinaan SD",
            "Bidang Pembinaan SMP",
            "Bidang PAUD dan Pendidikan Nonformal",
            "Bidang Ketenagaan",
        ],
        "sekolah",
        30,
    ),
    (
        "DINKES",
        "Dinas Kesehatan",
        "Dinkes",
        JenisInstansi.DINAS,
        [
            "Bidang Kesehatan Masyarakat",
            "Bidang Pencegahan dan Pengendalian Penyakit",
            "Bidang Pelayanan Kesehatan",
            "Bidang Sumber Daya Kesehatan",
        ],
        "puskesmas",
        14,
    ),
    (
        "DISDUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        JenisInstansi.DINAS,
        [
            "Bidang Pelayanan Pendaftaran Penduduk",
            "Bidang Pelayanan Pencatatan Sipil",
            "Bidang Pengelolaan Informasi Administrasi Kependudukan",
        ],
        None,
        2,
    ),
    (
        "DPPKB",
        "Dinas Pengendalian Penduduk dan Keluarga Berencana",
        "DPPKB",
        JenisInstansi.DINAS,
        ["Bidang Pengendalian Penduduk", "Bidang Keluarga Berencana"],
        None,
        1,
    ),
    (
        "DISARPUS",
        "Dinas Arsip dan Perpustakaan",
        "Disarpus",
        JenisInstansi.DINAS,
        ["Bidang Kearsipan", "Bidang Perpustakaan"],
        None,
        1,
    ),
    (
        "DISKOMINFO",
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        JenisInstansi.DINAS,
        [
            "Bidang Informasi dan Komunikasi Publik",
            "Bidang Aplikasi Informatika",
            "Bidang Persandian dan Statistik",
        ],
        None,
        1,
    ),
    (
        "DISHUB",
        "Dinas Perhubungan",
        "Dishub",
        JenisInstansi.DINAS,
        ["Bidang Lalu Lintas", "Bidang Angkutan", "Bidang Sarana dan Prasarana"],
        None,
        2,
    ),
    (
        "DPMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        JenisInstansi.DINAS,
        ["Bidang Penanaman Modal", "Bidang Pelayanan Perizinan"],
        None,
        1,
    ),
    (
        "PERKIM",
        "Dinas Perumahan Rakyat dan Kawasan Permukiman",
        "Disperkim",
        JenisInstansi.DINAS,
        ["Bidang Perumahan", "Bidang Kawasan Permukiman", "Bidang Pertamanan"],
        None,
        2,
    ),
    (
        "DKPP",
        "Dinas Ketahanan Pangan dan Pertanian",
        "DKPP",
        JenisInstansi.DINAS,
        ["Bidang Ketahanan Pangan", "Bidang Pertanian", "Bidang Peternakan"],
        None,
        1,
    ),
    (
        "DINSOS",
        "Dinas Sosial",
        "Dinsos",
        JenisInstansi.DINAS,
        ["Bidang Rehabilitasi Sosial", "Bidang Perlindungan dan Jaminan Sosial"],
        None,
        1,
    ),
    (
        "PUPR",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas PUPR",
        JenisInstansi.DINAS,
        [
            "Bidang Bina Marga",
            "Bidang Sumber Daya Air",
            "Bidang Penataan Ruang",
            "Bidang Cipta Karya",
        ],
        None,
        3,
    ),
    (
        "DLH",
        "Dinas Lingkungan Hidup",
        "DLH",
        JenisInstansi.DINAS,
        ["Bidang Kebersihan", "Bidang Pengendalian Pencemaran", "Bidang Penataan Lingkungan"],
        None,
        3,
    ),
    (
        "SATPOLPP",
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        JenisInstansi.SATUAN,
        [
            "Bidang Penegakan Peraturan Daerah",
            "Bidang Ketertiban Umum",
            "Bidang Perlindungan Masyarakat",
        ],
        None,
        2,
    ),
    (
        "BPBD",
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        JenisInstansi.BADAN,
        [
            "Bidang Pencegahan dan Kesiapsiagaan",
            "Bidang Kedaruratan dan Logistik",
            "Bidang Rehabilitasi dan Rekonstruksi",
        ],
        None,
        1,
    ),
    (
        "BPKPD",
        "Badan Pengelolaan Keuangan dan Pendapatan Daerah",
        "BPKPD",
        JenisInstansi.BADAN,
        [
            "Bidang Anggaran",
            "Bidang Perbendaharaan",
            "Bidang Akuntansi",
            "Bidang Pendapatan",
            "Bidang Aset",
        ],
        None,
        2,
    ),
    (
        "BP3D",
        "Badan Perencanaan, Penelitian dan Pengembangan Daerah",
        "BP3D",
        JenisInstansi.BADAN,
        [
            "Bidang Perencanaan Pemerintahan",
            "Bidang Perencanaan Ekonomi",
            "Bidang Penelitian dan Pengembangan",
        ],
        None,
        1,
    ),
    (
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        JenisInstansi.BADAN,
        [
            "Bidang Pengadaan dan Informasi",
            "Bidang Mutasi dan Promosi",
            "Bidang Pengembangan Kompetensi",
            "Bidang Penilaian Kinerja dan Penghargaan",
        ],
        None,
        1,
    ),
    (
        "RSUD",
        "RSUD dr. Djasamen Saragih",
        "RSUD",
        JenisInstansi.RSUD,
        ["Bidang Pelayanan Medik", "Bidang Keperawatan", "Bidang Penunjang"],
        "instalasi",
        8,
    ),
]

NAMA_DEPAN_L = [
    "Andi",
    "Benny",
    "Daniel",
    "Edward",
    "Fernando",
    "Gunawan",
    "Hendra",
    "Indra",
    "Jonathan",
    "Lamhot",
    "Martin",
    "Nico",
    "Parlindungan",
    "Rudi",
    "Samuel",
    "Togar",
    "Robert",
    "Jhon",
    "Ferry",
    "Hotman",
    "Maruli",
    "Rizal",
    "Agus",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hasan",
    "Irfan",
    "Yusuf",
]
NAMA_DEPAN_P = [
    "Agnes",
    "Betty",
    "Christina",
    "Debora",
    "Elisabeth",
    "Fitri",
    "Grace",
    "Hana",
    "Intan",
    "Juliana",
    "Kristina",
    "Lestari",
    "Maria",
    "Nurhayati",
    "Okta",
    "Putri",
    "Rosmawati",
    "Sari",
    "Tiur",
    "Uli",
    "Vera",
    "Wati",
    "Yanti",
    "Dewi",
    "Rina",
    "Siti",
    "Lina",
    "Melati",
    "Ratna",
    "Tiorida",
]
MARGA = [
    "Siregar",
    "Simanjuntak",
    "Sinaga",
    "Saragih",
    "Purba",
    "Damanik",
    "Sitorus",
    "Nainggolan",
    "Panjaitan",
    "Hutapea",
    "Pardede",
    "Manurung",
    "Situmorang",
    "Tambunan",
    "Sihombing",
    "Lubis",
    "Nasution",
    "Harahap",
    "Simatupang",
    "Napitupulu",
    "Girsang",
    "Sipayung",
    "Munthe",
    "Tarigan",
    "Ginting",
    "Sembiring",
    "Hutagalung",
    "Silalahi",
    "Marpaung",
    "Pohan",
]

GELAR = {
    Pendidikan.D3: ["A.Md.", "A.Md.Kep.", "A.Md.Keb."],
    Pendidikan.D4: ["S.Tr.Kes.", "S.ST."],
    Pendidikan.S1: ["S.Pd.", "S.E.", "S.H.", "S.Kom.", "S.T.", "S.Sos.", "S.Kep.", "S.AP."],
    Pendidikan.PROFESI: ["S.Ked.", "S.Farm., Apt."],
    Pendidikan.S2: ["M.Si.", "M.Pd.", "M.M.", "M.Kes.", "M.H."],
    Pendidikan.SP1: ["Sp.PD.", "Sp.A.", "Sp.OG."],
    Pendidikan.S3: ["Dr."],
}

# Highest regular grade per education (domain.md), and the starting one.
RENTANG_GOLONGAN = {
    Pendidikan.SD: (Golongan.I_A, Golongan.II_A),
    Pendidikan.SLTP: (Golongan.I_C, Golongan.II_C),
    Pendidikan.SLTA: (Golongan.II_A, Golongan.III_B),
    Pendidikan.D1: (Golongan.II_A, Golongan.III_B),
    Pendidikan.D2: (Golongan.II_B, Golongan.III_B),
    Pendidikan.D3: (Golongan.II_C, Golongan.III_C),
    Pendidikan.D4: (Golongan.III_A, Golongan.III_D),
    Pendidikan.S1: (Golongan.III_A, Golongan.III_D),
    Pendidikan.PROFESI: (Golongan.III_B, Golongan.IV_A),
    Pendidikan.S2: (Golongan.III_B, Golongan.IV_A),
    Pendidikan.SP1: (Golongan.III_B, Golongan.IV_A),
    Pendidikan.S3: (Golongan.III_C, Golongan.IV_B),
}
GOLONGAN_URUT = [g.value for g in Golongan if g < 100]

# name, kind, jenjang, kelas, minimum education, weight (share of holders), field of study
JABATAN_SEKRETARIAT = [
    ("Pengadministrasi Perkantoran", JenisJabatan.PELAKSANA, "", 5, Pendidikan.SLTA, 5, ""),
    ("Penata Layanan Operasional", JenisJabatan.PELAKSANA, "", 7, Pendidikan.D3, 3, ""),
    ("Pengelola Keuangan", JenisJabatan.PELAKSANA, "", 7, Pendidikan.S1, 2, "Akuntansi, Ekonomi"),
    (
        "Analis Sumber Daya Manusia Aparatur",
        JenisJabatan.FUNGSIONAL,
        Jenjang.AHLI_PERTAMA,
        8,
        Pendidikan.S1,
        1,
        "",
    ),
    ("Operator Layanan Operasional", JenisJabatan.PELAKSANA, "", 5, Pendidikan.SLTA, 3, ""),
]
JABATAN_TEKNIS = [
    ("Penelaah Teknis Kebijakan", JenisJabatan.PELAKSANA, "", 7, Pendidikan.S1, 3, ""),
    ("Pengolah Data dan Informasi", JenisJabatan.PELAKSANA, "", 6, Pendidikan.D3, 2, ""),
    ("Analis Kebijakan", JenisJabatan.FUNGSIONAL, Jenjang.AHLI_MUDA, 9, Pendidikan.S1, 1, ""),
    (
        "Pranata Komputer",
        JenisJabatan.FUNGSIONAL,
        Jenjang.TERAMPIL,
        6,
        Pendidikan.D3,
        1,
        "Teknik Informatika, Ilmu Komputer",
    ),
]
JABATAN_LAYANAN = {
    "sekolah": [
        (
            "Guru Ahli Pertama",
            JenisJabatan.FUNGSIONAL,
            Jenjang.AHLI_PERTAMA,
            8,
            Pendidikan.S1,
            8,
            "Pendidikan",
        ),
        (
            "Guru Ahli Muda",
            JenisJabatan.FUNGSIONAL,
            Jenjang.AHLI_MUDA,
            9,
            Pendidikan.S1,
            5,
            "Pendidikan",
        ),
        (
            "Guru Ahli Madya",
            JenisJabatan.FUNGSIONAL,
            Jenjang.AHLI_MADYA,
            11,
            Pendidikan.S1,
            2,
            "Pendidikan",
        ),
        ("Pengadministrasi Sekolah", JenisJabatan.PELAKSANA, "", 5, Pendidikan.SLTA, 1, ""),
    ],
    "puskesmas": [
        (
            "Dokter Ahli Pertama",
            JenisJabatan.FUNGSIONAL,
            Jenjang.AHLI_PERTAMA,
            9,
            Pendidikan.PROFESI,
            2,
            "Kedokteran",
        ),
        (
            "Perawat Terampil",
            JenisJabatan.FUNGSIONAL,
            Jenjang.TERAMPIL,
            6,
            Pendidikan.D3,
            5,
            "Keperawatan",
        ),
        (
            "Bidan Terampil",
            JenisJabatan.FUNGSIONAL,
            Jenjang.TERAMPIL,
            6,
            Pendidikan.D3,
            4,
            "Kebidanan",
        ),
        (
            "Apoteker Ahli Pertama",
            JenisJabatan.FUNGSIONAL,
            Jenjang.AHLI_PERTAMA,
            8,
            Pendidikan.PROFESI,
            1,
            "Farmasi",
        ),
        (
            "Pengadministrasi Layanan Kesehatan",
            JenisJabatan.PELAKSANA,
            "",
            5,
            Pendidikan.SLTA,
            2,
            "",
        ),
    ],
    "instalasi": [
        (
            "Dokter Ahli Muda",
            JenisJabatan.FUNGSIONAL,
            Jenjang.AHLI_MUDA,
            11,
            Pendidikan.PROFESI,
            3,
            "Kedokteran",
        ),
        (
            "Perawat Ahli Pertama",
            JenisJabatan.FUNGSIONAL,
            Jenjang.AHLI_PERTAMA,
            8,
            Pendidikan.PROFESI,
            6,
            "Keperawatan",
        ),
        (
            "Perawat Terampil",
            JenisJabatan.FUNGSIONAL,
            Jenjang.TERAMPIL,
            6,
            Pendidikan.D3,
            6,
            "Keperawatan",
        ),
        (
            "Pranata Laboratorium Kesehatan",
            JenisJabatan.FUNGSIONAL,
            Jenjang.TERAMPIL,
            6,
            Pendidikan.D3,
            2,
            "Analis Kesehatan",
        ),
    ],
    "kelurahan": [
        ("Pengadministrasi Pemerintahan", JenisJabatan.PELAKSANA, "", 5, Pendidikan.SLTA, 3, ""),
        ("Pengelola Layanan Kemasyarakatan", JenisJabatan.PELAKSANA, "", 6, Pendidikan.D3, 2, ""),
    ],
}
NAMA_INSTALASI = [
    "Instalasi Gawat Darurat",
    "Instalasi Rawat Inap",
    "Instalasi Rawat Jalan",
    "Instalasi Bedah Sentral",
    "Instalasi Laboratorium",
    "Instalasi Farmasi",
    "Instalasi Radiologi",
    "Instalasi Perawatan Intensif",
]


@dataclass
class HasilSeed:
    instansi: int = 0
    unit: int = 0
    jabatan: int = 0
    pegawai: int = 0
    detik: float = 0.0
    faktor_unit: dict = field(default_factory=dict)


URUTAN_BAGAN = {
    JenisUnit.SEKRETARIAT,
    JenisUnit.BIDANG,
    JenisUnit.BAGIAN,
    JenisUnit.SUBBAGIAN,
    JenisUnit.SEKSI,
}


class _Pembangun:
    def __init__(self, jumlah_pegawai: int, seed: int):
        self.rng = random.Random(seed)
        self.n = jumlah_pegawai
        # Service units scale with the size of the city so that 100,000 pegawai stay plausible.
        self.skala = max(1.0, jumlah_pegawai / 6000)
        self.kode_unit = 0
        self.kode_jabatan = 0
        self.nip_urut: dict[str, int] = {}

    # --- structure ---------------------------------------------------------------------
    def _unit(self, instansi, induk, nama, jenis, units):
        self.kode_unit += 1
        u = UnitKerja(
            instansi=instansi, induk=induk, nama=nama, jenis=jenis, kode=f"U{self.kode_unit:06d}"
        )
        units.append(u)
        return u

    def bangun_struktur(self):
        instansi_list = []
        for kode, nama, singkatan, jenis, *_ in OPD:
            instansi_list.append(Instansi(kode=kode, nama=nama, singkatan=singkatan, jenis=jenis))
        for i, (nama_kec, _) in enumerate(KECAMATAN, start=1):
            instansi_list.append(
                Instansi(
                    kode=f"KEC{i:02d}",
                    nama=f"Kecamatan {nama_kec}",
                    singkatan=f"Kec. {nama_kec}",
                    jenis=JenisInstansi.KECAMATAN,
                )
            )
        Instansi.objects.bulk_create(instansi_list)
        instansi_list = list(Instansi.objects.order_by("pk"))
        self.instansi = instansi_list

        # Units level by level, so that parents have primary keys before children point at them.
        rencana = []  # (instansi, nama, jenis, children[(nama, jenis, layanan)])
        for inst, (*_, bidang, layanan, bobot) in zip(instansi_list, OPD, strict=False):
            anak = [
                ("Subbagian Umum dan Kepegawaian", JenisUnit.SUBBAGIAN, None),
                ("Subbagian Keuangan", JenisUnit.SUBBAGIAN, None),
            ]
            sekretariat = [("Sekretariat", JenisUnit.SEKRETARIAT, None, anak)]
            bidang_units = [
                (
                    b,
                    JenisUnit.BAGIAN if b.startswith("Bagian") else JenisUnit.BIDANG,
                    None,
                    self._seksi(b),
                )
                for b in bidang
            ]
            rencana.append((inst, sekretariat + bidang_units + self._layanan(layanan, bobot)))
        for inst, (_, kelurahan) in zip(instansi_list[len(OPD) :], KECAMATAN, strict=False):
            anak = [(f"Kelurahan {k}", JenisUnit.KELURAHAN, "kelurahan", []) for k in kelurahan]
            rencana.append(
                (
                    inst,
                    [
                        ("Sekretariat Kecamatan", JenisUnit.SEKRETARIAT, None, []),
                        ("Seksi Pemerintahan", JenisUnit.SEKSI, None, []),
                        ("Seksi Pelayanan Umum", JenisUnit.SEKSI, None, []),
                    ]
                    + anak,
                )
            )

        akar_units, level1, level2 = [], [], []
        meta = {}  # unit -> (layanan, is_kepala_opd)
        for inst, anak in rencana:
            akar = self._unit(inst, None, f"Pimpinan {inst.nama}", JenisUnit.PIMPINAN, akar_units)
            meta[id(akar)] = (None, "kepala")
            for nama, jenis, layanan, cucu in anak:
                level1.append((akar, nama, jenis, layanan, cucu))
        UnitKerja.objects.bulk_create(akar_units)
        lv1_objs = []
        for akar, nama, jenis, layanan, cucu in level1:
            u = self._unit(akar.instansi, akar, nama, jenis, lv1_objs)
            meta[id(u)] = (layanan, "bidang")
            for c in cucu:
                level2.append((u, *c))
        UnitKerja.objects.bulk_create(lv1_objs)
        lv2_objs = []
        for induk, nama, jenis, layanan in level2:
            u = self._unit(induk.instansi, induk, nama, jenis, lv2_objs)
            meta[id(u)] = (layanan, "seksi")
        UnitKerja.objects.bulk_create(lv2_objs)
        semua = akar_units + lv1_objs + lv2_objs
        # Materialised paths, now that every unit has its key.
        for u in semua:
            if u.induk is None:
                u.jalur, u.kedalaman = f"/{u.pk}/", 0
        for u in lv1_objs + lv2_objs:
            u.jalur, u.kedalaman = f"{u.induk.jalur}{u.pk}/", u.induk.kedalaman + 1
        # The organisation chart's own order (Sekretariat, then the bidang as planned); service
        # units (puskesmas, sekolah, UPT, kelurahan) follow by name, Puskesmas 2 before 10.
        nomor: dict[int, int] = {}
        for u in lv1_objs + lv2_objs:
            if u.jenis in URUTAN_BAGAN:
                nomor[u.induk.pk] = nomor.get(u.induk.pk, 0) + 1
                u.urutan = nomor[u.induk.pk]
        UnitKerja.objects.bulk_update(semua, ["jalur", "kedalaman", "urutan"], batch_size=2000)
        unit_susun_urutan(instansi_ids={u.instansi_id for u in semua})
        self.units = [(u, *meta[id(u)]) for u in semua]

    def _seksi(self, bidang):
        if bidang.startswith(("Bagian", "Inspektur")):
            return [(f"Subbagian {bidang.split(' ', 1)[1]}", JenisUnit.SUBBAGIAN, None)]
        inti = bidang.removeprefix("Bidang ")
        return [
            (f"Seksi {inti} I", JenisUnit.SEKSI, None),
            (f"Seksi {inti} II", JenisUnit.SEKSI, None),
        ]

    def _layanan(self, layanan, bobot):
        if layanan == "sekolah":
            n = round(40 * self.skala)
            return [
                (
                    f"{'SD' if i % 3 else 'SMP'} Negeri {i} Pematangsiantar",
                    JenisUnit.SEKOLAH,
                    "sekolah",
                    [],
                )
                for i in range(1, n + 1)
            ]
        if layanan == "puskesmas":
            n = round(19 * self.skala)
            return [
                (f"UPTD Puskesmas {i:02d}", JenisUnit.PUSKESMAS, "puskesmas", [])
                for i in range(1, n + 1)
            ]
        if layanan == "instalasi":
            n = max(len(NAMA_INSTALASI), round(len(NAMA_INSTALASI) * self.skala))
            return [
                (
                    NAMA_INSTALASI[i % len(NAMA_INSTALASI)]
                    + ("" if i < len(NAMA_INSTALASI) else f" {i // len(NAMA_INSTALASI) + 1}"),
                    JenisUnit.INSTALASI,
                    "instalasi",
                    [],
                )
                for i in range(n)
            ]
        return []

    def _jabatan(self, unit, nama, jenis, jenjang, kelas, pend, bidang="", eselon=""):
        self.kode_jabatan += 1
        gmin, gmax = _rentang_jabatan(jenis, jenjang, eselon)
        return Jabatan(
            unit_kerja=unit,
            kode=f"J{self.kode_jabatan:06d}",
            nama=nama,
            jenis=jenis,
            jenjang=jenjang,
            eselon=eselon,
            kelas_jabatan=kelas,
            pendidikan_minimal=pend,
            bidang_studi=bidang,
            golongan_minimal=gmin,
            golongan_maksimal=gmax,
        )

    def bangun_jabatan(self):
        daftar = []  # (jabatan, bobot)
        for unit, layanan, tingkat in self.units:
            if tingkat == "kepala":
                jenis_inst = unit.instansi.jenis
                if jenis_inst == JenisInstansi.KECAMATAN:
                    j = self._jabatan(
                        unit,
                        "Camat",
                        JenisJabatan.ADMINISTRATOR,
                        "",
                        12,
                        Pendidikan.S1,
                        eselon=Eselon.III_A,
                    )
                else:
                    nama = (
                        "Sekretaris Daerah"
                        if unit.instansi.kode == "SETDA"
                        else f"Kepala {unit.instansi.nama.split(' ', 1)[0]}"
                    )
                    if unit.instansi.kode == "RSUD":
                        nama = "Direktur RSUD"
                    j = self._jabatan(
                        unit,
                        nama,
                        JenisJabatan.JPT,
                        Jenjang.JPT_PRATAMA,
                        14,
                        Pendidikan.S1,
                        eselon=Eselon.II_B,
                    )
                daftar.append((j, 0))
                continue
            if unit.jenis == JenisUnit.KELURAHAN:
                daftar.append(
                    (
                        self._jabatan(
                            unit,
                            "Lurah",
                            JenisJabatan.PENGAWAS,
                            "",
                            9,
                            Pendidikan.S1,
                            eselon=Eselon.IV_A,
                        ),
                        0,
                    )
                )
            elif unit.jenis in (JenisUnit.SEKRETARIAT, JenisUnit.BIDANG, JenisUnit.BAGIAN):
                kepala = (
                    "Sekretaris" if unit.jenis == JenisUnit.SEKRETARIAT else f"Kepala {unit.nama}"
                )
                daftar.append(
                    (
                        self._jabatan(
                            unit,
                            kepala,
                            JenisJabatan.ADMINISTRATOR,
                            "",
                            11,
                            Pendidikan.S1,
                            eselon=Eselon.III_B,
                        ),
                        0,
                    )
                )
            elif unit.jenis in (JenisUnit.SEKSI, JenisUnit.SUBBAGIAN):
                daftar.append(
                    (
                        self._jabatan(
                            unit,
                            f"Kepala {unit.nama}",
                            JenisJabatan.PENGAWAS,
                            "",
                            9,
                            Pendidikan.D3,
                            eselon=Eselon.IV_A,
                        ),
                        0,
                    )
                )
            elif unit.jenis in (JenisUnit.SEKOLAH, JenisUnit.PUSKESMAS):
                nama = "Kepala Sekolah" if unit.jenis == JenisUnit.SEKOLAH else "Kepala Puskesmas"
                daftar.append(
                    (
                        self._jabatan(
                            unit,
                            nama,
                            JenisJabatan.PENGAWAS,
                            "",
                            9,
                            Pendidikan.S1,
                            eselon=Eselon.IV_B,
                        ),
                        0,
                    )
                )
            if layanan:
                katalog = JABATAN_LAYANAN[layanan]
            elif unit.jenis in (JenisUnit.SEKRETARIAT, JenisUnit.SUBBAGIAN):
                katalog = JABATAN_SEKRETARIAT
            else:
                katalog = JABATAN_TEKNIS
            for nama, jenis, jenjang, kelas, pend, bobot, bidang in katalog:
                daftar.append(
                    (self._jabatan(unit, nama, jenis, jenjang, kelas, pend, bidang), bobot)
                )
        Jabatan.objects.bulk_create([j for j, _ in daftar], batch_size=2000)
        self.jabatan = daftar

    # --- people --------------------------------------------------------------------------
    def _nip(self, lahir: datetime.date, cpns: datetime.date, jk: str) -> str:
        dasar = f"{lahir:%Y%m%d}{cpns:%Y%m}{'1' if jk == 'L' else '2'}"
        urut = self.nip_urut.get(dasar, 0) + 1
        self.nip_urut[dasar] = urut
        return f"{dasar}{urut:03d}"

    def _pendidikan_untuk(self, jabatan) -> int:
        minimal = jabatan.pendidikan_minimal or Pendidikan.SLTA
        naik = self.rng.random()
        if naik < 0.75:
            return minimal
        lebih = [p for p in Pendidikan if minimal < p <= Pendidikan.S2]
        return self.rng.choice(lebih) if lebih else minimal

    def bangun_pegawai(self, tanggal_acuan: datetime.date):
        rng = self.rng
        # Every unit gets a staffing factor: a third short, a third balanced, a third over.
        faktor = {}
        for unit, _, _ in self.units:
            r = rng.random()
            faktor[unit.pk] = (
                rng.uniform(0.3, 0.7)
                if r < 0.3
                else (rng.uniform(1.6, 2.8) if r > 0.7 else rng.uniform(0.9, 1.15))
            )
        self.faktor = faktor
        pejabat = [j for j, b in self.jabatan if b == 0]
        pelaksana = [(j, b * faktor[j.unit_kerja.pk]) for j, b in self.jabatan if b > 0]
        jumlah_sisa = max(0, self.n - len(pejabat))
        total_bobot = sum(b for _, b in pelaksana) or 1
        penugasan = list(pejabat[: self.n])
        # Largest-remainder allocation: deterministic and sums exactly to N.
        kuota = [(j, jumlah_sisa * b / total_bobot) for j, b in pelaksana]
        dasar = [(j, int(q)) for j, q in kuota]
        sisa = jumlah_sisa - sum(n for _, n in dasar)
        urutan_sisa = sorted(
            range(len(kuota)), key=lambda i: kuota[i][1] - int(kuota[i][1]), reverse=True
        )
        tambahan = set(urutan_sisa[:sisa])
        for i, (j, n) in enumerate(dasar):
            penugasan.extend([j] * (n + (1 if i in tambahan else 0)))

        pegawai, riwayat_data = [], []
        tahun_acuan = tanggal_acuan.year
        for idx, jabatan in enumerate(penugasan):
            jk = "L" if rng.random() < 0.48 else "P"
            umur = (
                rng.randint(24, min(57, jabatan.batas_usia_pensiun - 1))
                if jabatan.jenis != JenisJabatan.JPT
                else rng.randint(45, 58)
            )
            lahir = datetime.date(tahun_acuan - umur, rng.randint(1, 12), rng.randint(1, 28))
            masa_kerja = rng.randint(1, max(1, umur - 22))
            cpns = datetime.date(
                max(lahir.year + 19, tahun_acuan - masa_kerja), rng.choice([1, 3, 4, 12]), 1
            )
            status = StatusKepegawaian.PNS
            if idx % 17 == 0 and jabatan.jenis == JenisJabatan.FUNGSIONAL:
                status = StatusKepegawaian.PPPK
            elif tahun_acuan - cpns.year < 1:
                status = StatusKepegawaian.CPNS
            pend = self._pendidikan_untuk(jabatan)
            if status == StatusKepegawaian.PPPK:
                golongan = 100 + min(17, max(5, jabatan.kelas_jabatan))
                nip = self._nip(lahir, cpns, jk)
            else:
                awal, puncak = RENTANG_GOLONGAN[Pendidikan(pend)]
                i0, i1 = GOLONGAN_URUT.index(awal), GOLONGAN_URUT.index(puncak)
                naik = min(i1 - i0, (tahun_acuan - cpns.year) // 4)
                gol = GOLONGAN_URUT[i0 + naik]
                if (
                    jabatan.golongan_minimal
                    and gol < jabatan.golongan_minimal
                    and rng.random() < 0.8
                ):
                    gol = jabatan.golongan_minimal
                golongan = gol
                nip = self._nip(lahir, cpns, jk)
            depan = rng.choice(NAMA_DEPAN_L if jk == "L" else NAMA_DEPAN_P)
            gelar_belakang = (
                rng.choice(GELAR[pend]) if pend in GELAR and pend != Pendidikan.S3 else ""
            )
            gelar_depan = (
                "dr."
                if jabatan.bidang_studi == "Kedokteran"
                else ("Dr." if pend == Pendidikan.S3 else "")
            )
            tmt = datetime.date(
                rng.randint(max(cpns.year, tahun_acuan - 8), tahun_acuan), rng.randint(1, 12), 1
            )
            if tmt > tanggal_acuan:
                tmt = tanggal_acuan.replace(day=1)
            skp = (
                [PredikatSKP.BAIK] * 6
                + [PredikatSKP.SANGAT_BAIK] * 2
                + [PredikatSKP.BUTUH_PERBAIKAN]
            )
            pegawai.append(
                Pegawai(
                    nip=nip,
                    gelar_depan=gelar_depan,
                    nama=f"{depan} {rng.choice(MARGA)}",
                    gelar_belakang=gelar_belakang,
                    status=status,
                    tanggal_lahir=lahir,
                    jenis_kelamin=jk,
                    golongan=golongan,
                    pendidikan=pend,
                    bidang_studi=(jabatan.daftar_bidang_studi or [""])[0],
                    jabatan=jabatan,
                    tmt_jabatan=tmt,
                    tmt_cpns=cpns,
                    skp_tahun_lalu=rng.choice(skp),
                    skp_dua_tahun_lalu=rng.choice(skp),
                    proses_disiplin=rng.random() < 0.01,
                    tugas_belajar=rng.random() < 0.01,
                    cuti_luar_tanggungan=rng.random() < 0.003,
                )
            )
            riwayat_data.append((jabatan, tmt))
        Pegawai.objects.bulk_create(pegawai, batch_size=5000)
        RiwayatJabatan.objects.bulk_create(
            [
                RiwayatJabatan(pegawai=p, jabatan=j, tanggal_mulai=t, keterangan="Data awal")
                for p, (j, t) in zip(pegawai, riwayat_data, strict=True)
            ],
            batch_size=5000,
        )
        return len(pegawai)


def _rentang_jabatan(jenis, jenjang, eselon):
    eselon_rentang = {
        Eselon.II_A: (Golongan.IV_C, Golongan.IV_D),
        Eselon.II_B: (Golongan.IV_B, Golongan.IV_C),
        Eselon.III_A: (Golongan.IV_A, Golongan.IV_B),
        Eselon.III_B: (Golongan.III_D, Golongan.IV_A),
        Eselon.IV_A: (Golongan.III_C, Golongan.III_D),
        Eselon.IV_B: (Golongan.III_B, Golongan.III_C),
    }
    jenjang_rentang = {
        Jenjang.AHLI_PERTAMA: (Golongan.III_A, Golongan.III_B),
        Jenjang.AHLI_MUDA: (Golongan.III_C, Golongan.III_D),
        Jenjang.AHLI_MADYA: (Golongan.IV_A, Golongan.IV_C),
        Jenjang.AHLI_UTAMA: (Golongan.IV_D, Golongan.IV_E),
        Jenjang.PEMULA: (Golongan.II_A, Golongan.II_A),
        Jenjang.TERAMPIL: (Golongan.II_B, Golongan.II_D),
        Jenjang.MAHIR: (Golongan.III_A, Golongan.III_B),
        Jenjang.PENYELIA: (Golongan.III_C, Golongan.III_D),
    }
    if eselon:
        return eselon_rentang[eselon]
    if jenjang in jenjang_rentang:
        return jenjang_rentang[jenjang]
    return (None, None)


def register_sudah_ada() -> bool:
    return Pegawai.objects.exists()


@transaction.atomic
def buat_register_demo(
    *, jumlah_pegawai: int = 6000, seed: int = 2026, tanggal_acuan=None
) -> HasilSeed:
    import time

    mulai = time.perf_counter()
    b = _Pembangun(jumlah_pegawai, seed)
    b.bangun_struktur()
    b.bangun_jabatan()
    n = b.bangun_pegawai(tanggal_acuan or datetime.date(2026, 11, 1))
    return HasilSeed(
        instansi=len(b.instansi),
        unit=len(b.units),
        jabatan=len(b.jabatan),
        pegawai=n,
        detik=time.perf_counter() - mulai,
        faktor_unit=b.faktor,
    )
