"""Read API of the workload analysis: results per jabatan and the summary per instansi.

Both answer for one period (`?periode=YYYY`, default the one in force — never a draft) and are
scoped like the pages:
an agency user sees their own agency only.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.response import Response

from mutasi_asn.api import IzinModel, ScopedReadOnlyViewSet, SerializerModel, tulis_waktu

from . import selectors
from .choices import PrestasiJabatan
from .filters import HasilABKFilter
from .models import HasilABK, PeriodeABK


class PJField(serializers.ChoiceField):
    """PJ of a vacant position is null (it has no EJ, hence no grade), never an empty string."""

    def __init__(self, **kwargs):
        super().__init__(choices=PrestasiJabatan.choices, allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value):
        return value or None


class HasilABKSerializer(SerializerModel):
    periode = serializers.IntegerField(source="periode.tahun", read_only=True)
    pj = PJField()
    jabatan_kode = serializers.CharField(source="jabatan.kode", read_only=True)
    jabatan_nama = serializers.CharField(source="jabatan.nama", read_only=True)

    class Meta:
        model = HasilABK
        fields = [
            "id",
            "periode",
            "jabatan",
            "jabatan_kode",
            "jabatan_nama",
            "unit_kerja",
            "instansi",
            "total_beban_menit",
            "kebutuhan",
            "kebutuhan_bulat",
            "bezetting",
            "selisih",
            "keadaan",
            "ej",
            "pj",
            "basi",
            "dihitung_pada",
        ]


class HasilABKViewSet(ScopedReadOnlyViewSet):
    base_queryset = HasilABK.objects.select_related("periode", "jabatan").order_by(
        "instansi_id", "unit_kerja_id", "jabatan_id"
    )
    serializer_class = HasilABKSerializer
    filterset_class = HasilABKFilter


class RingkasanInstansiSerializer(serializers.Serializer):
    instansi = serializers.IntegerField(source="instansi_id")
    instansi_nama = serializers.CharField()
    instansi_singkatan = serializers.CharField()
    jumlah_jabatan = serializers.IntegerField()
    total_beban_menit = serializers.DecimalField(max_digits=20, decimal_places=2)
    kebutuhan = serializers.DecimalField(max_digits=16, decimal_places=4)
    kebutuhan_bulat = serializers.IntegerField()
    bezetting = serializers.IntegerField()
    selisih = serializers.IntegerField()
    lebih = serializers.IntegerField()
    kurang = serializers.IntegerField()
    jabatan_lebih = serializers.IntegerField()
    jabatan_kurang = serializers.IntegerField()
    jabatan_sesuai = serializers.IntegerField()
    jabatan_basi = serializers.IntegerField()
    eu = serializers.DecimalField(max_digits=12, decimal_places=4, allow_null=True)
    pu = PJField()
    keadaan = serializers.CharField()


class IzinHasil(IzinModel):
    """The summary is read from HasilABK, so it needs the same `view_hasilabk` permission."""

    def _queryset(self, view):
        return HasilABK.objects.all()


class RingkasanInstansiViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated, IzinHasil]
    queryset = HasilABK.objects.none()  # for the permission class and the schema

    @extend_schema(
        parameters=[
            OpenApiParameter("periode", int, description="Tahun periode; bawaan periode berlaku")
        ],
        responses=RingkasanInstansiSerializer(many=True),
    )
    def list(self, request):
        tahun = request.query_params.get("periode", "")
        if tahun and not tahun.isdigit():
            # As the result list answers it, not silently the latest period.
            return Response(
                {"periode": ["Periode harus berupa tahun, mis. 2026."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if tahun.isdigit():
            periode = get_object_or_404(PeriodeABK.objects.for_user(request.user), tahun=tahun)
        else:
            periode = selectors.periode_berlaku()
        if periode is None:
            return Response({"periode": None, "results": []})
        baris = selectors.ringkasan_per_instansi(periode=periode, user=request.user)
        return Response(
            {
                "periode": periode.tahun,
                "status_periode": periode.status,
                "dihitung_pada": tulis_waktu(periode.dihitung_pada),
                "results": RingkasanInstansiSerializer(baris, many=True).data,
            }
        )
