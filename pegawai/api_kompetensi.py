"""Read API of the competency dictionary and of each pegawai's competency facts, scoped like the
register: `/api/v1/kompetensi/`, `/api/v1/asesmen/`, `/api/v1/pelatihan/`, `/api/v1/sertifikasi/`,
`/api/v1/skp/` (each filterable by `?pegawai=ID`), and `/api/v1/pegawai/{id}/kesenjangan/
?jabatan=ID` — the gap of one pegawai against one jabatan."""

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from instansi.models import Jabatan
from instansi.models_kompetensi import Kompetensi, LevelKompetensi
from mutasi_asn.api import ScopedReadOnlyViewSet
from mutasi_asn.filters import FilterSetBerlingkup

from .models import Pegawai
from .models_kompetensi import HasilAsesmen, RiwayatPelatihan, SertifikasiPegawai, SKPTahunan
from .selectors import kesenjangan_pegawai, label_predikat, uraian_kesenjangan


class LevelKompetensiSerializer(serializers.ModelSerializer):
    indikator = serializers.SerializerMethodField()

    class Meta:
        model = LevelKompetensi
        fields = ["level", "deskripsi", "indikator"]

    def get_indikator(self, obj) -> list[dict]:
        return [{"nomor": n, "uraian": t} for n, t in obj.daftar_indikator]


class KompetensiSerializer(serializers.ModelSerializer):
    level = LevelKompetensiSerializer(many=True, read_only=True)

    class Meta:
        model = Kompetensi
        fields = ["id", "kode", "nama", "jenis", "rumpun", "definisi", "aktif", "level"]


class KompetensiViewSet(ScopedReadOnlyViewSet):
    base_queryset = Kompetensi.objects.prefetch_related("level").order_by("jenis", "kode")
    serializer_class = KompetensiSerializer
    filterset_fields = ["jenis", "rumpun", "aktif"]


class FilterPegawai(FilterSetBerlingkup):
    pegawai = django_filters.NumberFilter(field_name="pegawai_id", label="Pegawai (id)")


def _filter_untuk(model_):
    return type(
        f"Filter{model_.__name__}",
        (FilterPegawai,),
        {"Meta": type("Meta", (), {"model": model_, "fields": ["pegawai"]})},
    )


class HasilAsesmenSerializer(serializers.ModelSerializer):
    kompetensi_kode = serializers.CharField(source="kompetensi.kode", read_only=True)

    class Meta:
        model = HasilAsesmen
        fields = ["id", "pegawai", "kompetensi", "kompetensi_kode", "level", "tanggal", "sumber"]


class RiwayatPelatihanSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiwayatPelatihan
        fields = [
            "id",
            "pegawai",
            "program",
            "nama",
            "jenis",
            "jam_pelajaran",
            "tahun",
            "penyelenggara",
            "nomor_sertifikat",
        ]


class SertifikasiPegawaiSerializer(serializers.ModelSerializer):
    jenis_kode = serializers.CharField(source="jenis_sertifikasi.kode", read_only=True)

    class Meta:
        model = SertifikasiPegawai
        fields = [
            "id",
            "pegawai",
            "jenis_sertifikasi",
            "jenis_kode",
            "nomor",
            "tanggal_terbit",
            "berlaku_sampai",
            "penerbit",
        ]


class SKPTahunanSerializer(serializers.ModelSerializer):
    predikat = serializers.CharField(read_only=True)
    predikat_label = serializers.SerializerMethodField()

    class Meta:
        model = SKPTahunan
        fields = [
            "id",
            "pegawai",
            "tahun",
            "hasil_kerja",
            "perilaku_kerja",
            "predikat",
            "predikat_label",
        ]

    def get_predikat_label(self, obj) -> str:
        label = self.context.setdefault("_label_predikat", label_predikat())
        return label.get(obj.predikat, obj.predikat)


class HasilAsesmenViewSet(ScopedReadOnlyViewSet):
    base_queryset = HasilAsesmen.objects.select_related("kompetensi").order_by("pk")
    serializer_class = HasilAsesmenSerializer
    filterset_class = _filter_untuk(HasilAsesmen)


class RiwayatPelatihanViewSet(ScopedReadOnlyViewSet):
    base_queryset = RiwayatPelatihan.objects.order_by("pk")
    serializer_class = RiwayatPelatihanSerializer
    filterset_class = _filter_untuk(RiwayatPelatihan)


class SertifikasiPegawaiViewSet(ScopedReadOnlyViewSet):
    base_queryset = SertifikasiPegawai.objects.select_related("jenis_sertifikasi").order_by("pk")
    serializer_class = SertifikasiPegawaiSerializer
    filterset_class = _filter_untuk(SertifikasiPegawai)


class SKPTahunanViewSet(ScopedReadOnlyViewSet):
    base_queryset = SKPTahunan.objects.order_by("pegawai_id", "-tahun")
    serializer_class = SKPTahunanSerializer
    filterset_class = _filter_untuk(SKPTahunan)


class _KesenjanganKompetensiSerializer(serializers.Serializer):
    kompetensi = serializers.IntegerField()
    kode = serializers.CharField()
    kesenjangan = serializers.IntegerField()
    belum_dinilai = serializers.BooleanField()


class KesenjanganSerializer(serializers.Serializer):
    """The answer of the gap endpoint (documentation of its shape)."""

    pegawai = serializers.IntegerField()
    jabatan = serializers.IntegerField()
    cocok = serializers.BooleanField()
    kompetensi = _KesenjanganKompetensiSerializer(many=True)
    sertifikasi_kurang = serializers.ListField(child=serializers.CharField())
    sertifikasi_kedaluwarsa = serializers.ListField(child=serializers.CharField())
    pelatihan_kurang = serializers.ListField(child=serializers.CharField())


class KesenjanganView(APIView):
    """The gap of one pegawai against one jabatan, both in the user's scope: per competency,
    certifications missing or expired, training missing."""

    authentication_classes = ScopedReadOnlyViewSet.authentication_classes
    permission_classes = ScopedReadOnlyViewSet.permission_classes
    queryset = Pegawai.objects.all()  # for IzinModel: pegawai.view_pegawai

    serializer_class = KesenjanganSerializer

    @extend_schema(
        parameters=[OpenApiParameter("jabatan", int, required=True)],
        responses=KesenjanganSerializer,
    )
    def get(self, request, pk):
        pegawai = get_object_or_404(Pegawai.objects.for_user(request.user), pk=pk)
        jabatan_id = request.query_params.get("jabatan", "")
        if not jabatan_id.isdigit():
            raise ValidationError({"jabatan": "Isi ?jabatan= dengan id jabatan (angka)."})
        jabatan = get_object_or_404(Jabatan.objects.for_user(request.user), pk=int(jabatan_id))
        uraian = uraian_kesenjangan(kesenjangan_pegawai(pegawai, jabatan))
        return Response(
            {
                "pegawai": pegawai.pk,
                "jabatan": jabatan.pk,
                "cocok": uraian["cocok"],
                "kompetensi": [
                    {
                        "kompetensi": g["kompetensi"].pk,
                        "kode": g["kompetensi"].kode,
                        "kesenjangan": g["kesenjangan"],
                        "belum_dinilai": g["belum_dinilai"],
                    }
                    for g in uraian["kompetensi"]
                ],
                "sertifikasi_kurang": [s.kode for s in uraian["sertifikasi_kurang"]],
                "sertifikasi_kedaluwarsa": [s.kode for s in uraian["sertifikasi_kedaluwarsa"]],
                "pelatihan_kurang": [p.kode for p in uraian["pelatihan_kurang"]],
            }
        )
