from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("calendar-feed/", views.calendar_feed_token, name="calendar_feed_token"),
]
