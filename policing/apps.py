from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PolicingConfig(AppConfig):
    name = "policing"
    verbose_name = "Policing diplomacy timeline"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals
        from .editors import ensure_editors_group

        signals.connect()

        # Permissions only exist after migrate has run, so the group is kept in step then.
        post_migrate.connect(ensure_editors_group, sender=self)
