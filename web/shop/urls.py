from django.urls import path

from web.shop import views

urlpatterns = [
    path("", views.home, name="home"),
]
