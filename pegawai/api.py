from rest_framework import serializers

from mutasi_asn.api import ScopedReadOnlyViewSet, SerializerModel

from .filters import PegawaiFilter
from .models import Pegawai


class PegawaiSerializer(SerializerModel):
    nama_lengkap = serializers.CharField(read_only=True)
    unit_kerja = serializers.IntegerField(
        source="jabatan.unit_kerja_id", read_only=True, default=None
    )
    instansi = serializers.IntegerField(
        source="jabatan.unit_kerja.instansi_id", read_only=True, default=None
    )
    golongan_label = serializers.CharField(source="get_golongan_display", read_only=True)
    pendidikan_label = serializers.CharField(source="get_pendidikan_display", read_only=True)

    class Meta:
        model = Pegawai
        fields = [
            "id",
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "nama_lengkap",
            "status",
            "tanggal_lahir",
            "jenis_kelamin",
            "golongan",
            "golongan_label",
            "pendidikan",
            "pendidikan_label",
            "bidang_studi",
            "jabatan",
            "unit_kerja",
            "instansi",
            "tmt_jabatan",
            "aktif",
        ]


class PegawaiViewSet(ScopedReadOnlyViewSet):
    base_queryset = Pegawai.objects.select_related("jabatan__unit_kerja").order_by("nama", "pk")
    serializer_class = PegawaiSerializer
    filterset_class = PegawaiFilter
