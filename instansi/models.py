import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutasi_asn.validators import tolak_kontrol_arah

from .choices import Eselon, Golongan, JenisInstansi, JenisJabatan, JenisUnit, Jenjang, Pendidikan
from .querysets import InstansiQuerySet, JabatanQuerySet, UnitKerjaQuerySet


class Instansi(models.Model):
    """An agency of the city (OPD / perangkat daerah): a dinas, badan, kecamatan, the RSUD."""

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(
        _("nama instansi"), max_length=200, unique=True, validators=[tolak_kontrol_arah]
    )
    singkatan = models.CharField(
        _("singkatan"), max_length=50, blank=True, validators=[tolak_kontrol_arah]
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisInstansi.choices)
    aktif = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()
    objects = InstansiQuerySet.as_manager()

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["nama"]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("instansi:instansi_detail", args=[self.pk])


def kunci_nama_alami(nama: str) -> tuple:
    """A sort key reading numbers in a name as numbers: Puskesmas 2 before Puskesmas 10."""
    return tuple(
        (0, int(bagian), "") if bagian.isdigit() else (1, 0, bagian)
        for bagian in re.split(r"(\d+)", nama.casefold().strip())
        if bagian
    )


def susun_urutan_pohon(units) -> dict[int, int]:
    """Position of each unit in its tree: depth first, siblings by `urutan` (numbered ones
    first), then by name in natural order. `units` are (pk, induk_id, urutan, nama) of one
    agency; a unit whose parent is not among them is a root. Pure: used by the service and by
    the migration that filled the field."""
    ada = {pk for pk, *_ in units}
    anak: dict[int | None, list] = {}
    for pk, induk_id, urutan, nama in units:
        anak.setdefault(induk_id if induk_id in ada else None, []).append((pk, urutan, nama))
    for daftar in anak.values():
        daftar.sort(key=lambda u: (u[1] is None, u[1] or 0, kunci_nama_alami(u[2]), u[0]))
    posisi: dict[int, int] = {}
    tumpukan = list(reversed(anak.get(None, [])))
    while tumpukan:
        pk, *_ = tumpukan.pop()
        if pk in posisi:
            continue
        posisi[pk] = len(posisi) + 1
        tumpukan.extend(reversed(anak.get(pk, [])))
    for pk, *_ in units:  # never reached from a root (a broken tree): last, but still placed
        posisi.setdefault(pk, len(posisi) + 1)
    return posisi


class UnitKerja(models.Model):
    """An organisational unit inside an instansi (bidang, seksi, UPT, puskesmas, sekolah, kelurahan).

    Units form a tree per instansi through `induk`; `jalur` is the materialised path of primary
    keys (`/12/40/`) kept by the service, so a subtree is one indexed prefix query.
    """

    instansi = models.ForeignKey(
        Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="unit_kerja"
    )
    induk = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_unit",
    )
    kode = models.CharField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama unit kerja"), max_length=200, validators=[tolak_kontrol_arah])
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisUnit.choices)
    jalur = models.CharField(_("jalur"), max_length=255, blank=True, db_index=True, editable=False)
    kedalaman = models.PositiveSmallIntegerField(_("kedalaman"), default=0, editable=False)
    urutan = models.PositiveSmallIntegerField(
        _("urutan"),
        null=True,
        blank=True,
        help_text=_(
            "Posisi di antara unit se-induk (1 paling atas). Kosong: sesudah unit yang bernomor, "
            "menurut nama (Puskesmas 2 sebelum Puskesmas 10)."
        ),
    )
    # The unit's place in its agency's tree (parents before children, siblings by `urutan`
    # then by name in natural order), kept by the service: one integer that sorts the same on
    # every database, where `jalur` sorts by key text (/5/100/ before /5/91/).
    urutan_pohon = models.PositiveIntegerField(
        _("urutan dalam pohon"), default=0, db_index=True, editable=False
    )

    history = HistoricalRecords()
    objects = UnitKerjaQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["instansi__nama", "urutan_pohon"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "induk", "nama"],
                name="unitkerja_nama_unik_per_induk",
                violation_error_message=_(
                    "Sudah ada unit dengan nama ini di bawah induk yang sama."
                ),
            ),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("instansi:unitkerja_detail", args=[self.pk])

    def clean(self):
        if self.induk_id and self.induk.instansi_id != self.instansi_id:
            raise ValidationError({"induk": _("Unit induk harus berada di instansi yang sama.")})
        if self.pk and self.induk_id:
            node = self.induk
            while node is not None:
                if node.pk == self.pk:
                    raise ValidationError(
                        {"induk": _("Unit induk tidak boleh unit ini sendiri atau sub-unitnya.")}
                    )
                node = node.induk


class Jabatan(models.Model):
    """A position held in one unit. Several pegawai may hold the same jabatan.

    Carries its requirements: minimum education, fields of study and the grade range.
    """

    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="jabatan"
    )
    kode = models.CharField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama jabatan"), max_length=200, validators=[tolak_kontrol_arah])
    jenis = models.CharField(_("jenis jabatan"), max_length=20, choices=JenisJabatan.choices)
    jenjang = models.CharField(_("jenjang"), max_length=20, choices=Jenjang.choices, blank=True)
    eselon = models.CharField(_("eselon"), max_length=6, choices=Eselon.choices, blank=True)
    kelas_jabatan = models.PositiveSmallIntegerField(
        _("kelas jabatan"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    pendidikan_minimal = models.PositiveSmallIntegerField(
        _("pendidikan minimal"), choices=Pendidikan.choices, null=True, blank=True
    )
    bidang_studi = models.CharField(
        _("bidang studi"),
        max_length=300,
        blank=True,
        help_text=_("Pisahkan dengan koma; kosong berarti semua bidang studi."),
    )
    golongan_minimal = models.PositiveSmallIntegerField(
        _("golongan minimal"), choices=Golongan.choices, null=True, blank=True
    )
    golongan_maksimal = models.PositiveSmallIntegerField(
        _("golongan maksimal"), choices=Golongan.choices, null=True, blank=True
    )
    aktif = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()
    objects = JabatanQuerySet.as_manager()

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = [
            "unit_kerja__instansi__nama",
            "unit_kerja__urutan_pohon",
            "-kelas_jabatan",
            "nama",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_kerja", "nama"],
                name="jabatan_nama_unik_per_unit",
                violation_error_message=_("Jabatan dengan nama ini sudah ada di unit kerja ini."),
            ),
            models.CheckConstraint(
                condition=Q(kelas_jabatan__gte=1) & Q(kelas_jabatan__lte=17),
                name="jabatan_kelas_1_17",
                violation_error_message=_("Kelas jabatan harus antara 1 dan 17."),
            ),
            models.CheckConstraint(
                condition=Q(golongan_minimal__isnull=True)
                | Q(golongan_maksimal__isnull=True)
                | Q(golongan_minimal__lte=F("golongan_maksimal")),
                name="jabatan_rentang_golongan_urut",
                violation_error_message=_(
                    "Golongan minimal tidak boleh lebih tinggi dari golongan maksimal."
                ),
            ),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("instansi:jabatan_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.jenis == JenisJabatan.FUNGSIONAL and not self.jenjang:
            errors["jenjang"] = _("Jabatan fungsional wajib memiliki jenjang.")
        if self.jenis in (JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS) and not self.eselon:
            errors["eselon"] = _("Jabatan administrator dan pengawas wajib memiliki eselon.")
        if errors:
            raise ValidationError(errors)

    @property
    def batas_usia_pensiun(self) -> int:
        """BUP by kind of position (PP 11/2017)."""
        if self.jenis == JenisJabatan.JPT or self.jenjang == Jenjang.AHLI_MADYA:
            return 60
        if self.jenjang == Jenjang.AHLI_UTAMA:
            return 65
        return 58

    @property
    def eselon_atau_jenjang(self) -> str:
        return self.eselon or self.get_jenjang_display()

    @property
    def daftar_bidang_studi(self) -> list[str]:
        return [b.strip() for b in self.bidang_studi.split(",") if b.strip()]


# The competency dictionary and jabatan standards live in their own module.
from .models_kompetensi import (  # noqa: E402, F401
    JenisSertifikasi,
    Kompetensi,
    LevelKompetensi,
    ProgramPelatihan,
    StandarKompetensiJabatan,
    SyaratPelatihanJabatan,
    SyaratSertifikasiJabatan,
)
