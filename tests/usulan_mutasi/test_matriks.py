"""Role × state × action: for every state and every action, only the role (and agency) it belongs
to succeeds; everyone else gets a clear refusal, and an agency outside the transfer cannot even
see the proposal (for_user, the inbox and the API all leave it out).
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UsulanMutasiFactory,
    dokumen_lengkap,
)
from usulan_mutasi import services
from usulan_mutasi.choices import STATUS_BOLEH_BATAL, STATUS_BOLEH_UBAH, StatusUsulan
from usulan_mutasi.models import PeristiwaUsulan, UsulanMutasi
from usulan_mutasi.selectors import jumlah_menunggu, usulan_menunggu_tindakan

S = StatusUsulan

AKSI = {
    "ajukan": lambda u, a: services.usulan_ajukan(
        usulan=u, actor=a, justifikasi_peringatan="Justifikasi tertulis."
    ),
    "ubah": lambda u, a: services.usulan_ubah(
        usulan=u, data={"justifikasi": "Diperbarui."}, actor=a
    ),
    "setujui": lambda u, a: services.usulan_setujui(usulan=u, actor=a),
    "kembalikan": lambda u, a: services.usulan_kembalikan(usulan=u, alasan="Perbaiki.", actor=a),
    "tolak": lambda u, a: services.usulan_tolak(usulan=u, alasan="Tidak sesuai.", actor=a),
    "batalkan": lambda u, a: services.usulan_batalkan(usulan=u, actor=a),
}

PELAKU_TAHAP = {
    S.DIAJUKAN: "bkpsdm",
    S.PERSETUJUAN_ASAL: "kepala_asal",
    S.PERSETUJUAN_TUJUAN: "kepala_tujuan",
    S.PERTIMBANGAN_TIM: "tim_penilai",
    S.KEPUTUSAN_PPK: "ppk",
}


def yang_berhak(status: str, aksi: str) -> str | None:
    """The one actor (by name in the `pelaku` fixture) whose action this is; None = nobody."""
    if aksi in ("ajukan", "ubah"):
        return "operator_asal" if status in STATUS_BOLEH_UBAH else None
    if aksi == "batalkan":
        return "operator_asal" if status in STATUS_BOLEH_BATAL else None
    return PELAKU_TAHAP.get(status)


def yang_menunggu(status: str) -> str | None:
    if status in STATUS_BOLEH_UBAH:
        return "operator_asal"
    if status == S.DISETUJUI:
        return "bkpsdm"  # the decree is theirs to draft
    return PELAKU_TAHAP.get(status)


@pytest.fixture
def pelaku(buat_pengguna, instansi_a, instansi_b):
    instansi_c = InstansiFactory(nama="Dinas Lain Uji")
    return {
        "admin": buat_pengguna(Peran.ADMIN, is_staff=True, is_superuser=True),
        "bkpsdm": buat_pengguna(Peran.BKPSDM),
        "operator_asal": buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_a),
        "kepala_asal": buat_pengguna(Peran.KEPALA_OPD, instansi=instansi_a),
        "operator_tujuan": buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_b),
        "kepala_tujuan": buat_pengguna(Peran.KEPALA_OPD, instansi=instansi_b),
        "kepala_lain": buat_pengguna(Peran.KEPALA_OPD, instansi=instansi_c),
        "operator_lain": buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_c),
        "tim_penilai": buat_pengguna(Peran.TIM_PENILAI),
        "ppk": buat_pengguna(Peran.PPK),
        "tanpa_peran": buat_pengguna(None),
    }


@pytest.fixture
def buat_usulan(pelaku, instansi_a, instansi_b):
    def _buat(status):
        asal = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_a))
        usulan = UsulanMutasiFactory(
            pegawai=PegawaiFactory(jabatan=asal),
            jabatan_tujuan=JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_b)),
            status=status,
            diusulkan_oleh=pelaku["operator_asal"],
            instansi_pengusul=instansi_a,
        )
        return dokumen_lengkap(usulan, pelaku["bkpsdm"])

    return _buat


@pytest.mark.parametrize("aksi", list(AKSI))
@pytest.mark.parametrize("status", S.values)
def test_hanya_pemilik_tindakan_yang_berhasil(pelaku, buat_usulan, status, aksi):
    usulan = buat_usulan(status)
    berhak = yang_berhak(status, aksi)
    for nama, user in pelaku.items():
        if nama == berhak:
            continue
        with pytest.raises((PermissionDenied, ValidationError)) as exc:
            AKSI[aksi](usulan, user)
        assert exc.value.args and str(exc.value.args[0]), f"{nama}: pesan kosong"
        if berhak is not None:
            # The action exists in this state, so the refusal is about who, not when.
            assert isinstance(exc.value, PermissionDenied), f"{nama} pada {status}/{aksi}"
    usulan.refresh_from_db()
    assert usulan.status == status
    assert not PeristiwaUsulan.objects.filter(usulan=usulan).exists()
    if berhak is not None:
        hasil = AKSI[aksi](usulan, pelaku[berhak])
        assert hasil.pk == usulan.pk
        assert PeristiwaUsulan.objects.filter(usulan=usulan).count() == 1


@pytest.mark.parametrize("status", S.values)
def test_kotak_masuk_hanya_milik_yang_harus_bertindak(pelaku, buat_usulan, status):
    usulan = buat_usulan(status)
    menunggu = {nama for nama, user in pelaku.items() if usulan in usulan_menunggu_tindakan(user)}
    harap = yang_menunggu(status)
    assert menunggu == ({harap} if harap else set())
    for nama, user in pelaku.items():
        assert jumlah_menunggu(user) == (1 if nama == harap else 0)


@pytest.mark.parametrize("status", S.values)
def test_instansi_lain_tidak_melihat_usulan(pelaku, buat_usulan, client, status):
    usulan = buat_usulan(status)
    terlihat = {
        nama for nama, user in pelaku.items() if UsulanMutasi.objects.for_user(user).exists()
    }
    assert terlihat == {
        "admin",
        "bkpsdm",
        "operator_asal",
        "kepala_asal",
        "operator_tujuan",
        "kepala_tujuan",
        "tim_penilai",
        "ppk",
    }
    client.force_login(pelaku["kepala_lain"])
    assert client.get(f"/api/v1/usulan/{usulan.pk}/").status_code == 404
    for aksi in ("ajukan", "setujui", "kembalikan", "tolak", "batalkan"):
        resp = client.post(f"/api/v1/usulan/{usulan.pk}/{aksi}/", {"alasan": "x"})
        assert resp.status_code == 404
    assert client.get("/api/v1/usulan/").json()["count"] == 0


@pytest.mark.parametrize(
    "nama", ["bkpsdm", "operator_asal", "kepala_asal", "kepala_tujuan", "tim_penilai", "ppk"]
)
def test_kotak_masuk_jumlah_kueri_tetap(pelaku, buat_usulan, django_assert_max_num_queries, nama):
    user = pelaku[nama]
    _ = user.daftar_peran  # the roles are read once per request, not per inbox

    def baca():
        baris = list(usulan_menunggu_tindakan(user))
        for u in baris:
            str(u.pegawai), str(u.jabatan_tujuan), str(u.instansi_asal), str(u.instansi_tujuan)
            str(u.unit_asal), str(u.diusulkan_oleh)
        return len(baris), jumlah_menunggu(user)

    per_putaran = sum(1 for status in S.values if yang_menunggu(status) == nama)
    for status in S.values:
        buat_usulan(status)
    # One query for the rows (pegawai and jabatan joined), one per prefetched relation, the badge.
    with django_assert_max_num_queries(8) as sedikit:
        assert baca() == (per_putaran, per_putaran)
    for _ in range(4):
        for status in S.values:
            buat_usulan(status)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        assert baca() == (5 * per_putaran, 5 * per_putaran)
