from django.contrib.humanize.templatetags.humanize import intcomma

from corridor.projects.models import Project
from corridor.regions.models import Region


def test_it_shows_the_counts_and_the_latest_projects(client, db):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<strong>{intcomma(Project.objects.count())}</strong> projects" in page
    assert f"<strong>{intcomma(Region.objects.count())}</strong> regions" in page
    newest = Project.objects.exclude(start_date=None).latest("start_date")
    assert newest.get_absolute_url() in page


def test_its_search_boxes_ask_explore(client, db):
    page = client.get("/").content.decode()
    assert page.count('action="/explore/"') == 2  # the page's and the header's
    assert 'name="q"' in page


def test_every_page_links_the_sections_the_api_docs_and_the_admin(client, db):
    page = client.get("/regions/").content.decode()
    for href in ("/explore/", "/projects/", "/organisations/", "/regions/", "/programmes/",
                 "/api/v1/docs"):  # fmt: skip
        assert f'href="{href}"' in page
    assert 'href="/admin/"' in page
    assert '<a href="/regions/" aria-current="page">' in page


def test_a_refusal_says_why(client, db):
    """Every app's PermissionDenied reaches the person with its reason, on the site's page."""
    from corridor.learning.models import Event
    from people import member

    event = Event.objects.get(title="InterVentures thematic visit, Burgos")
    client.force_login(member("outsider", "mita"))  # ClusterFY, not InterVentures
    response = client.get(f"/events/{event.pk}/edit/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>Not allowed</h1>" in page
    assert "Only members of the event&#x27;s project may change it." in page
