from django.urls import path

from web.counter import views

urlpatterns = [
    path("", views.counter_home, name="counter-home"),
    path("<slug:hub_slug>/", views.queue, name="counter-queue"),
    path("<slug:hub_slug>/cari/", views.find, name="counter-find"),
    path("<slug:hub_slug>/kas/", views.takings, name="counter-takings"),
    path("<slug:hub_slug>/pesanan/<uuid:order_id>/", views.order, name="counter-order"),
    path(
        "<slug:hub_slug>/pesanan/<uuid:order_id>/<str:action>/",
        views.order_action,
        name="counter-order-action",
    ),
]
