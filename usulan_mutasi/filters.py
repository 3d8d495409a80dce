import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from instansi.models import Instansi
from mutasi_asn.filters import FilterSetBerlingkup
from pegawai.models import Pegawai

from .choices import (
    STATUS_TAHAP_PERSETUJUAN,
    AlasanMutasi,
    JenisMutasi,
    StatusNomorSK,
    StatusSK,
    StatusUsulan,
)
from .models import NomorSK, SuratKeputusan, UsulanMutasi


class UsulanMutasiFilter(FilterSetBerlingkup):
    q = django_filters.CharFilter(method="cari", label="Cari nomor, NIP, atau nama")
    # No DISTINCT (the default of a multiple choice): the filter is on the row itself, and a
    # DISTINCT over 5,000 proposals costs more than the whole page (bench_usulan_halaman.py).
    status = django_filters.MultipleChoiceFilter(
        choices=StatusUsulan.choices, label="Status", distinct=False
    )
    jenis = django_filters.ChoiceFilter(choices=JenisMutasi.choices, label="Jenis mutasi")
    alasan = django_filters.ChoiceFilter(choices=AlasanMutasi.choices, label="Alasan")
    instansi_asal = django_filters.ModelChoiceFilter(
        queryset=Instansi.objects.all(), label="Instansi asal"
    )
    instansi_tujuan = django_filters.ModelChoiceFilter(
        queryset=Instansi.objects.all(), label="Instansi tujuan"
    )
    terlambat = django_filters.BooleanFilter(
        method="saring_terlambat",
        label="Hanya yang melewati tenggat",
        widget=forms.CheckboxInput(),
    )

    class Meta:
        model = UsulanMutasi
        fields = ["q", "status", "jenis", "alasan", "instansi_asal", "instansi_tujuan", "terlambat"]

    def cari(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # The pegawai side as a subquery on pegawai alone, so PostgreSQL uses its NIP prefix and
        # name trigram indexes instead of scanning the join (bench_usulan_halaman.py). Names in
        # any word order, with or without gelar, as on the pegawai list.
        cocok = Pegawai.objects.cari(value, jabatan=False)
        return queryset.filter(Q(pegawai_id__in=cocok.values("pk")) | Q(nomor__icontains=value))

    def saring_terlambat(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            status__in=STATUS_TAHAP_PERSETUJUAN, tenggat__lt=timezone.localdate()
        )


class SuratKeputusanFilter(FilterSetBerlingkup):
    q = django_filters.CharFilter(field_name="nomor", lookup_expr="icontains", label="Nomor SK")
    status = django_filters.ChoiceFilter(choices=StatusSK.choices, label="Status")

    class Meta:
        model = SuratKeputusan
        fields = ["q", "status"]


class NomorSKFilter(FilterSetBerlingkup):
    tahun = django_filters.NumberFilter(field_name="tahun", label="Tahun")
    q = django_filters.CharFilter(field_name="nomor", lookup_expr="icontains", label="Nomor")
    status = django_filters.ChoiceFilter(choices=StatusNomorSK.choices, label="Status")

    class Meta:
        model = NomorSK
        fields = ["tahun", "q", "status"]


class RiwayatMutasiFilter(FilterSetBerlingkup):
    """The history search: employee (NIP or name), unit, agency, jabatan, SK number, TMT range."""

    q = django_filters.CharFilter(method="cari", label="NIP atau nama pegawai")
    instansi = django_filters.ModelChoiceFilter(
        queryset=Instansi.objects.all(), method="di_instansi", label="Instansi (asal atau tujuan)"
    )
    unit = django_filters.NumberFilter(method="di_unit", label="Unit kerja (id)")
    jabatan = django_filters.CharFilter(method="jabatan_bernama", label="Jabatan (asal/tujuan)")
    nomor_sk = django_filters.CharFilter(
        field_name="surat_keputusan__nomor", lookup_expr="icontains", label="Nomor SK"
    )
    tmt_dari = django_filters.DateFilter(
        field_name="surat_keputusan__tmt",
        lookup_expr="gte",
        label="TMT dari",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tmt_sampai = django_filters.DateFilter(
        field_name="surat_keputusan__tmt",
        lookup_expr="lte",
        label="TMT sampai",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = UsulanMutasi
        fields = ["q", "instansi", "unit", "jabatan", "nomor_sk", "tmt_dari", "tmt_sampai"]

    def cari(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        # The same employee search as the proposal list (NIP prefix or name, any word order).
        return qs.filter(pegawai_id__in=Pegawai.objects.cari(value, jabatan=False).values("pk"))

    def di_instansi(self, qs, name, value):
        return qs.filter(Q(instansi_asal=value) | Q(instansi_tujuan=value)) if value else qs

    def di_unit(self, qs, name, value):
        return qs.filter(Q(unit_asal_id=value) | Q(unit_tujuan_id=value)) if value else qs

    def jabatan_bernama(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            Q(jabatan_asal__nama__icontains=value) | Q(jabatan_tujuan__nama__icontains=value)
        )
