"""Demo workload analysis: uraian tugas for every jabatan of the demo register, then the results.

Volumes are chosen so that each jabatan's kebutuhan follows the *intended* staffing of its unit:
the register generator (mutasi_asn/demo/register.py) over- or under-staffs each unit by a
factor, so the need of a jabatan is its holders divided by that factor (with a little noise).
Over-staffed units therefore come out "lebih", short ones "kurang", balanced ones around "sesuai".
"""

import random
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from analisis_beban.choices import StatusPeriode
from analisis_beban.models import PeriodeABK, UraianTugas
from analisis_beban.services import abk_hitung
from instansi.choices import JenisJabatan
from instansi.models import Jabatan, UnitKerja

WKE = 75000
PIMPINAN = {JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS}

# (uraian, hasil kerja, satuan, norma waktu in minutes, share of the jabatan's workload)
TUGAS = {
    "guru": [
        ("Melaksanakan pembelajaran tatap muka di kelas", "Jam pelajaran", "jam pelajaran", 45, 55),
        ("Menyusun rencana pelaksanaan pembelajaran", "RPP", "dokumen", 120, 12),
        (
            "Menilai dan mengevaluasi hasil belajar peserta didik",
            "Laporan penilaian",
            "laporan",
            30,
            15,
        ),
        ("Membimbing kegiatan ekstrakurikuler", "Laporan kegiatan", "kegiatan", 90, 8),
        ("Melaksanakan remedial dan pengayaan", "Daftar nilai remedial", "kegiatan", 60, 10),
    ],
    "dokter": [
        (
            "Melakukan pemeriksaan dan pengobatan pasien rawat jalan",
            "Pasien terlayani",
            "pasien",
            15,
            55,
        ),
        ("Melakukan visite pasien rawat inap", "Catatan visite", "pasien", 10, 20),
        ("Melakukan tindakan medik sederhana", "Tindakan", "tindakan", 30, 15),
        ("Menyusun rekam medis dan rujukan", "Rekam medis", "berkas", 10, 10),
    ],
    "perawat": [
        ("Melakukan pengkajian keperawatan", "Dokumen pengkajian", "pasien", 20, 25),
        ("Melaksanakan tindakan keperawatan", "Tindakan keperawatan", "tindakan", 15, 45),
        (
            "Melakukan edukasi kesehatan kepada pasien dan keluarga",
            "Catatan edukasi",
            "kegiatan",
            30,
            15,
        ),
        ("Mendokumentasikan asuhan keperawatan", "Catatan asuhan", "berkas", 10, 15),
    ],
    "bidan": [
        (
            "Melakukan pemeriksaan kehamilan (antenatal care)",
            "Ibu hamil terperiksa",
            "kunjungan",
            30,
            40,
        ),
        ("Menolong persalinan normal", "Persalinan", "persalinan", 240, 20),
        ("Melayani keluarga berencana", "Akseptor KB", "akseptor", 20, 20),
        ("Melakukan kunjungan nifas dan neonatal", "Kunjungan", "kunjungan", 45, 20),
    ],
    "apoteker": [
        ("Melakukan pengkajian dan pelayanan resep", "Resep terlayani", "resep", 8, 55),
        ("Melaksanakan pelayanan informasi obat", "Konseling", "pasien", 15, 20),
        ("Mengelola perbekalan farmasi", "Laporan persediaan", "laporan", 240, 25),
    ],
    "laboratorium": [
        ("Melakukan pemeriksaan spesimen laboratorium", "Hasil pemeriksaan", "sampel", 20, 65),
        ("Mengambil dan menyiapkan spesimen", "Spesimen", "sampel", 10, 20),
        ("Memelihara dan mengkalibrasi alat laboratorium", "Laporan pemeliharaan", "alat", 120, 15),
    ],
    "pengadministrasi": [
        ("Menerima, mencatat dan mendistribusikan surat masuk", "Agenda surat", "surat", 10, 35),
        ("Mengetik dan menggandakan naskah dinas", "Naskah dinas", "naskah", 20, 30),
        ("Menata arsip dinamis", "Berkas arsip", "berkas", 15, 20),
        ("Melayani tamu dan permintaan informasi", "Buku tamu", "tamu", 10, 15),
    ],
    "keuangan": [
        ("Memverifikasi surat permintaan pembayaran", "SPP terverifikasi", "berkas", 45, 40),
        ("Menyusun laporan pertanggungjawaban keuangan", "Laporan keuangan", "laporan", 480, 25),
        ("Mencatat transaksi dalam buku kas umum", "Buku kas umum", "transaksi", 10, 20),
        ("Merekonsiliasi data keuangan", "Berita acara rekonsiliasi", "dokumen", 240, 15),
    ],
    "sdm": [
        ("Memproses usulan kenaikan pangkat dan berkala", "Usulan kepegawaian", "berkas", 60, 35),
        ("Memutakhirkan data pegawai di SIASN", "Data pegawai mutakhir", "pegawai", 15, 30),
        ("Menyusun analisis jabatan dan beban kerja", "Dokumen anjab-ABK", "jabatan", 240, 20),
        ("Mengelola penilaian kinerja pegawai", "Rekap SKP", "pegawai", 20, 15),
    ],
    "komputer": [
        ("Memelihara jaringan dan perangkat komputer", "Laporan pemeliharaan", "perangkat", 60, 35),
        ("Mengembangkan dan memelihara aplikasi", "Modul aplikasi", "modul", 960, 35),
        ("Memberikan dukungan teknis pengguna", "Tiket tertangani", "tiket", 30, 30),
    ],
    "analis": [
        ("Menyusun kajian kebijakan", "Dokumen kajian", "dokumen", 2400, 45),
        ("Mengumpulkan dan mengolah data pendukung", "Data olahan", "paket data", 240, 30),
        ("Menyiapkan bahan rapat koordinasi", "Bahan rapat", "bahan", 120, 25),
    ],
    "teknis": [
        ("Menelaah dokumen teknis dan usulan", "Telaahan staf", "dokumen", 120, 40),
        ("Menyiapkan bahan penyusunan program kerja", "Bahan program", "dokumen", 240, 25),
        ("Melakukan verifikasi lapangan", "Laporan verifikasi", "lokasi", 180, 20),
        ("Menyusun laporan kegiatan bidang", "Laporan kegiatan", "laporan", 300, 15),
    ],
    "data": [
        ("Menginput dan memvalidasi data", "Data tervalidasi", "record", 3, 50),
        ("Menyusun rekapitulasi dan statistik", "Rekapitulasi", "laporan", 240, 30),
        ("Menyajikan informasi untuk pimpinan", "Bahan informasi", "bahan", 90, 20),
    ],
    "layanan": [
        ("Melayani permohonan masyarakat", "Permohonan terlayani", "permohonan", 20, 50),
        ("Memeriksa kelengkapan berkas permohonan", "Berkas diperiksa", "berkas", 10, 30),
        ("Menyusun laporan pelayanan", "Laporan pelayanan", "laporan", 240, 20),
    ],
    "pimpinan": [
        (
            "Memimpin dan mengoordinasikan pelaksanaan tugas unit",
            "Arahan pimpinan",
            "kegiatan",
            120,
            35,
        ),
        ("Menandatangani dan memparaf naskah dinas", "Naskah ditandatangani", "naskah", 10, 20),
        ("Memimpin rapat dan koordinasi", "Notulen rapat", "rapat", 120, 20),
        ("Membina dan menilai kinerja bawahan", "Penilaian kinerja", "pegawai", 60, 15),
        ("Menyusun laporan kinerja unit", "Laporan kinerja", "laporan", 960, 10),
    ],
    "wilayah": [
        (
            "Mengoordinasikan penyelenggaraan pemerintahan wilayah",
            "Rapat koordinasi",
            "kegiatan",
            180,
            35,
        ),
        (
            "Melayani administrasi kependudukan dan surat keterangan",
            "Surat keterangan",
            "surat",
            15,
            30,
        ),
        ("Membina lembaga kemasyarakatan", "Laporan pembinaan", "kegiatan", 120, 20),
        ("Memantau ketenteraman dan ketertiban wilayah", "Laporan pemantauan", "laporan", 120, 15),
    ],
}

# First match wins: a keyword in the jabatan name → a task catalogue.
KATA_KUNCI = [
    ("Kepala Sekolah", "pimpinan"),
    ("Kepala Puskesmas", "pimpinan"),
    ("Camat", "wilayah"),
    ("Lurah", "wilayah"),
    ("Guru", "guru"),
    ("Dokter", "dokter"),
    ("Perawat", "perawat"),
    ("Bidan", "bidan"),
    ("Apoteker", "apoteker"),
    ("Laboratorium", "laboratorium"),
    ("Keuangan", "keuangan"),
    ("Sumber Daya Manusia", "sdm"),
    ("Pranata Komputer", "komputer"),
    ("Analis", "analis"),
    ("Pengolah Data", "data"),
    ("Penelaah", "teknis"),
    ("Layanan", "layanan"),
    ("Pengadministrasi", "pengadministrasi"),
    ("Operator", "pengadministrasi"),
    ("Kepala", "pimpinan"),
    ("Sekretaris", "pimpinan"),
    ("Direktur", "pimpinan"),
]


def katalog_untuk(nama_jabatan: str) -> list[tuple]:
    for kata, kunci in KATA_KUNCI:
        if kata.lower() in nama_jabatan.lower():
            return TUGAS[kunci]
    return TUGAS["teknis"]


def faktor_unit_register(seed: int) -> dict[int, float]:
    """The staffing factor per unit that `buat_register_demo(seed=seed)` drew.

    The register generator draws it first from `random.Random(seed)`, one unit after another in
    creation (primary key) order; replaying that gives the same factors for a register that
    was created earlier (e.g. by a previous `make run`).
    """
    rng = random.Random(seed)
    faktor = {}
    for pk in UnitKerja.objects.order_by("pk").values_list("pk", flat=True):
        r = rng.random()
        faktor[pk] = (
            rng.uniform(0.3, 0.7)
            if r < 0.3
            else (rng.uniform(1.6, 2.8) if r > 0.7 else rng.uniform(0.9, 1.15))
        )
    return faktor


def _tugas_jabatan(rng, periode, jabatan_id, nama, kebutuhan_target, skala_volume=1.0):
    katalog = katalog_untuk(nama)
    # Fewer tasks for small catalogues, never fewer than 3.
    jumlah = rng.randint(min(3, len(katalog)), len(katalog))
    dipilih = katalog[:jumlah]
    total_bobot = sum(t[4] for t in dipilih)
    beban = kebutuhan_target * WKE * skala_volume
    hasil = []
    for urutan, (uraian, hasil_kerja, satuan, norma, bobot) in enumerate(dipilih, start=1):
        volume = Decimal(beban * bobot / total_bobot / norma).quantize(
            Decimal("1"), rounding=ROUND_HALF_UP
        )
        hasil.append(
            UraianTugas(
                periode=periode,
                jabatan_id=jabatan_id,
                urutan=urutan,
                uraian=uraian,
                hasil_kerja=hasil_kerja,
                satuan=satuan,
                volume=volume,
                norma_waktu_menit=Decimal(norma),
            )
        )
    return hasil


@transaction.atomic
def buat_abk_demo(*, tahun: int = 2026, seed: int = 2026, faktor_unit: dict | None = None):
    """Create ABK periods `tahun` and `tahun - 1` with tasks for every active jabatan, then compute.

    Periods that already exist are left alone. Returns {tahun: number of tasks created}.
    """
    faktor = faktor_unit or faktor_unit_register(seed)
    jabatan = list(
        Jabatan.objects.filter(aktif=True)
        .annotate(bez=Count("pemangku", filter=Q(pemangku__aktif=True)))
        .values_list("pk", "nama", "unit_kerja_id", "jenis", "bez")
        .order_by("pk")
    )
    dibuat = {}
    # Last year is the archive; this year is the period in force (unless one already is).
    ada_berlaku = PeriodeABK.objects.filter(status=StatusPeriode.BERLAKU).exists()
    for th, skala, ket, status in [
        (tahun - 1, 0.93, "Data demo tahun lalu", StatusPeriode.ARSIP),
        (
            tahun,
            1.0,
            "Data demo",
            StatusPeriode.PENYUSUNAN if ada_berlaku else StatusPeriode.BERLAKU,
        ),
    ]:
        if PeriodeABK.objects.filter(tahun=th).exists():
            continue
        periode = PeriodeABK.objects.create(
            tahun=th,
            keterangan=ket,
            status=status,
            ditetapkan_pada=timezone.now() if status == StatusPeriode.BERLAKU else None,
        )
        rng = random.Random(seed * 10000 + th)
        tugas = []
        for pk, nama, unit_id, jenis, bez in jabatan:
            f = faktor.get(unit_id, 1.0)
            if jenis in PIMPINAN:
                # One head per unit whatever the staffing: busy, near a full person.
                target = rng.uniform(0.85, 1.25)
            elif bez == 0:
                # A vacant position in a short unit is needed; elsewhere a small need.
                target = rng.choice([1, 1, 2]) if f < 0.9 else rng.uniform(0.2, 0.6)
            else:
                target = max(0.3, bez / f * rng.uniform(0.92, 1.08))
            tugas.extend(_tugas_jabatan(rng, periode, pk, nama, target, skala))
        UraianTugas.objects.bulk_create(tugas, batch_size=5000)
        abk_hitung(periode=periode, alasan="Data demo")
        dibuat[th] = len(tugas)
    return dibuat
