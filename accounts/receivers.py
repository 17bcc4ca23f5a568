import logging

from axes.signals import user_locked_out
from django.dispatch import receiver

logger = logging.getLogger("accounts")


@receiver(user_locked_out, dispatch_uid="accounts-log-lockout")
def log_lockout(sender, request, username, ip_address, **kwargs):
    """One line an IT officer can grep: who was locked, from where (README "Logging in")."""
    logger.warning("Login locked: account %r, address %s (too many failed passwords)", username, ip_address)
