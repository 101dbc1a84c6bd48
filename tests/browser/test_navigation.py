"""A new user's walk: each demo role logs in and opens every menu entry by clicking (the compact
menu at 360 px, the full one at 1280 px). No page may answer 4xx/5xx or speak English; the
home of each role is photographed at both widths (test-artifacts/nav-*.png)."""

import re
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

from kinerja.accounts.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACCOUNTS = [
    "camat.mayang",
    "perencana.mayang",
    "kasi.pemerintahan",
    "operator.mrawan",
    "admin.jember",
    None,
]  # None: a visitor
CATALOGUE = Path(__file__).resolve().parents[2] / "kinerja/locale/id/LC_MESSAGES/django.po"


def english_phrases() -> list[str]:
    """Interface sentences whose Indonesian differs: seeing one on a page means English."""
    phrases = []
    for entry in polib.pofile(str(CATALOGUE)):
        text = entry.msgid
        if (
            entry.translated()
            and entry.msgstr != text
            and len(text) >= 18
            and " " in text
            and not re.search(r"[%{<(]", text)
        ):
            phrases.append(text)
    return phrases


def _record(statuses: list[tuple[str, int]], response) -> None:
    if response.request.is_navigation_request():
        statuses.append((response.url, response.status))


def _menu_links(page, narrow: bool) -> list[str]:
    if narrow and page.locator(".site-nav__toggle").get_attribute("aria-expanded") != "true":
        page.click(".site-nav__toggle")
    for group in page.locator(".site-nav__group").all():
        group.evaluate("g => g.open = true")
    return [a.inner_text().strip() for a in page.locator(".site-nav a").all()]


def _click_menu(page, index: int, narrow: bool) -> None:
    if narrow and page.locator(".site-nav__toggle").get_attribute("aria-expanded") != "true":
        page.click(".site-nav__toggle")
    link = page.locator(".site-nav a").nth(index)
    group = link.locator("xpath=ancestor::details[1]")
    if group.count() and not group.evaluate("g => g.open"):
        group.locator("summary").click()
    with page.expect_navigation():
        link.click()


def test_every_role_reaches_every_menu_entry_by_clicking(browser, live_server, artifacts):
    call_command("demo", "--tahun", "2022", stdout=StringIO())
    phrases = english_phrases()
    assert len(phrases) > 100  # the check has teeth
    problems: list[str] = []
    for username in ACCOUNTS:
        for width in (360, 1280):
            narrow = width == 360
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            statuses: list[tuple[str, int]] = []
            page.on("response", lambda r, seen=statuses: _record(seen, r))
            if username:
                page.goto(f"{live_server.url}/masuk/")
                page.fill("#id_username", username)
                page.fill("#id_password", DEMO_PASSWORD)
                page.press("#id_password", "Enter")
                page.wait_for_load_state()
            else:
                page.goto(f"{live_server.url}/")
            who = username or "pengunjung"
            page.screenshot(path=str(artifacts / f"nav-{who}-home-{width}.png"), full_page=True)
            labels = _menu_links(page, narrow)
            assert labels, f"{who} sees no menu"
            for index, label in enumerate(labels):
                page.goto(f"{live_server.url}/")
                statuses.clear()
                _click_menu(page, index, narrow)
                page.wait_for_load_state()
                bad = [s for s in statuses if s[1] >= 400]
                if bad:
                    problems.append(f"{who} {width}px '{label}': {bad}")
                if page.locator("html").get_attribute("lang") != "id":
                    problems.append(f"{who} {width}px '{label}': html lang is not id")
                text = page.locator("body").inner_text()
                english = [p for p in phrases if p in text]
                if english:
                    problems.append(
                        f"{who} {width}px '{label}' ({page.url}): English {english[:3]}"
                    )
                if width == 1280:
                    current = page.locator(".site-nav [aria-current]")
                    if not current.count():
                        problems.append(f"{who} '{label}': no menu entry marked current")
                    slug = re.sub(r"\W+", "-", label.lower()).strip("-")
                    page.screenshot(path=str(artifacts / f"nav-{who}-{slug}-{width}.png"))
            context.close()
    assert not problems, "\n".join(problems)
