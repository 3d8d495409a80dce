from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Tampilkan token API seorang pengguna (dibuat bila belum ada). Pakai sebagai "
        "header `Authorization: Token <token>`. Token juga dapat dikelola di admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--ganti", action="store_true", help="Cabut token lama dan buat token baru."
        )

    def handle(self, *args, username, ganti, **opts):
        try:
            user = get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Pengguna aktif '{username}' tidak ditemukan.") from None
        if ganti:
            Token.objects.filter(user=user).delete()
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
