from django.urls import path

from web.shop import views

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:hub_slug>/", views.hub, name="hub"),
    path("<slug:hub_slug>/cari/saran/", views.search_suggestions, name="search-suggestions"),
    path("<slug:hub_slug>/produk/<str:product_slug>/", views.product, name="product"),
    path("<slug:hub_slug>/produk/<str:product_slug>/beli/", views.cart_add, name="cart-add"),
    path("<slug:hub_slug>/keranjang/", views.cart, name="cart"),
    path("<slug:hub_slug>/keranjang/ubah/", views.cart_update, name="cart-update"),
    path("<slug:hub_slug>/pesan/", views.checkout, name="checkout"),
    path("<slug:hub_slug>/bayar/<uuid:transaction_id>/", views.payment, name="payment"),
    path(
        "<slug:hub_slug>/bayar/<uuid:transaction_id>/status/",
        views.payment_status,
        name="payment-status",
    ),
    path(
        "<slug:hub_slug>/bayar/kembali/<uuid:place_token>/",
        views.payment_return,
        name="payment-return",
    ),
    path("<slug:hub_slug>/pesanan/<uuid:order_id>/", views.order, name="order"),
]
