from django.urls import path

from web.account import views

urlpatterns = [
    path("masuk/", views.sign_in, name="sign-in"),
    path("keluar/", views.sign_out, name="sign-out"),
]
