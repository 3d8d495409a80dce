"""Starting data of the talent pool: the SKP predikat labels (PermenPAN-RB 6/2022) and the 9-box
layout with its labels and recommendations (PermenPAN-RB 3/2020). Loaded by the data migration
`pegawai/0006_data_talenta`; afterwards edited in admin."""

# kode, label, urutan
LABEL_PREDIKAT = [
    ("sangat_baik", "Sangat Baik", 1),
    ("baik", "Baik", 2),
    ("butuh_perbaikan", "Butuh Perbaikan", 3),
    ("kurang", "Kurang/Misconduct", 4),
    ("sangat_kurang", "Sangat Kurang", 5),
]

# nomor, kinerja, potensi, label, rekomendasi
KOTAK = [
    (
        1,
        "di_bawah",
        "rendah",
        "Kinerja di bawah ekspektasi, potensi rendah",
        "Diproses sesuai ketentuan peraturan perundang-undangan.",
    ),
    (
        2,
        "sesuai",
        "rendah",
        "Kinerja sesuai ekspektasi, potensi rendah",
        "Rotasi atau pengembangan kompetensi; dipertahankan pada jabatannya.",
    ),
    (
        3,
        "di_bawah",
        "menengah",
        "Kinerja di bawah ekspektasi, potensi menengah",
        "Bimbingan kinerja, konseling kinerja dan pengembangan kompetensi.",
    ),
    (
        4,
        "di_atas",
        "rendah",
        "Kinerja di atas ekspektasi, potensi rendah",
        "Rotasi atau pengembangan kompetensi; dipertahankan pada jabatannya.",
    ),
    (
        5,
        "sesuai",
        "menengah",
        "Kinerja sesuai ekspektasi, potensi menengah",
        "Rotasi atau pengembangan kompetensi; dipertahankan pada jabatannya.",
    ),
    (
        6,
        "di_bawah",
        "tinggi",
        "Kinerja di bawah ekspektasi, potensi tinggi",
        "Bimbingan kinerja, konseling kinerja dan pengembangan kompetensi.",
    ),
    (
        7,
        "di_atas",
        "menengah",
        "Kinerja di atas ekspektasi, potensi menengah",
        "Dipertahankan; masuk kelompok rencana suksesi instansi; pengembangan kompetensi.",
    ),
    (
        8,
        "sesuai",
        "tinggi",
        "Kinerja sesuai ekspektasi, potensi tinggi",
        "Dipertahankan; masuk kelompok rencana suksesi instansi; penghargaan.",
    ),
    (
        9,
        "di_atas",
        "tinggi",
        "Kinerja di atas ekspektasi, potensi tinggi",
        "Dipromosikan dan dipertahankan; masuk kelompok rencana suksesi instansi dan nasional; "
        "penghargaan.",
    ),
]


def muat_data_talenta(LabelPredikatSKP, KotakTalenta) -> None:
    """Create what is missing; rows edited in admin are kept."""
    ada = set(LabelPredikatSKP.objects.values_list("kode", flat=True))
    LabelPredikatSKP.objects.bulk_create(
        [
            LabelPredikatSKP(kode=k, label=lbl, urutan=u)
            for k, lbl, u in LABEL_PREDIKAT
            if k not in ada
        ]
    )
    ada = set(KotakTalenta.objects.values_list("nomor", flat=True))
    KotakTalenta.objects.bulk_create(
        [
            KotakTalenta(nomor=n, kinerja=k, potensi=p, label=lbl, rekomendasi=r)
            for n, k, p, lbl, r in KOTAK
            if n not in ada
        ]
    )
