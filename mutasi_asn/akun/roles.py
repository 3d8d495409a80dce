"""Roles of the product. A role is a Django group; the permissions each role carries live here.

Which agency a user belongs to is data (`Pengguna.instansi`), never code.
"""

from django.db import models


class Peran(models.TextChoices):
    ADMIN = "admin", "Administrator"
    BKPSDM = "bkpsdm", "Staf BKPSDM"
    OPERATOR_OPD = "operator_opd", "Operator OPD"
    KEPALA_OPD = "kepala_opd", "Kepala OPD"
    TIM_PENILAI = "tim_penilai", "Tim Penilai Kinerja"
    PPK = "ppk", "Pejabat Pembina Kepegawaian"


# Roles that see the whole city; the others see only their own instansi.
PERAN_LINGKUP_KOTA = frozenset({Peran.ADMIN, Peran.BKPSDM, Peran.TIM_PENILAI, Peran.PPK})
PERAN_LINGKUP_INSTANSI = frozenset({Peran.OPERATOR_OPD, Peran.KEPALA_OPD})

_BACA_REGISTER = [
    "instansi.view_instansi",
    "instansi.view_unitkerja",
    "instansi.view_jabatan",
    "pegawai.view_pegawai",
    "pegawai.view_riwayatjabatan",
]
_KELOLA_REGISTER = [
    f"{app}.{aksi}_{model}"
    for app, model in [
        ("instansi", "instansi"),
        ("instansi", "unitkerja"),
        ("instansi", "jabatan"),
        ("pegawai", "pegawai"),
        ("pegawai", "riwayatjabatan"),
    ]
    for aksi in ("add", "change", "view")
]

_BACA_ABK = [
    "analisis_beban.view_periodeabk",
    "analisis_beban.view_hasilabk",
    # An agency reads the tasks behind its own results (scoped by UraianTugas.for_user).
    "analisis_beban.view_uraiantugas",
]
_KELOLA_ABK = [
    "analisis_beban.add_periodeabk",
    "analisis_beban.change_periodeabk",
    "analisis_beban.tetapkan_periodeabk",
    "analisis_beban.view_periodeabk",
    "analisis_beban.add_uraiantugas",
    "analisis_beban.change_uraiantugas",
    "analisis_beban.delete_uraiantugas",
    "analisis_beban.view_uraiantugas",
    "analisis_beban.view_hasilabk",
    "analisis_beban.add_perhitunganabk",
    "analisis_beban.view_perhitunganabk",
]

# Permission codenames ("app_label.codename") per role. A codename whose model does not exist
# yet is skipped by the sync, so later apps extend this table as they land.
IZIN_PERAN: dict[str, list[str]] = {
    Peran.ADMIN: [],  # every permission: see services.peran_sinkronkan
    Peran.BKPSDM: _KELOLA_REGISTER + _KELOLA_ABK,
    Peran.OPERATOR_OPD: _BACA_REGISTER + _BACA_ABK,
    Peran.KEPALA_OPD: _BACA_REGISTER + _BACA_ABK,
    Peran.TIM_PENILAI: _BACA_REGISTER + _BACA_ABK,
    Peran.PPK: _BACA_REGISTER + _BACA_ABK,
}

# --- Transfer proposals (usulan_mutasi) -----------------------------------------------------
# Model permissions open the pages and the API; who may take which step is decided by role and
# agency in usulan_mutasi/services.py.
_BACA_USULAN = [
    "usulan_mutasi.view_usulanmutasi",
    "usulan_mutasi.view_peristiwausulan",
    "usulan_mutasi.view_komentarusulan",
    "usulan_mutasi.add_komentarusulan",
    "usulan_mutasi.view_dokumenusulan",
    "usulan_mutasi.view_suratkeputusan",
    "usulan_mutasi.view_jenisdokumen",
]
_IZIN_USULAN: dict[str, list[str]] = {
    Peran.BKPSDM: _BACA_USULAN
    + [
        "usulan_mutasi.add_usulanmutasi",
        "usulan_mutasi.change_usulanmutasi",
        "usulan_mutasi.add_dokumenusulan",
        "usulan_mutasi.change_dokumenusulan",
        "usulan_mutasi.add_suratkeputusan",
        "usulan_mutasi.change_suratkeputusan",
        "usulan_mutasi.view_pengaturanmutasi",
    ],
    Peran.OPERATOR_OPD: _BACA_USULAN
    + [
        "usulan_mutasi.add_usulanmutasi",
        "usulan_mutasi.change_usulanmutasi",
        "usulan_mutasi.add_dokumenusulan",
    ],
    Peran.KEPALA_OPD: _BACA_USULAN + ["usulan_mutasi.add_dokumenusulan"],
    Peran.TIM_PENILAI: _BACA_USULAN,
    Peran.PPK: _BACA_USULAN,
}
for _peran, _izin in _IZIN_USULAN.items():
    IZIN_PERAN[_peran] = IZIN_PERAN[_peran] + _izin

# --- Competencies, training, certifications, SKP, talent pool --------------------------------
# The dictionary and jabatan standards are read by everyone who reads the register (edited by
# administrators in admin); a pegawai's facts are kept by BKPSDM and read within scope.
_BACA_KOMPETENSI = [
    f"{app}.view_{model}"
    for app, model in [
        ("instansi", "kompetensi"),
        ("instansi", "levelkompetensi"),
        ("instansi", "jenissertifikasi"),
        ("instansi", "programpelatihan"),
        ("instansi", "standarkompetensijabatan"),
        ("instansi", "syaratsertifikasijabatan"),
        ("instansi", "syaratpelatihanjabatan"),
        ("pegawai", "hasilasesmen"),
        ("pegawai", "riwayatpelatihan"),
        ("pegawai", "sertifikasipegawai"),
        ("pegawai", "skptahunan"),
        ("pegawai", "kotaktalenta"),
        ("pegawai", "labelpredikatskp"),
    ]
]
_KELOLA_FAKTA_PEGAWAI = [
    f"pegawai.{aksi}_{model}"
    for model in ("hasilasesmen", "riwayatpelatihan", "sertifikasipegawai", "skptahunan")
    for aksi in ("add", "change", "delete")
] + ["pegawai.view_pengaturankompetensi"]
for _peran in IZIN_PERAN:
    if _peran != Peran.ADMIN:
        IZIN_PERAN[_peran] = IZIN_PERAN[_peran] + _BACA_KOMPETENSI
IZIN_PERAN[Peran.BKPSDM] = IZIN_PERAN[Peran.BKPSDM] + _KELOLA_FAKTA_PEGAWAI

# --- Rebalancing plan (usulan_mutasi/rencana) -------------------------------------------------
# BKPSDM makes plans; the other city-wide roles read them. Agency roles see none
# (RencanaQuerySet.for_user): they meet the plan's moves as proposals.
_IZIN_RENCANA: dict[str, list[str]] = {
    Peran.BKPSDM: [
        "usulan_mutasi.add_rencanapemerataan",
        "usulan_mutasi.view_rencanapemerataan",
    ],
    Peran.TIM_PENILAI: ["usulan_mutasi.view_rencanapemerataan"],
    Peran.PPK: ["usulan_mutasi.view_rencanapemerataan"],
}
for _peran, _izin in _IZIN_RENCANA.items():
    IZIN_PERAN[_peran] = IZIN_PERAN[_peran] + _izin
