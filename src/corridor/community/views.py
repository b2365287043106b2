from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from corridor.community.queries import (
    account_overview,
    idea_partner_suggestions,
    project_partner_suggestions,
)


@login_required
def my_account(request):
    return render(request, "community/my_account.html", {"account": account_overview(request.user)})


# Partner suggestions --------------------------------------------------------------------
def _limit(request) -> int:
    try:
        return max(1, min(int(request.GET.get("limit", 10)), 50))
    except ValueError:
        return 10


@login_required
def idea_suggestions(request, slug):
    result = idea_partner_suggestions(request.user, slug, _limit(request))
    return render(request, "community/suggestions.html", {"result": result})


@login_required
def project_suggestions(request, slug):
    result = project_partner_suggestions(request.user, slug, _limit(request))
    return render(request, "community/suggestions.html", {"result": result})
