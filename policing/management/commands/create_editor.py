"""Create an editor: a staff user in the Editors group, who can curate events in /admin/.

The password is prompted for, or read from the EDITOR_PASSWORD environment variable when
scripted. Running it for an existing user adds them to the group (and sets the password if one
is given). `--releases` also lets them make releases of the published data.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from policing.editorial.editors import ensure_editors_group
from policing.text.errors import one_line


class Command(BaseCommand):
    help = "Create an editor account (password prompted, or from EDITOR_PASSWORD)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--releases",
            action="store_true",
            help="Also let them make releases of the published data (policing.make_release).",
        )

    def handle(self, *args, username, email="", releases=False, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = os.environ.get("EDITOR_PASSWORD")
        if password is None and user is None:
            password = self._prompt_password()
        if user is None and not password:
            raise CommandError("A new editor needs a password (prompted, or EDITOR_PASSWORD).")
        if password:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(one_line(error)) from error
        created = user is None
        if created:
            user = User(username=username, email=email)
        user.is_staff = True
        if password:
            user.set_password(password)
        user.save()
        user.groups.add(ensure_editors_group())
        if releases:
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label="policing", codename="make_release")
            )
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} editor “{username}”."))

    def _prompt_password(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return first
