from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.member_create, name="member_create"),
    path("trainings/", views.training_kinds, name="training_kinds"),
    path("<int:member_id>/", views.member_edit, name="member"),
    path("<int:member_id>/trainings/", views.training_add, name="training_add"),
    path(
        "<int:member_id>/trainings/<int:training_id>/remove/",
        views.training_remove,
        name="training_remove",
    ),
    path("<int:member_id>/absences/", views.absence_add, name="absence_add"),
    path(
        "<int:member_id>/absences/<int:absence_id>/remove/",
        views.absence_remove,
        name="absence_remove",
    ),
]
