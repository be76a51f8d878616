from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from recommendations import sections
        from recommendations.reports import reports

        from . import demo, exports, signals, views

        signals.connect(self)
        sections.register(views.recommendation_projects)
        sections.register_figures(views.follow_up)
        reports.register(exports.ProjectsReport)
        demo.connect()
