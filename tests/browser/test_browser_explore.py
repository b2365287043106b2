"""Explore in a real browser: ticking a filter changes the counts and the results in place."""

import re


def total(page) -> int:
    return int(page.locator("#result-total").inner_text())


def count_of(page, facet: str, label: str) -> int:
    box = page.locator(f"label.check:has(input[name={facet}])", has_text=label).first
    return int(box.locator(".count").text_content())


def test_ticking_a_filter_changes_counts_and_results(page, server_url):
    from playwright.sync_api import expect

    page.goto(f"{server_url}/explore/?q=Klaipeda")
    assert page.title() == "Explore: Klaipeda · Corridor"  # what tabs and bookmarks show
    page.evaluate("window.stillTheSamePage = true")
    before = total(page)
    assert before >= 3
    projects = count_of(page, "type", "Projects")
    assert 0 < projects < before

    page.locator("label.check", has_text="Projects").first.get_by_role("checkbox").check()

    expect(page).to_have_url(re.compile(r"[?&]type=project"))
    assert "year_from" not in page.url  # empty fields stay out of the address
    expect(page.locator("#result-total")).to_have_text(str(projects))
    titles = page.locator(".hit h3").all_inner_texts()
    assert titles == ["InterVentures"]
    # The facet's own counts stay (disjunctive); the country counts follow the filter.
    assert count_of(page, "type", "Organisations") > 0
    assert count_of(page, "country", "Lithuania") == projects
    assert page.evaluate("window.stillTheSamePage") is True
    expect(page.locator(".snippet b").first).to_be_visible()

    page.go_back()
    expect(page.locator("#result-total")).to_have_text(str(before))


def test_typing_shows_suggestions_and_searches(page, server_url):
    from playwright.sync_api import expect

    page.goto(f"{server_url}/explore/")
    page.locator("#explore-q").press_sequentially("interv", delay=30)
    expect(page.locator("#explore-suggestions")).to_contain_text("InterVentures")
    expect(page).to_have_url(re.compile(r"q=interv"))
