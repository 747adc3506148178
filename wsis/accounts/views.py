from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from wsis.core.events import events_for


class ProfileView(LoginRequiredMixin, TemplateView):
    """The signed-in person's account: role, organisation, recent events."""

    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            profile=user,
            action_lines=user.action_lines.all(),
            events=events_for(user)[:10],
            **kwargs,
        )
