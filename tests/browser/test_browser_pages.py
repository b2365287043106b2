"""The pages in a real browser: Debian's Chromium driven by Playwright against a real server
(waitress, `corridor serve`) on a temporary SQLite database filled by `corridor load-demo`."""

import re

import pytest

PHONE = {"width": 390, "height": 844}


def result_count(page) -> int:
    return int(page.locator("#result-count strong").inner_text().replace(",", ""))


def test_filters_update_the_results_and_the_address_in_place(page, server_url):
    from playwright.sync_api import expect

    page.goto(f"{server_url}/projects/")
    everything = result_count(page)
    # A full page load would lose this; an htmx swap keeps it.
    page.evaluate("window.stillTheSamePage = true")

    page.locator("summary", has_text="Programme").click()
    aurora = page.locator("label", has_text="AURORA 2021-2027")
    expected = int(re.search(r"\((\d+)\)", aurora.inner_text()).group(1))
    aurora.get_by_role("checkbox").check()

    expect(page).to_have_url(re.compile(r"[?&]programme=aurora-2021-2027"))
    expect(page.locator("#result-count strong")).to_have_text(str(expected))
    assert expected < everything
    assert page.evaluate("window.stillTheSamePage") is True
    programmes = page.locator("table tbody tr td:nth-child(2)").all_inner_texts()
    assert programmes and set(programmes) == {"AURORA 2021-2027"}

    page.locator("a[rel=next]").first.click()
    expect(page).to_have_url(re.compile(r"programme=aurora-2021-2027.*page=2"))
    expect(page.locator(".pagination [aria-current=page]").first).to_have_text("2")
    assert page.evaluate("window.stillTheSamePage") is True


def test_a_fact_sheet_lists_the_partners(page, server_url):
    from playwright.sync_api import expect

    page.goto(f"{server_url}/projects/?q=InterVentures")
    page.get_by_role("link", name="InterVentures", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("InterVentures")

    partners = page.locator("table.partners tbody tr")
    expect(partners).to_have_count(8)
    aebr = partners.filter(has_text="Association of European Border Regions (AEBR)")
    expect(aebr.locator("td").first).to_have_text("Advisory partner")
    expect(page.locator(".facts")).to_contain_text(["36 months"])
    expect(page.locator(".facts").nth(1)).to_contain_text("1,151,955.30 € (83.67 %)")


@pytest.mark.parametrize(
    "path", ["/", "/projects/", "/projects/interventures/", "/organisations/", "/regions/SE/"]
)
def test_pages_fit_a_phone_screen(browser, server_url, path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0


def test_the_keyboard_focus_is_visible(page, server_url):
    page.goto(f"{server_url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const e = document.activeElement;"
        " return [e.textContent, getComputedStyle(e).outlineStyle]; }"
    )
    assert focused == ["Skip to content", "solid"]
