from django.apps import AppConfig


class PolicingConfig(AppConfig):
    name = "policing"
    verbose_name = "Policing diplomacy timeline"
    default_auto_field = "django.db.models.BigAutoField"
