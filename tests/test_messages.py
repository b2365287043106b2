"""Private contact: a message to a person (by their profile) or to an idea's author, the
inbox, conversations with replies and read state, the daily limit, blocks; the e-mail that
tells the recipient names nobody's address. Both ways: sender, recipient, a third person,
anonymous."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from corridor.community import queries, services
from corridor.community.models import Block, Message, Profile, ProjectIdea, Visibility

pytestmark = pytest.mark.django_db


def person(username: str, visibility: str | None = Visibility.MEMBERS, name: str = "") -> User:
    """A user with a profile (of that visibility), or none when visibility is None."""
    user = User.objects.create_user(username, f"{username}@example.org", "pw")
    if visibility is not None:
        Profile.objects.create(
            user=user, slug=f"{username}-profile", name=name or username.title(),
            visibility=visibility,
        )  # fmt: skip
    return user


@pytest.fixture
def ana():
    return person("ana", name="Ana Kovács")


@pytest.fixture
def bob():
    return person("bob", name="Bob Berg")


@pytest.fixture
def eve():
    return person("eve", name="Eve Outsider")


def idea_by(author: User) -> ProjectIdea:
    return ProjectIdea.objects.create(
        slug="green-ports", title="Green ports", summary="Shore power for small ports.",
        author=author,
    )  # fmt: skip


# The services ----------------------------------------------------------------------------


def test_a_message_reaches_the_inbox_and_an_e_mail_from_the_platform(ana, bob, settings):
    settings.SITE_URL = "https://corridor.example.eu"
    message = services.send_message(ana, bob, "Partnering?", "We look for a port authority.")
    assert [m.subject for m in queries.inbox(bob).items] == ["Partnering?"]
    assert queries.inbox(ana).items == []
    assert [m.subject for m in queries.sent_messages(ana).items] == ["Partnering?"]
    assert queries.unread_count(bob) == 1 and queries.unread_count(ana) == 0

    [email] = mail.outbox
    assert email.to == ["bob@example.org"]
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert email.reply_to == [] and email.cc == [] and email.bcc == []
    whole = email.message().as_string()
    assert "ana@example.org" not in whole
    assert whole.count("bob@example.org") == 1  # the To header only
    assert "Ana Kovács" in email.subject
    assert f"https://corridor.example.eu/messages/{message.pk}/" in email.body


def test_anyone_signed_in_writes_to_a_visible_profile_or_an_ideas_author(ana, bob, eve):
    hidden = person("hana", visibility=Visibility.HIDDEN)
    nobody = person("noel", visibility=None)
    with pytest.raises(PermissionDenied):
        services.send_message(ana, hidden, "Hi", "Hello")
    with pytest.raises(PermissionDenied):
        services.send_message(ana, nobody, "Hi", "Hello")
    # An idea's author is reachable through the idea, profile or not.
    idea = idea_by(nobody)
    message = services.send_message(ana, nobody, "Your idea", "Count us in.", idea=idea)
    assert message.idea == idea
    # ... but naming someone else's idea does not open their door.
    with pytest.raises(PermissionDenied):
        services.send_message(ana, hidden, "Hi", "Hello", idea=idea)
    with pytest.raises(ValidationError):
        services.send_message(ana, ana, "Me", "Myself")
    with pytest.raises(PermissionDenied):
        services.send_message(AnonymousUser(), bob, "Hi", "Hello")
    assert Message.objects.count() == 1


def test_a_reply_stays_in_the_conversation_and_goes_to_the_other_person(ana, bob, eve):
    first = services.send_message(ana, bob, "Partnering?", "Interested?")
    answer = services.reply(bob, first, "Yes, tell me more.")
    again = services.reply(ana, answer, "Here is more.")
    assert (answer.recipient, answer.reply_to, answer.subject) == (ana, first, "Re: Partnering?")
    assert (again.recipient, again.reply_to) == (bob, first)  # flat: all point to the first
    thread = queries.conversation(bob, again.pk)
    assert [m.body for m in thread.messages] == [
        "Interested?", "Yes, tell me more.", "Here is more.",
    ]  # fmt: skip
    assert thread.other.name == "Ana Kovács" and thread.other.slug == "ana-profile"
    with pytest.raises(PermissionDenied):
        services.reply(eve, first, "Me too!")


def test_reading_marks_read_for_the_recipient_only(ana, bob, eve):
    message = services.send_message(ana, bob, "Partnering?", "Interested?")
    for someone in (ana, eve):
        with pytest.raises(PermissionDenied):
            services.mark_read(someone, message)
    services.mark_read(bob, message)
    message.refresh_from_db()
    first_read = message.read_at
    assert first_read is not None
    services.mark_read(bob, message)
    message.refresh_from_db()
    assert message.read_at == first_read


def test_the_daily_limit_refuses_the_message_over_it(ana, bob, settings):
    settings.MESSAGES_PER_DAY = 3
    for n in range(3):
        services.send_message(ana, bob, f"Message {n}", "Hello")
    with pytest.raises(ValidationError, match="3 messages within 24 hours"):
        services.send_message(ana, bob, "One more", "Hello")
    # Older than a day no longer counts.
    oldest = Message.objects.get(subject="Message 0")
    Message.objects.filter(pk=oldest.pk).update(sent_at=oldest.sent_at - timedelta(hours=25))
    services.send_message(ana, bob, "One more", "Hello")
    assert Message.objects.filter(sender=ana).count() == 4


def test_the_default_limit_is_twenty_a_day(ana, bob):
    for n in range(20):
        services.send_message(ana, bob, f"Message {n}", "Hello")
    with pytest.raises(ValidationError):
        services.send_message(ana, bob, "Twenty-first", "Hello")
    assert len(mail.outbox) == 20


def test_a_block_stops_the_blocked_persons_messages_without_naming_it(ana, bob):
    services.block(bob, ana)
    services.block(bob, ana)  # twice changes nothing
    assert Block.objects.filter(blocker=bob).count() == 1
    with pytest.raises(PermissionDenied) as refused:
        services.send_message(ana, bob, "Hi", "Hello")
    assert str(refused.value) == services.UNDELIVERABLE
    assert "block" not in str(refused.value).lower()
    # The blocker may still write to the person they block.
    services.send_message(bob, ana, "Hello", "It's me")
    services.unblock(bob, ana)
    services.send_message(ana, bob, "Hi again", "Hello")
    assert mail.outbox[-1].to == ["bob@example.org"]
    with pytest.raises(ValidationError):
        services.block(bob, bob)
    with pytest.raises(PermissionDenied):
        services.block(AnonymousUser(), bob)


# The pages -------------------------------------------------------------------------------


def test_the_message_form_sends_to_a_profile_and_the_inbox_shows_it(client, ana, bob):
    client.force_login(ana)
    page = client.get("/people/bob-profile/contact/")
    assert page.status_code == 200
    assert "Send a message to Bob Berg" in page.content.decode()
    response = client.post(
        "/people/bob-profile/contact/", {"subject": "Partnering?", "body": "Interested?"}
    )
    message = Message.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/messages/{message.pk}/"
    assert (message.sender, message.recipient) == (ana, bob)
    # The generic address works too.
    assert client.get("/messages/new/?to=bob-profile").status_code == 200

    client.force_login(bob)
    html = client.get("/").content.decode()
    assert 'href="/messages/"' in html and '1<span class="visually-hidden"> unread' in html
    inbox = client.get("/messages/").content.decode()
    assert f'data-message="{message.pk}"' in inbox and 'class="unread"' in inbox
    assert "Ana Kovács" in inbox
    thread = client.get(f"/messages/{message.pk}/").content.decode()
    assert "Interested?" in thread
    message.refresh_from_db()
    assert message.read_at is not None
    assert 'class="unread"' not in client.get("/messages/").content.decode()


def test_the_message_form_to_an_ideas_author(client, ana):
    author = person("ida", visibility=None)
    idea_by(author)
    client.force_login(ana)
    page = client.get("/messages/new/?idea=green-ports")
    assert page.status_code == 200 and "Green ports" in page.content.decode()
    client.post("/messages/new/?idea=green-ports", {"subject": "Your idea", "body": "Count us in."})
    message = Message.objects.get()
    assert (message.recipient, message.idea.slug) == (author, "green-ports")
    assert client.get("/messages/new/?idea=no-such-idea").status_code == 404
    assert client.get("/messages/new/").status_code == 404


def test_answering_in_the_conversation_page(client, ana, bob, eve):
    first = services.send_message(ana, bob, "Partnering?", "Interested?")
    client.force_login(bob)
    response = client.post(f"/messages/{first.pk}/", {"body": "Yes!"})
    assert response.status_code == 302
    answer = Message.objects.get(reply_to=first)
    assert (answer.sender, answer.recipient) == (bob, ana)
    client.force_login(ana)
    assert "Yes!" in client.get(f"/messages/{answer.pk}/").content.decode()
    # A third person neither reads nor answers it.
    client.force_login(eve)
    assert client.get(f"/messages/{first.pk}/").status_code == 404
    assert client.post(f"/messages/{first.pk}/", {"body": "Me too"}).status_code == 404
    assert Message.objects.count() == 2


def test_anonymous_visitors_are_asked_to_sign_in(client, bob):
    message = services.send_message(person("ana"), bob, "Hi", "Hello")
    for url in ("/messages/", "/messages/sent/", f"/messages/{message.pk}/",
                "/people/bob-profile/contact/", "/messages/blocked/"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            "/accounts/login/?next="
        ), url
    response = client.post("/people/bob-profile/contact/", {"subject": "x", "body": "y"})
    assert response.status_code == 302
    assert Message.objects.count() == 1


def test_the_form_says_when_the_daily_limit_is_reached(client, ana, bob, settings):
    settings.MESSAGES_PER_DAY = 1
    client.force_login(ana)
    client.post("/people/bob-profile/contact/", {"subject": "One", "body": "Hello"})
    response = client.post("/people/bob-profile/contact/", {"subject": "Two", "body": "Hello"})
    assert response.status_code == 200
    assert "1 messages within 24 hours" in response.content.decode()
    assert Message.objects.count() == 1


def test_blocking_from_the_conversation_page(client, ana, bob):
    first = services.send_message(ana, bob, "Buy now", "Spam")
    client.force_login(bob)
    response = client.post(
        "/messages/blocked/", {"message": first.pk, "action": "block", "next": "/messages/"}
    )
    assert response.status_code == 302 and response["Location"] == "/messages/"
    assert Block.objects.filter(blocker=bob, blocked=ana).exists()
    assert "Ana Kovács" in client.get("/messages/blocked/").content.decode()
    client.force_login(ana)
    response = client.post("/people/bob-profile/contact/", {"subject": "Again", "body": "Spam"})
    assert response.status_code == 403
    assert services.UNDELIVERABLE in response.content.decode()
    client.force_login(bob)
    client.post("/messages/blocked/", {"blocked": ana.pk, "action": "unblock"})
    assert not Block.objects.exists()


# The API ---------------------------------------------------------------------------------


def test_the_api_sends_lists_reads_and_marks_read(client, ana, bob, eve):
    client.force_login(ana)
    response = client.post(
        "/api/v1/messages",
        {"to": "bob-profile", "subject": "Partnering?", "body": "Interested?"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    sent = response.json()
    assert sent["recipient"] == {"name": "Bob Berg", "slug": "bob-profile"}
    assert sent["sender"] == {"name": "Ana Kovács", "slug": "ana-profile"}
    assert sent["sent_by_me"] and not sent["unread"]
    pk = sent["id"]

    client.force_login(bob)
    inbox = client.get("/api/v1/messages").json()
    assert inbox["count"] == 1 and inbox["items"][0]["unread"]
    assert client.get(f"/api/v1/messages/{pk}").json()["body"] == "Interested?"
    read = client.post(f"/api/v1/messages/{pk}/read")
    assert read.status_code == 200 and read.json()["read_at"] is not None
    answer = client.post(
        "/api/v1/messages", {"reply_to": pk, "body": "Yes!"}, content_type="application/json"
    ).json()
    assert answer["thread"] == pk and answer["recipient"]["slug"] == "ana-profile"

    client.force_login(ana)
    assert client.get("/api/v1/messages?box=sent").json()["count"] == 1
    assert client.post(f"/api/v1/messages/{pk}/read").status_code == 403  # the sender's

    client.force_login(eve)
    assert client.get(f"/api/v1/messages/{pk}").status_code == 404
    assert client.post(f"/api/v1/messages/{pk}/read").status_code == 404
    reply = client.post(
        "/api/v1/messages", {"reply_to": pk, "body": "Me too"}, content_type="application/json"
    )
    assert reply.status_code == 404
    assert client.get("/api/v1/messages").json()["count"] == 0

    client.logout()
    assert client.get("/api/v1/messages").status_code == 401
    assert client.get(f"/api/v1/messages/{pk}").status_code == 401
    response = client.post(
        "/api/v1/messages", {"to": "bob-profile", "body": "x"}, content_type="application/json"
    )
    assert response.status_code == 401


def test_the_api_writes_to_an_ideas_author_and_refuses_the_limit(client, ana, settings):
    settings.MESSAGES_PER_DAY = 1
    author = person("ida", visibility=None)
    idea_by(author)
    client.force_login(ana)
    body = {"idea": "green-ports", "subject": "Your idea", "body": "Count us in."}
    first = client.post("/api/v1/messages", body, content_type="application/json")
    assert first.status_code == 201
    assert first.json()["recipient"] == {"name": "ida", "slug": None}
    assert first.json()["idea"] == {"slug": "green-ports", "title": "Green ports"}
    second = client.post("/api/v1/messages", body, content_type="application/json")
    assert second.status_code == 400 and "24 hours" in second.json()["detail"]
    hidden = person("hana", visibility=Visibility.HIDDEN)
    assert hidden.profile.slug == "hana-profile"
    response = client.post(
        "/api/v1/messages", {"to": "hana-profile", "subject": "x", "body": "y"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 404


def test_the_api_blocks_and_unblocks(client, ana, bob):
    client.force_login(bob)
    response = client.post(
        "/api/v1/blocks", {"profile": "ana-profile"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json() == [{"name": "Ana Kovács", "slug": "ana-profile"}]
    assert client.get("/api/v1/blocks").json() == response.json()

    client.force_login(ana)
    refused = client.post(
        "/api/v1/messages", {"to": "bob-profile", "subject": "x", "body": "y"},
        content_type="application/json",
    )  # fmt: skip
    assert refused.status_code == 403
    assert refused.json() == {"detail": services.UNDELIVERABLE}
    assert client.delete("/api/v1/blocks/bob-profile").status_code == 404  # ana blocks nobody

    client.force_login(bob)
    assert client.delete("/api/v1/blocks/ana-profile").json() == []
    client.logout()
    assert client.post("/api/v1/blocks", {"profile": "ana-profile"},
                       content_type="application/json").status_code == 401  # fmt: skip
    assert client.delete("/api/v1/blocks/ana-profile").status_code == 401
