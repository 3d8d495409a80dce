from rest_framework import serializers

from mutasi_asn.api import ScopedReadOnlyViewSet, SerializerModel

from .filters import InstansiFilter, JabatanFilter, UnitKerjaFilter
from .models import Instansi, Jabatan, UnitKerja


class InstansiSerializer(SerializerModel):
    class Meta:
        model = Instansi
        fields = ["id", "kode", "nama", "singkatan", "jenis", "aktif"]


class UnitKerjaSerializer(SerializerModel):
    class Meta:
        model = UnitKerja
        fields = ["id", "kode", "nama", "jenis", "instansi", "induk", "kedalaman"]


class JabatanSerializer(SerializerModel):
    instansi = serializers.IntegerField(source="unit_kerja.instansi_id", read_only=True)

    class Meta:
        model = Jabatan
        fields = [
            "id",
            "kode",
            "nama",
            "jenis",
            "jenjang",
            "eselon",
            "kelas_jabatan",
            "pendidikan_minimal",
            "bidang_studi",
            "golongan_minimal",
            "golongan_maksimal",
            "unit_kerja",
            "instansi",
            "aktif",
        ]


class InstansiViewSet(ScopedReadOnlyViewSet):
    base_queryset = Instansi.objects.order_by("nama")
    serializer_class = InstansiSerializer
    filterset_class = InstansiFilter


class UnitKerjaViewSet(ScopedReadOnlyViewSet):
    base_queryset = UnitKerja.objects.order_by("instansi_id", "urutan_pohon")
    serializer_class = UnitKerjaSerializer
    filterset_class = UnitKerjaFilter


class JabatanViewSet(ScopedReadOnlyViewSet):
    base_queryset = Jabatan.objects.select_related("unit_kerja").order_by("pk")
    serializer_class = JabatanSerializer
    filterset_class = JabatanFilter
