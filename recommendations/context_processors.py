"""What every public page needs to know beyond its own view."""

from .models import Recommendation


def demo_data(request):
    """Whether published recommendations of an illustrative demo cycle are shown.

    A callable, so that the one query runs only on pages whose template asks (not in the admin).
    """

    def shown():
        return Recommendation.objects.published().filter(cycle__is_demo=True).exists()

    return {"demo_data_shown": shown}
