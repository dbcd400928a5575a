from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from . import checks  # noqa: F401 (checks register themselves)
        from .services import username_retire

        def retire_username(sender, instance, **kwargs):
            # However an account is deleted (the member, the admin, a script), its name stays taken.
            username_retire(member=instance)

        pre_delete.connect(retire_username, sender=get_user_model(), weak=False)

        from allauth.account.signals import user_logged_in

        from .signin_hint import set_signin_hint

        user_logged_in.connect(set_signin_hint, weak=False)

        from allauth.account import signals as account_signals

        from .services import password_set_here_remember

        def remember_password_setter(sender, request, user, **kwargs):
            # This browser set the password: confirming the address here later keeps it.
            password_set_here_remember(request=request, member=user)

        for signal in (
            account_signals.user_signed_up,
            account_signals.password_set,
            account_signals.password_changed,
            account_signals.password_reset,
        ):
            signal.connect(remember_password_setter, weak=False)

        from django.contrib.auth.signals import user_logged_in as django_user_logged_in

        from .network.sessions import member_site_sessions_end, site_session_record

        django_user_logged_in.connect(site_session_record, weak=False)

        def end_other_sessions(sender, request, user, **kwargs):
            # A new password ends every other sign-in of the account, on every site.
            keep = request.session.session_key if request is not None else None
            member_site_sessions_end(user, keep_session_key=keep)

        for signal in (account_signals.password_changed, account_signals.password_reset):
            signal.connect(end_other_sessions, weak=False)
