"""The API's page-number pagination (its own module: REST_FRAMEWORK settings import it while
rest_framework.viewsets is still loading)."""

from rest_framework.pagination import PageNumberPagination


class HalamanBernomor(PageNumberPagination):
    # DRF's Indonesian catalogue lacks this one: it answered "Invalid page.".
    invalid_page_message = "Halaman tidak ditemukan."
