import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from instansi.choices import Golongan, Pendidikan, golongan_dengan_pangkat
from instansi.models import Jabatan
from mutasi_asn.impor_kontrak import kontrak_impor
from mutasi_asn.validators import tolak_kontrol_arah

from .choices import JenisKelamin, PredikatSKP, StatusImpor, StatusKepegawaian
from .nip import format_nip, urai_nip, validasi_ni_pppk
from .querysets import ImporRegisterQuerySet, PegawaiQuerySet, RiwayatJabatanQuerySet


class Pegawai(models.Model):
    """A civil servant (ASN) of the city: PNS, CPNS or PPPK, with their current position.

    Birth date and gender of a PNS/CPNS come from the NIP (set by the service, checked here);
    a PPPK's NI carries other meanings, so for them both are entered.
    """

    nip = models.CharField(_("NIP/NI"), max_length=18, unique=True)
    gelar_depan = models.CharField(
        _("gelar depan"), max_length=50, blank=True, validators=[tolak_kontrol_arah]
    )
    nama = models.CharField(
        _("nama"), max_length=150, db_index=True, validators=[tolak_kontrol_arah]
    )
    gelar_belakang = models.CharField(
        _("gelar belakang"), max_length=100, blank=True, validators=[tolak_kontrol_arah]
    )
    status = models.CharField(
        _("status kepegawaian"), max_length=4, choices=StatusKepegawaian.choices
    )
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    golongan = models.PositiveSmallIntegerField(_("golongan/ruang"), choices=Golongan.choices)
    pendidikan = models.PositiveSmallIntegerField(_("pendidikan"), choices=Pendidikan.choices)
    bidang_studi = models.CharField(_("bidang studi"), max_length=150, blank=True)
    jabatan = models.ForeignKey(
        Jabatan,
        verbose_name=_("jabatan saat ini"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pemangku",
    )
    tmt_jabatan = models.DateField(_("TMT jabatan"), null=True, blank=True)
    tmt_cpns = models.DateField(_("TMT CPNS"), null=True, blank=True)
    skp_tahun_lalu = models.CharField(
        _("predikat SKP tahun lalu"), max_length=20, choices=PredikatSKP.choices, blank=True
    )
    skp_dua_tahun_lalu = models.CharField(
        _("predikat SKP dua tahun lalu"), max_length=20, choices=PredikatSKP.choices, blank=True
    )
    proses_disiplin = models.BooleanField(
        _("sedang menjalani proses/hukuman disiplin"), default=False
    )
    tugas_belajar = models.BooleanField(_("sedang tugas belajar"), default=False)
    cuti_luar_tanggungan = models.BooleanField(_("cuti di luar tanggungan negara"), default=False)
    temuan_inspektorat = models.BooleanField(_("ada temuan Inspektorat terbuka"), default=False)
    aktif = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()
    objects = PegawaiQuerySet.as_manager()

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama", "nip"]
        indexes = [
            models.Index(fields=["jabatan", "aktif"], name="pegawai_jabatan_aktif_idx"),
            # No NIP index here: `unique=True` gives one, and the NIP prefix search is a range
            # of it (see PegawaiFilter.cari). PostgreSQL also gets Django's own `_like` index.
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(nip__regex=r"^[0-9]{18}$"),
                name="pegawai_nip_18_angka",
                violation_error_message=_("NIP/NI harus terdiri dari 18 angka."),
            ),
        ]

    def __str__(self):
        return f"{self.nama_lengkap} ({self.nip_tampil})"

    def get_absolute_url(self):
        return reverse("pegawai:pegawai_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.status in (StatusKepegawaian.PNS, StatusKepegawaian.CPNS):
            try:
                info = urai_nip(self.nip)
            except ValidationError as exc:
                errors["nip"] = exc.messages
            else:
                if self.tanggal_lahir and self.tanggal_lahir != info.tanggal_lahir:
                    errors["tanggal_lahir"] = _(
                        "Tanggal lahir harus sama dengan yang tertera di NIP."
                    )
                if self.jenis_kelamin and self.jenis_kelamin != info.jenis_kelamin:
                    errors["jenis_kelamin"] = _("Jenis kelamin harus sama dengan digit ke-15 NIP.")
            if self.golongan and self.golongan > 100:
                errors["golongan"] = _("PNS/CPNS memakai golongan I/a sampai IV/e.")
        elif self.status == StatusKepegawaian.PPPK:
            try:
                validasi_ni_pppk(self.nip)
            except ValidationError as exc:
                errors["nip"] = exc.messages
            if self.golongan and self.golongan < 100:
                errors["golongan"] = _("PPPK memakai golongan I sampai XVII.")
        # A TMT typed as 01/01/1900 (or with the year mistyped) would date the riwayat jabatan
        # and the time in position before the person was born.
        if self.tanggal_lahir and "tanggal_lahir" not in errors:
            for field, label in (("tmt_jabatan", _("TMT jabatan")), ("tmt_cpns", _("TMT CPNS"))):
                tmt = getattr(self, field)
                if tmt and tmt <= self.tanggal_lahir:
                    errors[field] = _("%(label)s harus sesudah tanggal lahir (%(lahir)s).") % {
                        "label": label,
                        "lahir": self.tanggal_lahir.strftime("%d/%m/%Y"),
                    }
        if errors:
            raise ValidationError(errors)

    @property
    def nama_lengkap(self) -> str:
        """The name as written on decrees: `dr. Maria Siregar, M.Kes.`"""
        nama = f"{self.gelar_depan} {self.nama}".strip()
        return f"{nama}, {self.gelar_belakang}" if self.gelar_belakang else nama

    @property
    def nip_tampil(self) -> str:
        return format_nip(self.nip)

    @property
    def golongan_tampil(self) -> str:
        return golongan_dengan_pangkat(self.golongan)

    @property
    def batas_usia_pensiun(self) -> int:
        return self.jabatan.batas_usia_pensiun if self.jabatan_id else 58

    @property
    def tanggal_pensiun(self) -> datetime.date:
        """First day of the month after the birthday on which the BUP is reached."""
        lahir = self.tanggal_lahir
        tahun = lahir.year + self.batas_usia_pensiun
        bulan = lahir.month + 1
        if bulan == 13:
            tahun, bulan = tahun + 1, 1
        return datetime.date(tahun, bulan, 1)

    @property
    def hambatan_mutasi(self) -> list[str]:
        """The flags that block a transfer, as sentences."""
        alasan = []
        if self.proses_disiplin:
            alasan.append(_("sedang menjalani proses atau hukuman disiplin"))
        if self.tugas_belajar:
            alasan.append(_("sedang tugas belajar"))
        if self.cuti_luar_tanggungan:
            alasan.append(_("sedang cuti di luar tanggungan negara"))
        if self.temuan_inspektorat:
            alasan.append(_("memiliki temuan Inspektorat yang belum selesai"))
        return alasan


class RiwayatJabatan(models.Model):
    """One period in which a pegawai held a jabatan. The open row (no end date) is the current one."""

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="riwayat_jabatan"
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan"), on_delete=models.PROTECT, related_name="riwayat"
    )
    tanggal_mulai = models.DateField(_("TMT mulai"))
    tanggal_selesai = models.DateField(_("sampai"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = RiwayatJabatanQuerySet.as_manager()

    class Meta:
        verbose_name = _("riwayat jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["pegawai", "-tanggal_mulai"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"],
                condition=Q(tanggal_selesai__isnull=True),
                name="riwayat_satu_jabatan_terbuka",
                violation_error_message=_(
                    "Pegawai hanya boleh memiliki satu jabatan yang sedang berjalan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(tanggal_selesai__isnull=True)
                | Q(tanggal_selesai__gte=F("tanggal_mulai")),
                name="riwayat_selesai_setelah_mulai",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum TMT mulai."),
            ),
        ]

    def __str__(self):
        return f"{self.jabatan} ({self.tanggal_mulai:%d/%m/%Y})"

    def tanggal_selesai_sebelum(self, tmt: datetime.date) -> datetime.date:
        """The last day of this row when what follows it takes effect on `tmt`: the day before.

        A row is held up to and including its end date, so ending on the TMT would count the
        employee in two positions that day. A successor on the row's own start day (a same-day
        correction) leaves the shortest row the database allows: that one day.
        """
        return max(tmt - datetime.timedelta(days=1), self.tanggal_mulai)


class ImporRegister(models.Model):
    """One upload of the register from a spreadsheet: who imported what, when, and the outcome.

    The file itself is kept privately under PRIVATE_MEDIA_ROOT/impor (never served by URL) so
    the commit can re-read and re-check it; counts and row errors are kept for the preview.
    """

    # The kind is a registered import contract (mutasi_asn.impor_kontrak), not a fixed list:
    # a new import needs no migration.
    jenis = models.CharField(_("jenis data"), max_length=20)
    opsi = models.JSONField(_("pilihan impor"), default=dict, blank=True)
    nama_berkas = models.CharField(_("nama berkas"), max_length=255)
    berkas = models.CharField(_("lokasi berkas"), max_length=255, blank=True, editable=False)
    ukuran = models.PositiveIntegerField(_("ukuran (byte)"), default=0)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="impor_register",
    )
    dibuat = models.DateTimeField(_("waktu unggah"), auto_now_add=True)
    selesai = models.DateTimeField(_("waktu selesai"), null=True, blank=True)
    # Last sign of life of its check or commit (progress included): a running import silent for
    # longer than a task may live was lost, and `impor_akhiri_yang_macet` ends it.
    diperbarui = models.DateTimeField(_("terakhir diperbarui"), auto_now=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StatusImpor.choices, default=StatusImpor.MENUNGGU
    )
    pesan = models.TextField(_("pesan"), blank=True)
    jumlah_baris = models.PositiveIntegerField(_("jumlah baris"), default=0)
    jumlah_baru = models.PositiveIntegerField(_("baris baru"), default=0)
    jumlah_ubah = models.PositiveIntegerField(_("baris diperbarui"), default=0)
    jumlah_tetap = models.PositiveIntegerField(_("baris tanpa perubahan"), default=0)
    jumlah_galat = models.PositiveIntegerField(_("baris bermasalah"), default=0)
    jumlah_diproses = models.PositiveIntegerField(_("baris diproses"), default=0)
    tahap = models.CharField(_("tahap"), max_length=20, blank=True)
    galat = models.JSONField(_("daftar kesalahan"), default=list, blank=True)
    contoh = models.JSONField(_("contoh baris"), default=list, blank=True)
    kolom_diabaikan = models.JSONField(_("kolom diabaikan"), default=list, blank=True)

    objects = ImporRegisterQuerySet.as_manager()

    class Meta:
        verbose_name = _("impor register")
        verbose_name_plural = _("impor register")
        ordering = ["-dibuat", "-pk"]

    def __str__(self):
        return f"Impor {self.get_jenis_display().lower()} {self.nama_berkas}"

    def get_absolute_url(self):
        return reverse("pegawai:impor_detail", args=[self.pk])

    @property
    def kontrak(self):
        return kontrak_impor(self.jenis)

    def get_jenis_display(self) -> str:
        try:
            label = self.kontrak.label
        except KeyError:  # a kind no longer registered still has its audit rows
            return self.jenis
        keterangan = self.kontrak.keterangan_opsi(self.opsi or {})
        return f"{label} ({keterangan})" if keterangan else label

    @property
    def boleh_disimpan(self) -> bool:
        return (
            self.status == StatusImpor.PRATINJAU
            and self.jumlah_galat == 0
            and (self.jumlah_baru + self.jumlah_ubah > 0)
        )

    @property
    def sedang_berjalan(self) -> bool:
        return self.status in (StatusImpor.MENUNGGU, StatusImpor.DIPROSES)

    @property
    def persen(self) -> int:
        if self.status == StatusImpor.BERHASIL:
            return 100
        if not self.jumlah_baris:
            return 0
        if self.status == StatusImpor.MENUNGGU:
            return min(99, round(100 * self.jumlah_diproses / self.jumlah_baris))
        # Checking the rows again is the first half of the bar, writing them the second.
        sudah = self.jumlah_diproses + (self.jumlah_baris if self.tahap == "menyimpan" else 0)
        return min(99, round(50 * sudah / self.jumlah_baris))


# Competency facts, SKP and the talent pool's data live in their own module.
from .models_kompetensi import (  # noqa: E402, F401
    HasilAsesmen,
    KotakTalenta,
    LabelPredikatSKP,
    PengaturanKompetensi,
    RiwayatPelatihan,
    SertifikasiPegawai,
    SKPTahunan,
)
