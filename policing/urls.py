from django.contrib import admin
from django.urls import path

from . import views

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("events/<slug:slug>/", views.event_detail, name="event-detail"),
    path("sources/", views.source_list, name="source-list"),
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
    path("countries/<str:code>/", views.country_detail, name="country-detail"),
    path("admin/", admin.site.urls),
]
