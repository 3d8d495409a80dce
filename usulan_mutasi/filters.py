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
