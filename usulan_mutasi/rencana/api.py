"""The rebalancing plan over the API: create a plan, read it with its moves and explanations,
create draft proposals from chosen moves. Scoped like the pages (agency users: 404/403)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from analisis_beban.models import PeriodeABK
from instansi.models import Instansi
from mutasi_asn.api import IzinModel, ScopedReadOnlyViewSet

from ..api import _Ringkas
from .models import KekuranganTersisa, LangkahRencana, RencanaPemerataan
from .selectors import langkah_daftar, rencana_daftar
from .services import rencana_buat, rencana_buat_usulan


class RencanaSerializer(serializers.ModelSerializer):
    periode = serializers.IntegerField(source="periode.tahun", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    instansi = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    dibuat_oleh = serializers.StringRelatedField()

    class Meta:
        model = RencanaPemerataan
        fields = [
            "id",
            "judul",
            "periode",
            "instansi",
            "pengaturan",
            "sidik_jari",
            "status",
            "status_label",
            "progres",
            "tahap",
            "pesan_galat",
            "basi",
            "alasan_basi",
            "ringkasan",
            "dibuat_oleh",
            "dibuat_pada",
            "selesai_pada",
        ]


class RencanaBuatSerializer(serializers.Serializer):
    periode = serializers.SlugRelatedField(
        slug_field="tahun", queryset=PeriodeABK.objects.all(), help_text="Tahun periode ABK."
    )
    instansi = serializers.PrimaryKeyRelatedField(
        queryset=Instansi.objects.all(), many=True, required=False
    )
    judul = serializers.CharField(max_length=200, required=False, allow_blank=True)
    pengaturan = serializers.DictField(required=False)


class LangkahSerializer(serializers.ModelSerializer):
    pegawai_nip = serializers.CharField(source="pegawai.nip", read_only=True)
    pegawai_nama = serializers.CharField(source="pegawai.nama_lengkap", read_only=True)
    jabatan_asal = _Ringkas()
    unit_asal = _Ringkas()
    instansi_asal = _Ringkas()
    jabatan_tujuan = _Ringkas()
    unit_tujuan = _Ringkas()
    instansi_tujuan = _Ringkas()
    usulan = serializers.CharField(source="usulan.nomor", read_only=True, default=None)

    class Meta:
        model = LangkahRencana
        fields = [
            "id",
            "urutan",
            "pegawai",
            "pegawai_nip",
            "pegawai_nama",
            "jabatan_asal",
            "unit_asal",
            "instansi_asal",
            "jabatan_tujuan",
            "unit_tujuan",
            "instansi_tujuan",
            "biaya",
            "penjelasan",
            "usulan",
        ]


class KekuranganSerializer(serializers.ModelSerializer):
    jabatan = _Ringkas()
    instansi = _Ringkas()

    class Meta:
        model = KekuranganTersisa
        fields = [
            "jabatan",
            "instansi",
            "kurang",
            "sudah_diusulkan",
            "terisi",
            "sisa",
            "alasan",
            "keterangan",
            "calon_layak",
        ]


class PilihLangkahSerializer(serializers.Serializer):
    langkah = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)


def _terjemahkan(exc):
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(detail=str(exc) or None)
    return exceptions.ValidationError(detail={"detail": exc.messages})


class RencanaViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Plans (BKPSDM creates; city-wide roles read). GET …/langkah/ lists the moves with their
    explanations, GET …/kekurangan/ the shortages left; POST …/usulan/ makes draft proposals."""

    authentication_classes = ScopedReadOnlyViewSet.authentication_classes
    permission_classes = [permissions.IsAuthenticated, IzinModel]
    serializer_class = RencanaSerializer
    queryset = RencanaPemerataan.objects.none()  # the model, for the router; rows: get_queryset

    def get_queryset(self):
        return rencana_daftar(self.request.user).order_by("-dibuat_pada", "-pk")

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise exceptions.NotFound("Rencana tidak ditemukan.") from None

    @extend_schema(request=RencanaBuatSerializer, responses=RencanaSerializer)
    def create(self, request, *args, **kwargs):
        masukan = RencanaBuatSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        try:
            rencana = rencana_buat(actor=request.user, **masukan.validated_data)
        except (DjangoPermissionDenied, DjangoValidationError) as exc:
            raise _terjemahkan(exc) from None
        return Response(RencanaSerializer(rencana).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=LangkahSerializer(many=True))
    @action(detail=True, methods=["get"])
    def langkah(self, request, pk=None):
        rencana = self.get_object()
        halaman = self.paginate_queryset(langkah_daftar(rencana).order_by("urutan"))
        return self.get_paginated_response(LangkahSerializer(halaman, many=True).data)

    @extend_schema(responses=KekuranganSerializer(many=True))
    @action(detail=True, methods=["get"])
    def kekurangan(self, request, pk=None):
        rencana = self.get_object()
        qs = KekuranganTersisa.objects.filter(rencana=rencana).select_related("jabatan", "instansi")
        halaman = self.paginate_queryset(qs)
        return self.get_paginated_response(KekuranganSerializer(halaman, many=True).data)

    @extend_schema(request=PilihLangkahSerializer, responses={201: dict})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def usulan(self, request, pk=None):
        rencana = self.get_object()  # 404 out of scope
        masukan = PilihLangkahSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        try:
            dibuat = rencana_buat_usulan(
                rencana=rencana, langkah_ids=masukan.validated_data["langkah"], actor=request.user
            )
        except (DjangoPermissionDenied, DjangoValidationError) as exc:
            raise _terjemahkan(exc) from None
        return Response(
            {"usulan": [{"id": u.pk, "nomor": u.nomor} for u in dibuat]},
            status=status.HTTP_201_CREATED,
        )
