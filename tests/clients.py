"""Django test clients signed in as the users of `world` (tests/conftest.py)."""


def as_role(client, world, role):
    """`client`, signed in as `world`'s user of `role`."""
    client.force_login(world.users[role])
    return client
