from django.urls import path

from web.backoffice import views

urlpatterns = [
    path("", views.choose, name="backoffice"),
    path("<int:cooperative_id>/", views.home, name="backoffice-home"),
    path("<int:cooperative_id>/produk/", views.products, name="backoffice-products"),
]
