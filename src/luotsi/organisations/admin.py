from django.contrib import admin

from .models import Office, Organisation, Team


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "business_id"]
    inlines = [OfficeInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "office"]
