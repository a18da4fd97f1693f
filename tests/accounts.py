"""Users in the editorial roles, for the permission and browser tests."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import EDITORS, MODERATORS

PASSWORD = "mot-de-passe-de-test"


def create_member(username, group_name=None, *, superuser=False):
    """An active user in `group_name` (EDITORS or MODERATORS), or a superuser."""
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", PASSWORD)
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def create_editor(username="editrice"):
    return create_member(username, EDITORS)


def create_moderator(username="moderateur"):
    return create_member(username, MODERATORS)
