"""Create one demo staff account per role, printing each random password once."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

ACCOUNTS = {
    "team": "Cooperative life team",
    "secretary": "Board secretaries",
    "coordinator": "Coordinators",
}


class Command(BaseCommand):
    help = "Create the demo staff accounts (one per role) that do not exist yet, and print their passwords once."

    def handle(self, *args, **options):
        User = get_user_model()
        for username, group_name in ACCOUNTS.items():
            if User.objects.filter(username=username).exists():
                self.stdout.write(
                    f"Demo account '{username}' ({group_name}) exists; its password was printed when it was made."
                )
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(username=username, password=password, is_staff=True)
            user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(self.style.SUCCESS(f"Demo account '{username}' ({group_name}), password: {password}"))
