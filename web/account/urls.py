from django.urls import path

from web.account import views

urlpatterns = [
    path("", views.account, name="account"),
    path("masuk/", views.sign_in, name="sign-in"),
    path("keluar/", views.sign_out, name="sign-out"),
    path("daftar/", views.register, name="register"),
    path("konfirmasi/", views.confirm, name="confirm"),
    path("lupa-sandi/", views.password_reset, name="password-reset"),
    path("sandi-baru/", views.password_set, name="password-set"),
    path("pesanan/", views.orders, name="orders"),
    path("alamat/", views.addresses, name="addresses"),
    path("alamat/baru/", views.address_edit, name="address-add"),
    path("alamat/<int:address_id>/", views.address_edit, name="address-edit"),
    path("alamat/<int:address_id>/hapus/", views.address_delete, name="address-delete"),
    path("alamat/<int:address_id>/utama/", views.address_set_default, name="address-default"),
]
