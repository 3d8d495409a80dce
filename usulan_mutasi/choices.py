"""Code lists of the transfer workflow: kinds, reasons, states and the events of the timeline."""

from django.db import models


class JenisMutasi(models.TextChoices):
    ANTAR_UNIT = "antar_unit", "Dalam satu OPD (antar unit)"
    ANTAR_OPD = "antar_opd", "Antar OPD"
    KELUAR = "keluar", "Keluar ke instansi lain"
    MASUK = "masuk", "Masuk dari instansi lain"


class AlasanMutasi(models.TextChoices):
    PEMERATAAN = "pemerataan", "Pemerataan beban kerja"
    PENGEMBANGAN_KARIER = "pengembangan_karier", "Pengembangan karier"
    PERMINTAAN_SENDIRI = "permintaan_sendiri", "Atas permintaan sendiri"
    PENYEGARAN = "penyegaran", "Penyegaran"
    LAINNYA = "lainnya", "Lainnya"


class StatusUsulan(models.TextChoices):
    DRAF = "draf", "Draf"
    DIAJUKAN = "diajukan", "Verifikasi BKPSDM"
    PERSETUJUAN_ASAL = "persetujuan_asal", "Persetujuan kepala OPD asal"
    PERSETUJUAN_TUJUAN = "persetujuan_tujuan", "Persetujuan kepala OPD tujuan"
    PERTIMBANGAN_TIM = "pertimbangan_tim", "Pertimbangan Tim Penilai Kinerja"
    KEPUTUSAN_PPK = "keputusan_ppk", "Keputusan PPK"
    DISETUJUI = "disetujui", "Disetujui"
    DALAM_SK = "dalam_sk", "Dalam SK"
    BERLAKU = "berlaku", "Berlaku"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
    DITOLAK = "ditolak", "Ditolak"
    DIBATALKAN = "dibatalkan", "Dibatalkan"


# Steps in which somebody other than the proposer must decide; each has a due date.
# Plain strings (not enum members) so they hash like the values read from the database.
STATUS_TAHAP_PERSETUJUAN = (
    StatusUsulan.DIAJUKAN.value,
    StatusUsulan.PERSETUJUAN_ASAL.value,
    StatusUsulan.PERSETUJUAN_TUJUAN.value,
    StatusUsulan.PERTIMBANGAN_TIM.value,
    StatusUsulan.KEPUTUSAN_PPK.value,
)
# A proposal in one of these states is "in progress": at most one per pegawai (DB constraint).
STATUS_BERJALAN = (
    StatusUsulan.DRAF.value,
    StatusUsulan.DIKEMBALIKAN.value,
    *STATUS_TAHAP_PERSETUJUAN,
    StatusUsulan.DISETUJUI.value,
    StatusUsulan.DALAM_SK.value,
)
# Submitted and not yet in effect: these moves will change the bezetting of their positions, so a
# new proposal's impact counts them in.
STATUS_DIPROSES = (
    *STATUS_TAHAP_PERSETUJUAN,
    StatusUsulan.DISETUJUI.value,
    StatusUsulan.DALAM_SK.value,
)
STATUS_SELESAI = (
    StatusUsulan.BERLAKU.value,
    StatusUsulan.DITOLAK.value,
    StatusUsulan.DIBATALKAN.value,
)
# The proposer may still cancel in these states (before the PPK's decision).
STATUS_BOLEH_BATAL = (
    StatusUsulan.DRAF.value,
    StatusUsulan.DIKEMBALIKAN.value,
    *STATUS_TAHAP_PERSETUJUAN,
)
# The proposer may edit in these states.
STATUS_BOLEH_UBAH = (StatusUsulan.DRAF.value, StatusUsulan.DIKEMBALIKAN.value)


class AksiPeristiwa(models.TextChoices):
    DIBUAT = "dibuat", "Usulan dibuat"
    DIUBAH = "diubah", "Usulan diubah"
    DIAJUKAN = "diajukan", "Usulan diajukan"
    DIVERIFIKASI = "diverifikasi", "Diverifikasi BKPSDM"
    DISETUJUI_ASAL = "disetujui_asal", "Disetujui kepala OPD asal"
    DISETUJUI_TUJUAN = "disetujui_tujuan", "Disetujui kepala OPD tujuan"
    DIPERTIMBANGKAN = "dipertimbangkan", "Dipertimbangkan Tim Penilai Kinerja"
    DIPUTUSKAN = "diputuskan", "Disetujui PPK"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan ke pengusul"
    DITOLAK = "ditolak", "Ditolak"
    DIBATALKAN = "dibatalkan", "Dibatalkan"
    MASUK_SK = "masuk_sk", "Dimasukkan ke SK"
    KELUAR_SK = "keluar_sk", "Dikeluarkan dari SK"
    SK_DITETAPKAN = "sk_ditetapkan", "SK ditetapkan"
    BERLAKU = "berlaku", "Mutasi berlaku"
    DOKUMEN_DIUNGGAH = "dokumen_diunggah", "Dokumen diunggah"
    DOKUMEN_DIVERIFIKASI = "dokumen_diverifikasi", "Dokumen diverifikasi"


# Events after which the proposer hears the outcome (besides whoever must act next).
AKSI_KEPUTUSAN = (
    AksiPeristiwa.DIVERIFIKASI,
    AksiPeristiwa.DISETUJUI_ASAL,
    AksiPeristiwa.DISETUJUI_TUJUAN,
    AksiPeristiwa.DIPERTIMBANGKAN,
    AksiPeristiwa.DIPUTUSKAN,
    AksiPeristiwa.DIKEMBALIKAN,
    AksiPeristiwa.DITOLAK,
    AksiPeristiwa.SK_DITETAPKAN,
    AksiPeristiwa.BERLAKU,
)


class StatusSK(models.TextChoices):
    DRAF = "draf", "Draf"
    DITETAPKAN = "ditetapkan", "Ditetapkan"
    BERLAKU = "berlaku", "Berlaku"


class VerdikDokumen(models.TextChoices):
    BELUM = "belum", "Belum diperiksa"
    SESUAI = "sesuai", "Sesuai"
    PERLU_PERBAIKAN = "perlu_perbaikan", "Perlu perbaikan"


class DipenuhiSistem(models.TextChoices):
    """What the system itself holds in place of an uploaded document."""

    ABK = "abk", "Angka ABK yang tercatat saat usulan diajukan"
    PERSETUJUAN_ASAL = "persetujuan_asal", "Persetujuan kepala OPD asal di aplikasi"
    PERSETUJUAN_TUJUAN = "persetujuan_tujuan", "Persetujuan kepala OPD tujuan di aplikasi"


class PejabatKeputusanLuar(models.TextChoices):
    GUBERNUR = "gubernur", "Gubernur"
    MENDAGRI = "mendagri", "Menteri Dalam Negeri"


class MasaJabatanMinimal(models.IntegerChoices):
    ENAM_BULAN = 6, "6 bulan (ketentuan BKN 2025)"
    DUA_TAHUN = 24, "2 tahun (PP 11/2017)"


class StatusNomorSK(models.TextChoices):
    DIPAKAI = "dipakai", "Dipakai SK"
    DIBATALKAN = "dibatalkan", "Nomor dibatalkan"


class JenisBerkasSK(models.TextChoices):
    SK = "sk", "Keputusan Wali Kota"
    PETIKAN = "petikan", "Petikan"
    SURAT_MELEPAS = "surat_melepas", "Surat persetujuan melepas"
    SURAT_MENERIMA = "surat_menerima", "Surat persetujuan menerima"


class StatusPembuatanPDF(models.TextChoices):
    ANTRI = "antri", "Dalam antrean"
    PROSES = "proses", "Sedang dibuat"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"
