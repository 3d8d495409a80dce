"""Default wording of the Keputusan Wali Kota (settings start from these; admin edits them).

One item a line. Kept apart from `dokumen.py` so the models can use them as field defaults.
"""

FORMAT_NOMOR = "800.1.3.3/{nomor}/BKPSDM/{bulan_romawi}/{tahun}"
# The placeholders a number format may use, with what each becomes.
PLACEHOLDER_NOMOR = {
    "nomor": "nomor urut dalam tahun itu (1, 2, 3, …)",
    "nomor3": "nomor urut tiga digit (001, 002, …)",
    "bulan": "bulan tanggal SK, dua digit (01–12)",
    "bulan_romawi": "bulan tanggal SK dalam angka Romawi (I–XII)",
    "tahun": "tahun tanggal SK (empat digit)",
}

MENIMBANG = "\n".join(
    [
        "bahwa dalam rangka pemerataan dan pendayagunaan Pegawai Negeri Sipil sesuai dengan "
        "analisis beban kerja serta untuk kepentingan kedinasan, dipandang perlu melakukan "
        "mutasi Pegawai Negeri Sipil di lingkungan Pemerintah Kota Pematangsiantar;",
        "bahwa Pegawai Negeri Sipil yang namanya tercantum dalam lampiran Keputusan ini telah "
        "mendapat persetujuan pimpinan instansi asal dan tujuan serta pertimbangan Tim Penilai "
        "Kinerja, dan dipandang memenuhi syarat untuk dimutasikan;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
        "menetapkan Keputusan Wali Kota tentang Mutasi Pegawai Negeri Sipil;",
    ]
)

MENGINGAT = "\n".join(
    [
        "Undang-Undang Nomor 8 Drt. Tahun 1956 tentang Pembentukan Daerah Otonom Kota-Kota "
        "Besar dalam Lingkungan Daerah Propinsi Sumatera Utara;",
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah "
        "beberapa kali diubah terakhir dengan Undang-Undang Nomor 6 Tahun 2023;",
        "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
        "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil "
        "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;",
        "Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan "
        "Mutasi;",
    ]
)

TEMBUSAN = "\n".join(
    [
        "Kepala Kantor Regional VI Badan Kepegawaian Negara di Medan;",
        "Inspektur Kota Pematangsiantar;",
        "Kepala Badan Pengelola Keuangan dan Pendapatan Daerah Kota Pematangsiantar;",
        "Kepala Perangkat Daerah yang bersangkutan;",
        "Pegawai Negeri Sipil yang bersangkutan untuk diketahui dan dilaksanakan.",
    ]
)

PENANDATANGAN_JABATAN = "Wali Kota Pematangsiantar"
TEMPAT_PENETAPAN = "Pematangsiantar"
