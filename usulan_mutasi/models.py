"""Transfer proposals (usulan mutasi), their approval chain, events, documents and decrees (SK).

The proposal's `status` is a protected FSM field: it changes only through the `@transition`
methods below, which the services in `services.py` call after locking the row and checking who
acts. The methods hold no rules about people; they only say which move is possible from where.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import GET_STATE, FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from instansi.models import Instansi, Jabatan, UnitKerja
from mutasi_asn.penyimpanan import penyimpanan_privat_bersama
from pegawai.models import Pegawai

from . import dokumen_bawaan
from .choices import (
    STATUS_BERJALAN,
    STATUS_BOLEH_BATAL,
    STATUS_TAHAP_PERSETUJUAN,
    AksiPeristiwa,
    AlasanMutasi,
    DipenuhiSistem,
    JenisBerkasSK,
    JenisMutasi,
    MasaJabatanMinimal,
    PejabatKeputusanLuar,
    StatusNomorSK,
    StatusPembuatanPDF,
    StatusSK,
    StatusUsulan,
    VerdikDokumen,
)
from .querysets import (
    DokumenUsulanQuerySet,
    KomentarUsulanQuerySet,
    NomorSKQuerySet,
    PeristiwaUsulanQuerySet,
    SuratKeputusanQuerySet,
    UsulanMutasiQuerySet,
)

S = StatusUsulan


_penyimpanan_privat = penyimpanan_privat_bersama


def penyimpanan_privat():
    return _penyimpanan_privat


def lokasi_dokumen(instance, filename):
    return f"usulan/{timezone.now():%Y/%m}/{instance.usulan_id}/{filename}"


def lokasi_scan_sk(instance, filename):
    return f"sk/{timezone.now():%Y/%m}/{instance.pk}/ttd-{filename}"


class PengaturanMutasi(models.Model):
    """The settings of the transfer rules that differ between regulations (one row, edited in admin)."""

    masa_jabatan_minimal_bulan = models.PositiveSmallIntegerField(
        _("masa jabatan minimal (bulan)"),
        choices=MasaJabatanMinimal.choices,
        default=MasaJabatanMinimal.ENAM_BULAN,
    )
    hari_kerja_per_tahap = models.PositiveSmallIntegerField(
        _("tenggat tiap tahap (hari kerja)"), default=5
    )
    batas_turun_kelas = models.PositiveSmallIntegerField(
        _("batas turun kelas jabatan"),
        default=2,
        help_text=_(
            "Mutasi ke jabatan yang kelasnya turun lebih dari sekian kelas dari jabatan asal "
            "memberi peringatan yang harus dijawab dengan justifikasi."
        ),
    )
    pembekuan_mulai = models.DateField(_("masa pembekuan mutasi mulai"), null=True, blank=True)
    pembekuan_selesai = models.DateField(_("masa pembekuan mutasi selesai"), null=True, blank=True)
    pembekuan_catatan = models.CharField(
        _("keterangan pembekuan"),
        max_length=255,
        blank=True,
        help_text=_("Misalnya: masa Pilkada; mutasi pejabat hanya dengan persetujuan Mendagri."),
    )
    pembekuan_memblokir = models.BooleanField(
        _("pembekuan memblokir SK"),
        default=True,
        help_text=_(
            "Bila aktif, SK dalam masa pembekuan hanya dapat dibuat dengan nomor persetujuan "
            "tertulis Mendagri; bila tidak, SK hanya ditandai."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengaturan mutasi")
        verbose_name_plural = _("pengaturan mutasi")
        constraints = [
            models.CheckConstraint(
                condition=Q(pembekuan_mulai__isnull=True)
                | Q(pembekuan_selesai__isnull=True)
                | Q(pembekuan_mulai__lte=models.F("pembekuan_selesai")),
                name="pengaturan_pembekuan_urut",
                violation_error_message=_(
                    "Tanggal mulai pembekuan tidak boleh setelah tanggal selesainya."
                ),
            ),
        ]

    def __str__(self):
        return str(_("Pengaturan mutasi"))

    def save(self, *args, **kwargs):
        self.pk = 1  # a singleton: there is only ever one row
        super().save(*args, **kwargs)

    @classmethod
    def muat(cls) -> "PengaturanMutasi":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    def dalam_pembekuan(self, tanggal) -> bool:
        if not (self.pembekuan_mulai and self.pembekuan_selesai and tanggal):
            return False
        return self.pembekuan_mulai <= tanggal <= self.pembekuan_selesai


class _StatusTerlindungMixin:
    """full_clean() re-assigns every field it cleans; the protected status must be left alone
    (it changes only through transitions), while constraints still see it."""

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude={*(exclude or ()), "status"})


class SuratKeputusan(_StatusTerlindungMixin, FSMModelMixin, models.Model):
    """A decree (Keputusan Wali Kota) that decides one or more approved transfers."""

    nomor = models.CharField(_("nomor SK"), max_length=100, unique=True)
    tanggal = models.DateField(_("tanggal SK"))
    tmt = models.DateField(_("TMT"), help_text=_("Tanggal mulai berlakunya mutasi."))
    perihal = models.CharField(_("perihal"), max_length=255, blank=True)
    penandatangan_nama = models.CharField(_("nama penandatangan"), max_length=150)
    penandatangan_nip = models.CharField(_("NIP penandatangan"), max_length=18, blank=True)
    penandatangan_jabatan = models.CharField(
        _("jabatan penandatangan"), max_length=200, default="Wali Kota Pematangsiantar"
    )
    nomor_persetujuan_mendagri = models.CharField(
        _("nomor persetujuan tertulis Mendagri"),
        max_length=100,
        blank=True,
        help_text=_("Wajib bila tanggal SK berada dalam masa pembekuan mutasi."),
    )
    dalam_masa_pembekuan = models.BooleanField(_("dalam masa pembekuan"), default=False)
    # The konsiderans and tembusan of this decree: copied from PengaturanSK when it is drafted,
    # so a later change of the settings never rewrites a decree already made. One item a line.
    menimbang = models.TextField(_("menimbang"), blank=True)
    mengingat = models.TextField(_("mengingat"), blank=True)
    tembusan = models.TextField(_("tembusan"), blank=True)
    scan_ttd = models.FileField(
        _("pindaian SK bertanda tangan"),
        storage=penyimpanan_privat,
        upload_to=lokasi_scan_sk,
        max_length=255,
        blank=True,
    )
    scan_ttd_diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pindaian diunggah oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    scan_ttd_diunggah_pada = models.DateTimeField(
        _("pindaian diunggah pada"), null=True, blank=True
    )
    status = FSMField(
        _("status"), max_length=12, choices=StatusSK.choices, default=StatusSK.DRAF, protected=True
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    berlaku_pada = models.DateTimeField(_("diberlakukan pada"), null=True, blank=True)

    history = HistoricalRecords()
    objects = SuratKeputusanQuerySet.as_manager()

    class Meta:
        verbose_name = _("surat keputusan")
        verbose_name_plural = _("surat keputusan")
        ordering = ["-tanggal", "-pk"]
        indexes = [models.Index(fields=["status", "tmt"], name="sk_status_tmt_idx")]

    def __str__(self):
        return self.nomor

    def get_absolute_url(self):
        return reverse("usulan_mutasi:suratkeputusan_detail", args=[self.pk])

    @property
    def ditandatangani(self) -> bool:
        return bool(self.scan_ttd)

    @transition(field=status, source=StatusSK.DRAF, target=StatusSK.DITETAPKAN)
    def tetapkan(self):
        self.ditetapkan_pada = timezone.now()

    @transition(field=status, source=StatusSK.DITETAPKAN, target=StatusSK.BERLAKU)
    def berlakukan(self):
        self.berlaku_pada = timezone.now()


def _status_setelah_verifikasi(usulan) -> str:
    # Coming in from another government there is no origin head of ours to ask.
    return S.PERSETUJUAN_TUJUAN if usulan.jenis == JenisMutasi.MASUK else S.PERSETUJUAN_ASAL


def _status_setelah_persetujuan_asal(usulan) -> str:
    return S.PERSETUJUAN_TUJUAN if usulan.perlu_persetujuan_tujuan else S.PERTIMBANGAN_TIM


class UsulanMutasi(_StatusTerlindungMixin, FSMModelMixin, models.Model):
    """A proposal to move one pegawai to another jabatan, unit or government, with its approvals.

    The origin (jabatan, unit, instansi) is copied when the proposal is made, so the record keeps
    what was proposed even after the register changes. The destination's unit and instansi are
    derived from the destination jabatan. For transfers out or in, the other government is a name
    with the external steps (Pertek BKN, decision of the Gubernur or Mendagri) recorded.
    """

    nomor = models.CharField(_("nomor usulan"), max_length=20, unique=True, null=True, blank=True)
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="usulan_mutasi"
    )
    jenis = models.CharField(_("jenis mutasi"), max_length=12, choices=JenisMutasi.choices)
    alasan = models.CharField(_("alasan"), max_length=20, choices=AlasanMutasi.choices)
    justifikasi = models.TextField(_("justifikasi"), blank=True)

    jabatan_asal = models.ForeignKey(
        Jabatan,
        verbose_name=_("jabatan asal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    unit_asal = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit kerja asal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    instansi_asal = models.ForeignKey(
        Instansi,
        verbose_name=_("instansi asal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="usulan_keluar",
    )
    golongan_saat_usul = models.PositiveSmallIntegerField(
        _("golongan saat diusulkan"), null=True, blank=True
    )
    jabatan_tujuan = models.ForeignKey(
        Jabatan,
        verbose_name=_("jabatan tujuan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="usulan_masuk",
    )
    unit_tujuan = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit kerja tujuan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    instansi_tujuan = models.ForeignKey(
        Instansi,
        verbose_name=_("instansi tujuan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="usulan_masuk",
    )
    instansi_luar = models.CharField(
        _("instansi luar (asal/tujuan)"),
        max_length=200,
        blank=True,
        help_text=_("Untuk mutasi keluar/masuk: nama pemerintah daerah atau instansi lain."),
    )
    nomor_pertek = models.CharField(_("nomor Pertek BKN"), max_length=100, blank=True)
    tanggal_pertek = models.DateField(_("tanggal Pertek BKN"), null=True, blank=True)
    pejabat_keputusan_luar = models.CharField(
        _("keputusan oleh"), max_length=10, choices=PejabatKeputusanLuar.choices, blank=True
    )
    nomor_keputusan_luar = models.CharField(
        _("nomor keputusan Gubernur/Mendagri"), max_length=100, blank=True
    )
    tanggal_keputusan_luar = models.DateField(
        _("tanggal keputusan Gubernur/Mendagri"), null=True, blank=True
    )

    status = FSMField(
        _("status"), max_length=20, choices=StatusUsulan.choices, default=S.DRAF, protected=True
    )
    diusulkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diusulkan oleh"),
        on_delete=models.PROTECT,
        related_name="usulan_mutasi",
    )
    # The proposing side: an OPD (its operators act as proposer) or None for BKPSDM.
    instansi_pengusul = models.ForeignKey(
        Instansi,
        verbose_name=_("instansi pengusul"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    diputuskan_pada = models.DateTimeField(_("diputuskan PPK pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    tenggat = models.DateField(_("tenggat tahap ini"), null=True, blank=True, db_index=True)
    peringatan = models.JSONField(
        _("peringatan saat diajukan"), default=list, blank=True, editable=False
    )
    justifikasi_peringatan = models.TextField(
        _("justifikasi atas peringatan"),
        blank=True,
        help_text=_("Wajib diisi bila pemeriksaan kelayakan memberi peringatan."),
    )
    alasan_penolakan = models.TextField(_("alasan penolakan"), blank=True)
    catatan_pengembalian = models.TextField(_("catatan pengembalian terakhir"), blank=True)
    surat_keputusan = models.ForeignKey(
        SuratKeputusan,
        verbose_name=_("surat keputusan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="usulan",
    )

    history = HistoricalRecords(excluded_fields=["diubah_pada"])
    objects = UsulanMutasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("usulan mutasi")
        verbose_name_plural = _("usulan mutasi")
        ordering = ["-dibuat_pada", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"],
                condition=Q(status__in=STATUS_BERJALAN),
                name="usulan_satu_berjalan_per_pegawai",
                violation_error_message=_(
                    "Pegawai ini sudah memiliki usulan mutasi lain yang sedang berjalan."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "instansi_asal"], name="usulan_status_asal_idx"),
            models.Index(fields=["status", "instansi_tujuan"], name="usulan_status_tujuan_idx"),
            models.Index(fields=["status", "tenggat"], name="usulan_status_tenggat_idx"),
            # The default list order: lets a page of the newest stop early instead of sorting all.
            models.Index(fields=["-dibuat_pada", "-id"], name="usulan_terbaru_idx"),
        ]

    def __str__(self):
        return self.nomor or f"Usulan #{self.pk}"

    def get_absolute_url(self):
        return reverse("usulan_mutasi:usulanmutasi_detail", args=[self.pk])

    def clean(self):
        errors = {}
        butuh_tujuan = (JenisMutasi.ANTAR_UNIT, JenisMutasi.ANTAR_OPD, JenisMutasi.MASUK)
        if self.jenis in butuh_tujuan and not self.jabatan_tujuan_id:
            errors["jabatan_tujuan"] = _("Jabatan tujuan wajib diisi.")
        if self.jenis in (JenisMutasi.KELUAR, JenisMutasi.MASUK) and not self.instansi_luar:
            errors["instansi_luar"] = _(
                "Nama instansi asal/tujuan di luar Pemerintah Kota wajib diisi."
            )
        if self.jenis == JenisMutasi.KELUAR and self.jabatan_tujuan_id:
            errors["jabatan_tujuan"] = _(
                "Mutasi keluar tidak memiliki jabatan tujuan di Pemerintah Kota."
            )
        elif self.jabatan_tujuan_id and self.jabatan_tujuan_id == self.jabatan_asal_id:
            # A draft that could never be submitted (eligibility blocks it): refuse it at once.
            errors["jabatan_tujuan"] = _(
                "Jabatan tujuan sama dengan jabatan pegawai sekarang; pilih jabatan tujuan yang lain."
            )
        if (
            self.jenis == JenisMutasi.ANTAR_UNIT
            and self.instansi_asal_id
            and self.instansi_tujuan_id
            and self.instansi_asal_id != self.instansi_tujuan_id
        ):
            errors["jenis"] = _(
                "Mutasi dalam satu OPD harus ke jabatan di instansi yang sama; pilih 'Antar OPD'."
            )
        if (
            self.jenis == JenisMutasi.ANTAR_OPD
            and self.instansi_asal_id
            and self.instansi_asal_id == self.instansi_tujuan_id
        ):
            errors["jenis"] = _(
                "Jabatan tujuan berada di OPD yang sama; pilih 'Dalam satu OPD (antar unit)'."
            )
        if errors:
            raise ValidationError(errors)

    # --- derived --------------------------------------------------------------------------

    @property
    def uraian_perpindahan(self) -> str:
        """The move in one line as every page, email and list names it. Inside one OPD the units
        are what changes: 'Perawat Terampil, Puskesmas 09 → Puskesmas 05 (Dinkes)'."""

        def singkat(instansi):
            return (instansi.singkatan or instansi.nama) if instansi else ""

        asal = str(self.jabatan_asal or "—")
        if self.jenis == JenisMutasi.ANTAR_UNIT and self.unit_asal_id and self.unit_tujuan_id:
            tujuan = (
                str(self.unit_tujuan)
                if self.jabatan_tujuan
                and self.jabatan_asal
                and self.jabatan_tujuan.nama == self.jabatan_asal.nama
                else f"{self.jabatan_tujuan}, {self.unit_tujuan}"
            )
            return f"{asal}, {self.unit_asal} → {tujuan} ({singkat(self.instansi_asal)})"
        if self.jabatan_asal_id and self.instansi_asal_id:
            asal = f"{asal} ({singkat(self.instansi_asal)})"
        if self.jabatan_tujuan_id:
            tujuan = f"{self.jabatan_tujuan}"
            if self.instansi_tujuan_id:
                tujuan += f" ({singkat(self.instansi_tujuan)})"
        else:
            tujuan = self.instansi_luar or "—"
        return f"{asal} → {tujuan}"

    @property
    def perlu_persetujuan_asal(self) -> bool:
        return self.jenis != JenisMutasi.MASUK

    @property
    def perlu_persetujuan_tujuan(self) -> bool:
        """A separate destination head step only when the destination is another OPD of ours."""
        if self.jenis == JenisMutasi.MASUK:
            return True
        if self.jenis == JenisMutasi.KELUAR:
            return False
        return bool(self.instansi_tujuan_id) and self.instansi_tujuan_id != self.instansi_asal_id

    @property
    def berjalan(self) -> bool:
        return self.status in STATUS_BERJALAN

    @property
    def terlambat(self) -> bool:
        return bool(
            self.tenggat
            and self.status in STATUS_TAHAP_PERSETUJUAN
            and self.tenggat < timezone.localdate()
        )

    # --- transitions (the only writers of `status`) ----------------------------------------

    @transition(field=status, source=[S.DRAF, S.DIKEMBALIKAN], target=S.DIAJUKAN)
    def ajukan(self):
        self.diajukan_pada = timezone.now()

    @transition(
        field=status,
        source=S.DIAJUKAN,
        target=GET_STATE(_status_setelah_verifikasi, [S.PERSETUJUAN_ASAL, S.PERSETUJUAN_TUJUAN]),
    )
    def verifikasi(self):
        pass

    @transition(
        field=status,
        source=S.PERSETUJUAN_ASAL,
        target=GET_STATE(
            _status_setelah_persetujuan_asal, [S.PERSETUJUAN_TUJUAN, S.PERTIMBANGAN_TIM]
        ),
    )
    def setujui_asal(self):
        pass

    @transition(field=status, source=S.PERSETUJUAN_TUJUAN, target=S.PERTIMBANGAN_TIM)
    def setujui_tujuan(self):
        pass

    @transition(field=status, source=S.PERTIMBANGAN_TIM, target=S.KEPUTUSAN_PPK)
    def pertimbangkan(self):
        pass

    @transition(field=status, source=S.KEPUTUSAN_PPK, target=S.DISETUJUI)
    def putuskan(self):
        self.diputuskan_pada = timezone.now()

    @transition(field=status, source=list(STATUS_TAHAP_PERSETUJUAN), target=S.DIKEMBALIKAN)
    def kembalikan(self, catatan: str):
        self.catatan_pengembalian = catatan

    @transition(field=status, source=list(STATUS_TAHAP_PERSETUJUAN), target=S.DITOLAK)
    def tolak(self, alasan: str):
        self.alasan_penolakan = alasan
        self.selesai_pada = timezone.now()

    @transition(field=status, source=list(STATUS_BOLEH_BATAL), target=S.DIBATALKAN)
    def batalkan(self):
        self.selesai_pada = timezone.now()

    @transition(field=status, source=S.DISETUJUI, target=S.DALAM_SK)
    def masukkan_ke_sk(self, sk: SuratKeputusan):
        self.surat_keputusan = sk

    @transition(field=status, source=S.DALAM_SK, target=S.DISETUJUI)
    def keluarkan_dari_sk(self):
        self.surat_keputusan = None

    @transition(field=status, source=S.DALAM_SK, target=S.BERLAKU)
    def berlakukan(self):
        self.selesai_pada = timezone.now()


class PeristiwaUsulan(models.Model):
    """One business event of a proposal: the timeline shown on its page and the audit trail."""

    usulan = models.ForeignKey(
        UsulanMutasi, verbose_name=_("usulan"), on_delete=models.CASCADE, related_name="peristiwa"
    )
    aktor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Kosong bila dilakukan sistem (misalnya SK berlaku otomatis pada TMT)."),
    )
    aksi = models.CharField(_("aksi"), max_length=24, choices=AksiPeristiwa.choices)
    dari_status = models.CharField(
        _("dari status"), max_length=20, choices=StatusUsulan.choices, blank=True
    )
    ke_status = models.CharField(
        _("ke status"), max_length=20, choices=StatusUsulan.choices, blank=True
    )
    catatan = models.TextField(_("catatan"), blank=True)
    waktu = models.DateTimeField(_("waktu"), default=timezone.now)
    notifikasi_terkirim_pada = models.DateTimeField(
        _("notifikasi terkirim pada"), null=True, blank=True, editable=False
    )
    # What the ABK said at a decision (submission, PPK approval, taking effect): the figures the
    # decision was made on, which a later recalculation must not rewrite.
    dampak = models.JSONField(_("dampak pada ABK saat itu"), null=True, blank=True, editable=False)

    objects = PeristiwaUsulanQuerySet.as_manager()

    class Meta:
        verbose_name = _("peristiwa usulan")
        verbose_name_plural = _("peristiwa usulan")
        ordering = ["waktu", "pk"]
        indexes = [models.Index(fields=["usulan", "waktu"], name="peristiwa_usulan_waktu_idx")]

    def __str__(self):
        return f"{self.get_aksi_display()} — {self.usulan}"


class KomentarUsulan(models.Model):
    """A comment in the discussion of a proposal."""

    usulan = models.ForeignKey(
        UsulanMutasi, verbose_name=_("usulan"), on_delete=models.CASCADE, related_name="komentar"
    )
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penulis"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    isi = models.TextField(_("komentar"))
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    objects = KomentarUsulanQuerySet.as_manager()

    class Meta:
        verbose_name = _("komentar usulan")
        verbose_name_plural = _("komentar usulan")
        ordering = ["dibuat_pada", "pk"]

    def __str__(self):
        return f"{self.penulis}: {self.isi[:40]}"


class JenisDokumen(models.Model):
    """An item of the document checklist: which kinds of transfer need it and whether it is required."""

    kode = models.SlugField(_("kode"), max_length=50, unique=True)
    nama = models.CharField(_("nama dokumen"), max_length=200)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)
    wajib = models.BooleanField(_("wajib"), default=True)
    untuk_antar_unit = models.BooleanField(_("untuk mutasi antar unit"), default=True)
    untuk_antar_opd = models.BooleanField(_("untuk mutasi antar OPD"), default=True)
    untuk_keluar = models.BooleanField(_("untuk mutasi keluar"), default=True)
    untuk_masuk = models.BooleanField(_("untuk mutasi masuk"), default=True)
    hanya_permintaan_sendiri = models.BooleanField(
        _("hanya bila atas permintaan sendiri"), default=False
    )
    dipenuhi_sistem = models.CharField(
        _("dipenuhi oleh sistem"),
        max_length=20,
        choices=DipenuhiSistem.choices,
        blank=True,
        help_text=_(
            "Bila diisi, dokumen ini tidak diminta untuk diunggah: aplikasi sudah memegangnya "
            "(angka ABK yang tercatat saat diajukan, atau persetujuan kepala OPD di aplikasi)."
        ),
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    aktif = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jenis dokumen")
        verbose_name_plural = _("jenis dokumen")
        ordering = ["urutan", "nama"]

    def __str__(self):
        return self.nama

    def berlaku_untuk(self, usulan: UsulanMutasi) -> bool:
        if not self.aktif:
            return False
        if self.hanya_permintaan_sendiri and usulan.alasan != AlasanMutasi.PERMINTAAN_SENDIRI:
            return False
        return {
            JenisMutasi.ANTAR_UNIT: self.untuk_antar_unit,
            JenisMutasi.ANTAR_OPD: self.untuk_antar_opd,
            JenisMutasi.KELUAR: self.untuk_keluar,
            JenisMutasi.MASUK: self.untuk_masuk,
        }.get(usulan.jenis, False)


class DokumenUsulan(models.Model):
    """A file attached to a proposal, kept privately, with BKPSDM's verdict on it."""

    usulan = models.ForeignKey(
        UsulanMutasi, verbose_name=_("usulan"), on_delete=models.CASCADE, related_name="dokumen"
    )
    jenis_dokumen = models.ForeignKey(
        JenisDokumen,
        verbose_name=_("jenis dokumen"),
        on_delete=models.PROTECT,
        related_name="dokumen",
    )
    berkas = models.FileField(
        _("berkas"), storage=penyimpanan_privat, upload_to=lokasi_dokumen, max_length=255
    )
    nama_asli = models.CharField(_("nama berkas"), max_length=255)
    ukuran = models.PositiveIntegerField(_("ukuran (byte)"))
    tipe_konten = models.CharField(_("tipe berkas"), max_length=100)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    diunggah_pada = models.DateTimeField(_("diunggah pada"), auto_now_add=True)
    verdik = models.CharField(
        _("hasil verifikasi"),
        max_length=16,
        choices=VerdikDokumen.choices,
        default=VerdikDokumen.BELUM,
    )
    catatan_verifikasi = models.TextField(_("catatan verifikasi"), blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    diverifikasi_pada = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)

    objects = DokumenUsulanQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumen usulan")
        verbose_name_plural = _("dokumen usulan")
        ordering = ["jenis_dokumen__urutan", "diunggah_pada", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(verdik=VerdikDokumen.PERLU_PERBAIKAN) | ~Q(catatan_verifikasi=""),
                name="dokumen_perbaikan_dengan_catatan",
                violation_error_message=_(
                    "Dokumen yang perlu perbaikan wajib diberi catatan apa yang harus diperbaiki."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.jenis_dokumen} — {self.nama_asli}"


# --- the decree as a document: settings, number register, generated PDFs, verification --------


def lokasi_berkas_pengaturan(instance, filename):
    return f"pengaturan-sk/{timezone.now():%Y%m%d%H%M%S}-{filename}"


def lokasi_berkas_sk(instance, filename):
    return f"sk/{timezone.now():%Y/%m}/{instance.surat_keputusan_id}/{filename}"


def _berkas_pengaturan(label, **kwargs) -> models.FileField:
    """An optional private file of the decree settings (a template or the emblem)."""
    return models.FileField(
        label,
        storage=penyimpanan_privat,
        upload_to=lokasi_berkas_pengaturan,
        max_length=255,
        blank=True,
        **kwargs,
    )


class PengaturanSK(models.Model):
    """How BKPSDM's decrees are numbered, signed and laid out (one row, edited in admin).

    The templates are Word files BKPSDM may replace; empty means the default that ships with the
    product (usulan_mutasi/templat/). Their placeholders are listed on the admin page and in the
    README.
    """

    format_nomor = models.CharField(
        _("format nomor SK"),
        max_length=100,
        default=dokumen_bawaan.FORMAT_NOMOR,
        help_text=_(
            "Bagian yang diganti: {nomor}, {nomor3}, {bulan}, {bulan_romawi}, {tahun}. "
            "Nomor urut dimulai lagi dari 1 setiap tahun."
        ),
    )
    tempat_penetapan = models.CharField(
        _("tempat penetapan"), max_length=100, default=dokumen_bawaan.TEMPAT_PENETAPAN
    )
    penandatangan_nama = models.CharField(
        _("nama penandatangan bawaan"),
        max_length=150,
        blank=True,
        help_text=_("Dengan gelar, sebagaimana ditulis pada keputusan."),
    )
    penandatangan_nip = models.CharField(_("NIP penandatangan bawaan"), max_length=18, blank=True)
    penandatangan_jabatan = models.CharField(
        _("jabatan penandatangan bawaan"),
        max_length=200,
        default=dokumen_bawaan.PENANDATANGAN_JABATAN,
    )
    menimbang = models.TextField(
        _("menimbang (satu butir satu baris)"), default=dokumen_bawaan.MENIMBANG
    )
    mengingat = models.TextField(
        _("mengingat (satu butir satu baris)"), default=dokumen_bawaan.MENGINGAT
    )
    tembusan = models.TextField(
        _("tembusan (satu butir satu baris)"), default=dokumen_bawaan.TEMBUSAN
    )
    lambang = _berkas_pengaturan(
        _("lambang pada kop (PNG/JPG)"),
        help_text=_("Kosong: gambar pengganti netral bawaan aplikasi."),
    )
    templat_sk = _berkas_pengaturan(_("templat Keputusan Wali Kota (.docx)"))
    templat_petikan = _berkas_pengaturan(_("templat petikan (.docx)"))
    templat_surat = _berkas_pengaturan(_("templat surat persetujuan melepas/menerima (.docx)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengaturan Keputusan Wali Kota")
        verbose_name_plural = _("pengaturan Keputusan Wali Kota")

    def __str__(self):
        return str(_("Pengaturan Keputusan Wali Kota"))

    def save(self, *args, **kwargs):
        self.pk = 1  # a singleton
        super().save(*args, **kwargs)

    def clean(self):
        import string

        try:
            nama = {f for _t, f, _s, _c in string.Formatter().parse(self.format_nomor) if f}
        except ValueError:
            raise ValidationError(
                {"format_nomor": _("Kurung kurawal pada format nomor tidak berpasangan.")}
            ) from None
        asing = nama - set(dokumen_bawaan.PLACEHOLDER_NOMOR)
        if asing:
            raise ValidationError(
                {
                    "format_nomor": _(
                        "Bagian tidak dikenal: %(asing)s. Yang dapat dipakai: %(ok)s."
                    )
                    % {
                        "asing": ", ".join("{" + a + "}" for a in sorted(asing)),
                        "ok": ", ".join("{" + a + "}" for a in dokumen_bawaan.PLACEHOLDER_NOMOR),
                    }
                }
            )
        if not nama & {"nomor", "nomor3"}:
            raise ValidationError(
                {"format_nomor": _("Format nomor harus memuat {nomor} (atau {nomor3}).")}
            )

    @classmethod
    def muat(cls) -> "PengaturanSK":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class NomorSK(models.Model):
    """One number of the decree register of a year: taken by a decree, or cancelled with a reason
    (nomor dibatalkan). Numbers run 1, 2, 3 … per year with no gap that is not written down."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    urut = models.PositiveIntegerField(_("nomor urut"))
    nomor = models.CharField(_("nomor lengkap"), max_length=100, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=StatusNomorSK.choices)
    surat_keputusan = models.OneToOneField(
        SuratKeputusan,
        verbose_name=_("surat keputusan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="register_nomor",
    )
    alasan_batal = models.TextField(_("alasan pembatalan"), blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    history = HistoricalRecords()
    objects = NomorSKQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomor SK")
        verbose_name_plural = _("register nomor SK")
        ordering = ["-tahun", "-urut"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "urut"],
                name="nomor_sk_unik_per_tahun",
                violation_error_message=_("Nomor urut ini sudah tercatat di register tahun itu."),
            ),
            models.CheckConstraint(
                condition=Q(urut__gte=1),
                name="nomor_sk_urut_positif",
                violation_error_message=_("Nomor urut dimulai dari 1."),
            ),
            models.CheckConstraint(
                condition=Q(status=StatusNomorSK.DIPAKAI, surat_keputusan__isnull=False)
                | (
                    Q(status=StatusNomorSK.DIBATALKAN, surat_keputusan__isnull=True)
                    & ~Q(alasan_batal="")
                ),
                name="nomor_sk_dipakai_atau_dibatalkan_dengan_alasan",
                violation_error_message=_(
                    "Nomor yang dipakai harus menunjuk SK-nya; nomor yang dibatalkan wajib diberi "
                    "alasan."
                ),
            ),
        ]

    def __str__(self):
        return self.nomor


class BerkasSK(models.Model):
    """A PDF of the decree, of one employee's petikan or of a head's approval letter, made by
    LibreOffice in the background; the row is its visible status."""

    surat_keputusan = models.ForeignKey(
        SuratKeputusan,
        verbose_name=_("surat keputusan"),
        on_delete=models.CASCADE,
        related_name="berkas",
    )
    jenis = models.CharField(_("jenis"), max_length=16, choices=JenisBerkasSK.choices)
    usulan = models.ForeignKey(
        UsulanMutasi,
        verbose_name=_("usulan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusPembuatanPDF.choices,
        default=StatusPembuatanPDF.ANTRI,
    )
    berkas = models.FileField(
        _("berkas PDF"),
        storage=penyimpanan_privat,
        upload_to=lokasi_berkas_sk,
        max_length=255,
        blank=True,
    )
    pesan = models.TextField(_("pesan"), blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    diminta_pada = models.DateTimeField(_("diminta pada"), default=timezone.now)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("berkas PDF SK")
        verbose_name_plural = _("berkas PDF SK")
        ordering = ["surat_keputusan", "jenis", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["surat_keputusan", "jenis"],
                condition=Q(usulan__isnull=True),
                name="berkas_sk_satu_per_jenis",
            ),
            models.UniqueConstraint(
                fields=["surat_keputusan", "jenis", "usulan"],
                condition=Q(usulan__isnull=False),
                name="berkas_sk_satu_per_usulan",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} — {self.surat_keputusan}"


class TandaVerifikasi(models.Model):
    """The unguessable token behind a document's QR code: the public verification page finds the
    decree (or the approval letter) by it and shows nothing personal."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    jenis = models.CharField(_("jenis dokumen"), max_length=16, choices=JenisBerkasSK.choices)
    surat_keputusan = models.ForeignKey(
        SuratKeputusan,
        verbose_name=_("surat keputusan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    usulan = models.ForeignKey(
        UsulanMutasi,
        verbose_name=_("usulan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("tanda verifikasi")
        verbose_name_plural = _("tanda verifikasi")
        constraints = [
            models.UniqueConstraint(
                fields=["jenis", "surat_keputusan"],
                condition=Q(usulan__isnull=True),
                name="verifikasi_satu_per_sk",
            ),
            models.UniqueConstraint(
                fields=["jenis", "usulan"],
                condition=Q(usulan__isnull=False),
                name="verifikasi_satu_per_surat",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.token[:6]}…"

    def get_absolute_url(self):
        return reverse("usulan_mutasi:verifikasi", args=[self.token])


# The rebalancing plan's models live beside their code; imported here so Django registers them.
from .rencana.models import KekuranganTersisa, LangkahRencana, RencanaPemerataan  # noqa: E402, F401
