"""Full backup and restore: the register, staff accounts and admin history, as a Django JSON fixture.

Times keep their microseconds (``dumpdata`` cuts them to milliseconds, which would reorder records
saved within one millisecond); what migrations recreate or is transient is left out.
"""

import datetime
import gzip

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder

from workgroups.models import Cycle, Office, Theme

from .models import Recommendation

EXCLUDED_APPS = {"contenttypes", "sessions", "axes"}
# The data version only keys cached figures; a restore moves it on instead. The search's words are
# written again by the database as the recommendations are restored.
EXCLUDED_MODELS = {"auth.permission", "recommendations.dataversion", "recommendations.searchdocument"}


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, value):
        if isinstance(value, (datetime.datetime, datetime.time)):
            return value.isoformat()
        return super().default(value)


def backed_up_models():
    """The models a backup holds, ordered so that natural keys are defined before they are used."""
    every_model = [(config, None) for config in apps.get_app_configs()]
    return [
        model
        for model in serializers.sort_dependencies(every_model, allow_cycles=True)
        if model._meta.app_label not in EXCLUDED_APPS
        and model._meta.label_lower not in EXCLUDED_MODELS
        and model._meta.managed
        and not model._meta.proxy
    ]


def _records():
    for model in backed_up_models():
        yield from model._default_manager.order_by(model._meta.pk.name).iterator()


def write_backup(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as stream:
        serializers.serialize("json", _records(), stream=stream, cls=ExactJSONEncoder, use_natural_foreign_keys=True)


def is_empty():
    """True when the database holds no account and no register yet, so that a restore overwrites nothing."""
    models = [get_user_model(), Office, Cycle, Theme, Recommendation]
    return not any(model.objects.exists() for model in models)
