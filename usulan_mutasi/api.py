"""Transfer proposals over the API: list, create, detail, and one POST per workflow action.

Same rules as the pages: the list and every detail go through `for_user` (out of scope = 404);
each action calls its service, whose refusal becomes 403 (not your step) or 400 (not possible
now), always with the Indonesian message.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import Http404
from django_filters import rest_framework as df
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from instansi.models import Instansi, Jabatan
from mutasi_asn.api import IzinModel, ScopedReadOnlyViewSet, SerializerModel
from mutasi_asn.filters import FilterSetBerlingkup
from pegawai.models import Pegawai

from . import services
from .choices import AlasanMutasi, JenisMutasi, PejabatKeputusanLuar, StatusUsulan
from .models import PeristiwaUsulan, UsulanMutasi
from .rules import periksa_kelayakan
from .selectors import _kondisi_menunggu, usulan_daftar


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {"id": {"type": "integer"}, "nama": {"type": "string"}},
    }
)
class _Ringkas(serializers.Field):
    """A related row as {"id", "nama"}: a plain field, not a nested serializer, because the list
    shows six of them per row and nested serializers cost more than the query."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {"id": value.pk, "nama": value.nama}


class PeristiwaSerializer(SerializerModel):
    aksi_label = serializers.CharField(source="get_aksi_display", read_only=True)
    aktor = serializers.StringRelatedField()

    class Meta:
        model = PeristiwaUsulan
        fields = [
            "id",
            "waktu",
            "aksi",
            "aksi_label",
            "aktor",
            "dari_status",
            "ke_status",
            "catatan",
        ]


class UsulanMutasiSerializer(SerializerModel):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    jenis_label = serializers.CharField(source="get_jenis_display", read_only=True)
    alasan_label = serializers.CharField(source="get_alasan_display", read_only=True)
    pegawai_nip = serializers.CharField(source="pegawai.nip", read_only=True)
    pegawai_nama = serializers.CharField(source="pegawai.nama_lengkap", read_only=True)
    jabatan_asal = _Ringkas(allow_null=True)
    unit_asal = _Ringkas(allow_null=True)
    instansi_asal = _Ringkas(allow_null=True)
    jabatan_tujuan = _Ringkas(allow_null=True)
    unit_tujuan = _Ringkas(allow_null=True)
    instansi_tujuan = _Ringkas(allow_null=True)
    diusulkan_oleh = serializers.StringRelatedField()
    surat_keputusan = serializers.CharField(
        source="surat_keputusan.nomor", read_only=True, default=None
    )
    terlambat = serializers.BooleanField(read_only=True)

    class Meta:
        model = UsulanMutasi
        fields = [
            "id",
            "nomor",
            "status",
            "status_label",
            "jenis",
            "jenis_label",
            "alasan",
            "alasan_label",
            "justifikasi",
            "pegawai",
            "pegawai_nip",
            "pegawai_nama",
            "jabatan_asal",
            "unit_asal",
            "instansi_asal",
            "jabatan_tujuan",
            "unit_tujuan",
            "instansi_tujuan",
            "instansi_luar",
            "nomor_pertek",
            "tanggal_pertek",
            "pejabat_keputusan_luar",
            "nomor_keputusan_luar",
            "tanggal_keputusan_luar",
            "diusulkan_oleh",
            "dibuat_pada",
            "diajukan_pada",
            "diputuskan_pada",
            "tenggat",
            "terlambat",
            "peringatan",
            "justifikasi_peringatan",
            "catatan_pengembalian",
            "alasan_penolakan",
            "surat_keputusan",
        ]
        read_only_fields = fields


class UsulanMutasiDetailSerializer(UsulanMutasiSerializer):
    peristiwa = PeristiwaSerializer(many=True, read_only=True)

    class Meta(UsulanMutasiSerializer.Meta):
        fields = [*UsulanMutasiSerializer.Meta.fields, "peristiwa"]
        read_only_fields = fields


class UsulanBuatSerializer(serializers.Serializer):
    pegawai = serializers.PrimaryKeyRelatedField(queryset=Pegawai.objects.all())
    jenis = serializers.ChoiceField(choices=JenisMutasi.choices)
    alasan = serializers.ChoiceField(choices=AlasanMutasi.choices)
    justifikasi = serializers.CharField(required=False, allow_blank=True, default="")
    jabatan_tujuan = serializers.PrimaryKeyRelatedField(
        queryset=Jabatan.objects.filter(aktif=True), required=False, allow_null=True, default=None
    )
    instansi_luar = serializers.CharField(required=False, allow_blank=True, default="")
    # External steps of a transfer out/in (Pertek BKN, decision of the Gubernur or Mendagri).
    nomor_pertek = serializers.CharField(required=False, allow_blank=True)
    tanggal_pertek = serializers.DateField(required=False, allow_null=True)
    pejabat_keputusan_luar = serializers.ChoiceField(
        choices=PejabatKeputusanLuar.choices, required=False, allow_blank=True
    )
    nomor_keputusan_luar = serializers.CharField(required=False, allow_blank=True)
    tanggal_keputusan_luar = serializers.DateField(required=False, allow_null=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The same scope as the page's picker: an operator proposes only their own agency's people.
        request = self.context.get("request")
        if request is not None:
            self.fields["pegawai"].queryset = Pegawai.objects.for_user(request.user)

    def to_internal_value(self, data):
        nilai = super().to_internal_value(data)
        nilai["data_luar"] = {f: nilai.pop(f) for f in services.FIELD_LANGKAH_LUAR if f in nilai}
        return nilai


class TemuanSerializer(serializers.Serializer):
    kode = serializers.CharField()
    pesan = serializers.CharField()
    jenis = serializers.ChoiceField(choices=[("blok", "Blok"), ("peringatan", "Peringatan")])


class AjukanSerializer(serializers.Serializer):
    justifikasi_peringatan = serializers.CharField(required=False, allow_blank=True, default=None)


class CatatanSerializer(serializers.Serializer):
    catatan = serializers.CharField(required=False, allow_blank=True, default="")


class AlasanSerializer(serializers.Serializer):
    alasan = serializers.CharField(allow_blank=True)


class UsulanFilter(FilterSetBerlingkup):
    """The API's filters, narrowed to the user's scope like the page's (`FilterSetBerlingkup`):
    the browsable API's filter form lists no other agency, and an id outside the scope answers
    as one that does not exist."""

    status = df.MultipleChoiceFilter(choices=StatusUsulan.choices)
    jenis = df.ChoiceFilter(choices=JenisMutasi.choices)
    # By id, not a choice list: the list would name every employee in scope (100,000 for
    # BKPSDM) in the browsable form; an id outside the scope simply finds nothing.
    pegawai = df.NumberFilter(field_name="pegawai_id", label="ID pegawai")
    instansi_asal = df.ModelChoiceFilter(queryset=Instansi.objects.all(), label="Instansi asal")
    instansi_tujuan = df.ModelChoiceFilter(queryset=Instansi.objects.all(), label="Instansi tujuan")
    menunggu = df.BooleanFilter(method="filter_menunggu", label="Menunggu tindakan saya")

    class Meta:
        model = UsulanMutasi
        fields = ["status", "jenis", "pegawai", "instansi_asal", "instansi_tujuan"]

    def filter_menunggu(self, queryset, name, value):
        if not value:
            return queryset
        kondisi = _kondisi_menunggu(self.request.user)
        return queryset.filter(kondisi) if kondisi is not None else queryset.none()


class IzinLihat(permissions.BasePermission):
    """Workflow actions need only the view permission: who may act is the services' decision."""

    def has_permission(self, request, view):
        return request.user.has_perm("usulan_mutasi.view_usulanmutasi")


def _terjemahkan(exc):
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(detail=str(exc) or None)
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(detail=exc.message_dict)
    return exceptions.ValidationError(detail={"detail": exc.messages})


class UsulanMutasiViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Transfer proposals in the user's scope. POST to an action moves the proposal on."""

    filterset_class = UsulanFilter
    AKSI = ("ajukan", "setujui", "kembalikan", "tolak", "batalkan")
    # Token first, as in every other viewset: no credentials is a 401, not a 403.
    authentication_classes = ScopedReadOnlyViewSet.authentication_classes

    def get_permissions(self):
        if self.action in self.AKSI:
            return [permissions.IsAuthenticated(), IzinLihat()]
        return [permissions.IsAuthenticated(), IzinModel()]

    def get_queryset(self):
        qs = usulan_daftar(self.request.user).order_by("-dibuat_pada", "-pk")
        if self.action == "retrieve":
            qs = qs.prefetch_related(
                Prefetch("peristiwa", PeristiwaUsulan.objects.select_related("aktor"))
            )
        return qs

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            # DRF would pass on Django's English "No UsulanMutasi matches the given query."
            raise exceptions.NotFound("Usulan tidak ditemukan.") from None

    def get_serializer_class(self):
        if self.action == "retrieve":
            return UsulanMutasiDetailSerializer
        if self.action == "create":
            return UsulanBuatSerializer
        return UsulanMutasiSerializer

    def _jalankan(self, fungsi, **kwargs):
        try:
            return fungsi(**kwargs)
        except (DjangoPermissionDenied, DjangoValidationError) as exc:
            raise _terjemahkan(exc) from None

    def _jawab(self, usulan, kode=status.HTTP_200_OK):
        usulan = self.get_queryset().prefetch_related(None).get(pk=usulan.pk)
        return Response(UsulanMutasiSerializer(usulan).data, status=kode)

    def create(self, request, *args, **kwargs):
        masukan = UsulanBuatSerializer(data=request.data, context=self.get_serializer_context())
        masukan.is_valid(raise_exception=True)
        usulan = self._jalankan(services.usulan_buat, actor=request.user, **masukan.validated_data)
        return self._jawab(usulan, status.HTTP_201_CREATED)

    def _aksi(self, request, serializer_class, fungsi, **peta):
        usulan = self.get_object()  # 404 when out of scope
        masukan = serializer_class(data=request.data)
        masukan.is_valid(raise_exception=True)
        argumen = {peta.get(k, k): v for k, v in masukan.validated_data.items()}
        usulan = self._jalankan(fungsi, usulan=usulan, actor=request.user, **argumen)
        return self._jawab(usulan)

    @extend_schema(responses=TemuanSerializer(many=True))
    @action(detail=True, methods=["get"])
    def kelayakan(self, request, pk=None):
        """Blocks and warnings of the eligibility check as it stands today, for the proposing
        side while the proposal is a draft (or returned), as on the page."""
        usulan = self.get_object()
        if not services.boleh_lihat_kelayakan(usulan, request.user):
            raise exceptions.PermissionDenied(
                "Hasil pemeriksaan kelayakan hanya ditampilkan kepada pengusul selama usulan "
                "masih draf atau dikembalikan."
            )
        return Response(TemuanSerializer(periksa_kelayakan(usulan), many=True).data)

    @action(detail=True, methods=["post"])
    def ajukan(self, request, pk=None):
        return self._aksi(request, AjukanSerializer, services.usulan_ajukan)

    @action(detail=True, methods=["post"])
    def setujui(self, request, pk=None):
        return self._aksi(request, CatatanSerializer, services.usulan_setujui)

    @action(detail=True, methods=["post"])
    def kembalikan(self, request, pk=None):
        return self._aksi(request, AlasanSerializer, services.usulan_kembalikan)

    @action(detail=True, methods=["post"])
    def tolak(self, request, pk=None):
        return self._aksi(request, AlasanSerializer, services.usulan_tolak)

    @action(detail=True, methods=["post"])
    def batalkan(self, request, pk=None):
        return self._aksi(request, CatatanSerializer, services.usulan_batalkan, catatan="alasan")
