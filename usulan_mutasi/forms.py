"""Forms of the transfer-proposal pages. They only carry HTTP input; the services decide."""

from django import forms
from django.urls import reverse_lazy

from instansi.forms import label_jabatan, label_unit
from instansi.models import Instansi, Jabatan, UnitKerja
from mutasi_asn.widgets import PilihCari
from pegawai.models import Pegawai

from .choices import AlasanMutasi, JenisMutasi, PejabatKeputusanLuar, VerdikDokumen
from .models import JenisDokumen
from .services import FIELD_LANGKAH_LUAR

TANGGAL = {"type": "date"}
# Changing the pegawai, kind or destination refreshes the ABK impact preview (htmx).
PRATINJAU = {
    "hx-get": reverse_lazy("usulan_mutasi:dampak"),
    "hx-trigger": "change",
    "hx-target": "#pratinjau-dampak",
    "hx-include": "[name=pegawai],[name=jabatan_tujuan],[name=jenis]",
}


def label_pegawai(p: Pegawai) -> str:
    jabatan = f" — {p.jabatan}" if p.jabatan_id else ""
    return f"{p.nip_tampil} {p.nama_lengkap}{jabatan}"


class UsulanForm(forms.Form):
    """Create or edit a proposal. Eligibility is the service's: blocks and warnings come back as
    messages; a warning needs `justifikasi_peringatan` before the proposal can be submitted."""

    pegawai = forms.ModelChoiceField(
        label="Pegawai",
        queryset=Pegawai.objects.none(),
        help_text="Ketik NIP atau nama pegawai untuk mencari.",
        widget=PilihCari(url_cari=reverse_lazy("usulan_mutasi:pegawai_cari"), attrs=PRATINJAU),
    )
    jenis = forms.ChoiceField(
        label="Jenis mutasi", choices=JenisMutasi.choices, initial=JenisMutasi.ANTAR_OPD
    )
    saring_instansi = forms.ModelChoiceField(
        label="Saring jabatan tujuan: instansi",
        queryset=Instansi.objects.filter(aktif=True).order_by("nama"),
        required=False,
        help_text="Opsional: hanya jabatan di instansi ini yang dicari.",
    )
    saring_unit = forms.ModelChoiceField(
        label="Saring jabatan tujuan: unit kerja",
        queryset=UnitKerja.objects.select_related("instansi"),
        required=False,
        help_text="Opsional: hanya jabatan di unit kerja ini yang dicari.",
        widget=PilihCari(url_cari=reverse_lazy("instansi:unitkerja_cari")),
    )
    jabatan_tujuan = forms.ModelChoiceField(
        label="Jabatan tujuan",
        queryset=Jabatan.objects.none(),
        required=False,
        help_text='Ketik kata dari nama jabatan, unit, atau instansi (misalnya "perawat puskesmas '
        '05"); tiap pilihan menyebut kekurangan/kelebihannya menurut ABK. Jenis antar unit atau '
        "antar OPD mengikuti jabatan tujuan.",
        widget=PilihCari(
            url_cari=reverse_lazy("usulan_mutasi:jabatan_tujuan_cari"),
            attrs={
                **PRATINJAU,
                "data-pilih-cari-sertakan": "[name=pegawai],[name=jenis],[name=saring_instansi],"
                "[name=saring_unit]",
            },
        ),
    )
    instansi_luar = forms.CharField(
        label="Instansi luar (asal/tujuan)",
        max_length=200,
        required=False,
        help_text="Hanya untuk mutasi keluar/masuk: nama pemerintah daerah atau instansi lain.",
    )
    alasan = forms.ChoiceField(label="Alasan", choices=AlasanMutasi.choices)
    nomor_pertek = forms.CharField(
        label="Nomor Pertek BKN",
        max_length=100,
        required=False,
        help_text="Mutasi keluar/masuk: pertimbangan teknis BKN, bila sudah ada.",
    )
    tanggal_pertek = forms.DateField(
        label="Tanggal Pertek BKN",
        required=False,
        widget=forms.DateInput(attrs=TANGGAL, format="%Y-%m-%d"),
    )
    pejabat_keputusan_luar = forms.ChoiceField(
        label="Keputusan oleh",
        choices=[("", "---------"), *PejabatKeputusanLuar.choices],
        required=False,
    )
    nomor_keputusan_luar = forms.CharField(
        label="Nomor keputusan Gubernur/Mendagri", max_length=100, required=False
    )
    tanggal_keputusan_luar = forms.DateField(
        label="Tanggal keputusan Gubernur/Mendagri",
        required=False,
        widget=forms.DateInput(attrs=TANGGAL, format="%Y-%m-%d"),
    )
    justifikasi = forms.CharField(
        label="Justifikasi", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    justifikasi_peringatan = forms.CharField(
        label="Justifikasi atas peringatan",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Wajib bila pemeriksaan kelayakan memberi peringatan.",
    )

    def __init__(self, *args, user=None, instance=None, **kwargs):
        if instance is not None:
            kwargs["initial"] = {
                **(kwargs.get("initial") or {}),
                "pegawai": instance.pegawai_id,
                "jenis": instance.jenis,
                "jabatan_tujuan": instance.jabatan_tujuan_id,
                "instansi_luar": instance.instansi_luar,
                "alasan": instance.alasan,
                "justifikasi": instance.justifikasi,
                "justifikasi_peringatan": instance.justifikasi_peringatan,
                **{f: getattr(instance, f) for f in FIELD_LANGKAH_LUAR},
            }
        super().__init__(*args, **kwargs)
        self.instance = instance
        pegawai = Pegawai.objects.select_related("jabatan")
        self.fields["pegawai"].queryset = pegawai.for_user(user) if user is not None else pegawai
        self.fields["pegawai"].label_from_instance = label_pegawai
        # The destination may be any active jabatan of the city (an operator moves their own
        # people out); the service refuses a move that touches neither side of their agency.
        self.fields["jabatan_tujuan"].queryset = Jabatan.objects.filter(aktif=True).select_related(
            "unit_kerja__instansi"
        )
        self.fields["jabatan_tujuan"].label_from_instance = label_jabatan
        self.fields["saring_unit"].label_from_instance = label_unit
        if instance is not None:
            # The pegawai of a proposal does not change; a new proposal is made instead.
            self.fields["pegawai"].disabled = True

    class Media:
        js = ["js/usulan-form.js"]


class LangkahLuarForm(forms.Form):
    """BKPSDM records the external steps of a transfer out/in while it is in progress."""

    nomor_pertek = UsulanForm.base_fields["nomor_pertek"]
    tanggal_pertek = UsulanForm.base_fields["tanggal_pertek"]
    pejabat_keputusan_luar = UsulanForm.base_fields["pejabat_keputusan_luar"]
    nomor_keputusan_luar = UsulanForm.base_fields["nomor_keputusan_luar"]
    tanggal_keputusan_luar = UsulanForm.base_fields["tanggal_keputusan_luar"]


class AlasanForm(forms.Form):
    alasan = forms.CharField(label="Alasan", widget=forms.Textarea(attrs={"rows": 2}))


class KomentarForm(forms.Form):
    isi = forms.CharField(label="Komentar", widget=forms.Textarea(attrs={"rows": 2}))


class _InputBanyakBerkas(forms.ClearableFileInput):
    allow_multiple_selected = True


class BanyakBerkasField(forms.FileField):
    """A file input that takes several files at once (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", _InputBanyakBerkas())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        tunggal = super().clean
        if isinstance(data, list | tuple) and data:
            return [tunggal(d, initial) for d in data]
        # Nothing chosen: the field's own "required" message.
        return [tunggal(None if isinstance(data, list | tuple) else data, initial)]


class DokumenUnggahForm(forms.Form):
    jenis_dokumen = forms.ModelChoiceField(
        label="Jenis dokumen",
        # What the system holds itself (ABK figures, the heads' approvals) is not uploaded.
        queryset=JenisDokumen.objects.filter(aktif=True, dipenuhi_sistem=""),
    )
    berkas = BanyakBerkasField(
        label="Berkas", help_text="PDF, JPG, atau PNG; boleh beberapa berkas sekaligus."
    )


class DokumenVerifikasiForm(forms.Form):
    verdik = forms.ChoiceField(
        label="Hasil verifikasi",
        choices=[
            (VerdikDokumen.SESUAI, VerdikDokumen.SESUAI.label),
            (VerdikDokumen.PERLU_PERBAIKAN, VerdikDokumen.PERLU_PERBAIKAN.label),
        ],
    )
    catatan = forms.CharField(label="Catatan", required=False, max_length=2000)


class SKForm(forms.Form):
    """Draft a Keputusan Wali Kota grouping approved proposals."""

    usulan = forms.ModelMultipleChoiceField(
        label="Usulan yang disetujui PPK",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        # A proposal leaves the list when another tab or user put it in a decree first.
        error_messages={
            "invalid_choice": "Usulan yang dipilih sudah tidak menunggu Keputusan Wali Kota "
            "(mungkin baru saja dimasukkan ke SK lain); muat ulang halaman lalu pilih kembali.",
            "invalid_pk_value": "Pilihan usulan tidak dikenal; muat ulang halaman lalu pilih "
            "kembali.",
        },
    )
    nomor_urut = forms.IntegerField(
        label="Nomor urut SK",
        min_value=1,
        required=False,
        help_text="Kosongkan untuk memakai nomor berikutnya dari register tahun tanggal SK.",
    )
    alasan_lompat = forms.CharField(
        label="Alasan melewati nomor",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Wajib bila nomor urut yang dipilih melewati nomor berikutnya; nomor yang "
        "dilewati dicatat sebagai nomor dibatalkan dengan alasan ini.",
    )
    tanggal = forms.DateField(
        label="Tanggal SK", widget=forms.DateInput(attrs=TANGGAL, format="%Y-%m-%d")
    )
    tmt = forms.DateField(
        label="TMT",
        widget=forms.DateInput(attrs=TANGGAL, format="%Y-%m-%d"),
        help_text="Mutasi berlaku pada tanggal ini. Bila hari ini atau sebelumnya, mutasi "
        "langsung berlaku saat SK ditetapkan.",
    )
    perihal = forms.CharField(label="Perihal", max_length=255, required=False)
    penandatangan_nama = forms.CharField(
        label="Nama penandatangan",
        max_length=150,
        required=False,
        help_text="Kosong: penandatangan bawaan dari Pengaturan Keputusan Wali Kota.",
    )
    penandatangan_nip = forms.CharField(label="NIP penandatangan", max_length=18, required=False)
    penandatangan_jabatan = forms.CharField(
        label="Jabatan penandatangan", max_length=200, required=False
    )
    nomor_persetujuan_mendagri = forms.CharField(
        label="Nomor persetujuan tertulis Mendagri",
        max_length=100,
        required=False,
        help_text="Wajib bila tanggal SK atau TMT berada dalam masa pembekuan mutasi.",
    )

    def __init__(self, *args, usulan_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["usulan"].queryset = usulan_qs
        self.fields["usulan"].label_from_instance = lambda u: (
            f"{u.nomor} — {u.pegawai.nama_lengkap} ({u.pegawai.nip_tampil}): "
            f"{u.jabatan_asal or '—'} → {u.jabatan_tujuan or u.instansi_luar or '—'}"
        )
