from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Pengguna


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "instansi", "is_active", "is_staff")
    list_filter = ("groups", "is_active", "is_staff", "instansi")
    list_select_related = ("instansi",)
    search_fields = ("username", "first_name", "last_name", "email")
    autocomplete_fields = ("instansi",)
    fieldsets = UserAdmin.fieldsets + (
        (_("Cakupan"), {"fields": ("instansi", "jabatan_tertulis")}),
    )
