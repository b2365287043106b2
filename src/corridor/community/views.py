from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from corridor.community.queries import account_overview


@login_required
def my_account(request):
    return render(request, "community/my_account.html", {"account": account_overview(request.user)})
