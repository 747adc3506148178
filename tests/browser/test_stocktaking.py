"""The registry's main path in a browser, in Arabic: sign up, confirm, submit, approve, find."""

import re

import pytest
from django.core import mail

from tests.accounts.factories import PASSWORD, UserFactory
from wsis.accounts.choices import Role
from wsis.core.testing.browser import axe_violations, describe, screenshot
from wsis.stocktaking.models import Initiative

pytestmark = pytest.mark.browser

TITLE = "شبكة إنترنت مجتمعية لقرى الواحات"
SEARCHED_AS = "الانْتَرنِت المجتمعيه"  # other alef/hamza form, diacritics, ta marbuta as ha


def _continue(page, step):
    page.locator(f"button[name=next][value={step}]").click()
    page.wait_for_url(f"**/edit/{step}/")


def test_submit_in_arabic_approve_and_find(page, browser, live_server):
    # Sign up and confirm the address from the e-mail.
    page.goto("/ar/accounts/signup/")
    page.locator("#id_email").fill("wazara@gov.example")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("form.form-narrow button[type=submit]").click()
    link = re.search(
        r"https?://[^/\s]+(/\S+/accounts/confirm-email/\S+/)", mail.outbox[-1].body
    ).group(1)
    page.goto(link)
    page.locator("form.form-narrow button[type=submit]").click()
    page.wait_for_url("**/accounts/profile/")

    # Submit an initiative in Arabic, step by step.
    page.goto("/ar/initiatives/new/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(
        "ربط القرى النائية في الواحات بشبكة إنترنت يديرها السكان بأنفسهم."
    )
    page.locator("#id_language").select_option("ar")
    _continue(page, "where")
    page.locator("#id_organisation").fill("وزارة الاتصالات وتكنولوجيا المعلومات")
    page.locator("#id_stakeholder_type").select_option("government")
    page.locator("#id_countries").select_option(["EG", "DZ"])
    page.locator("#id_scope").select_option("national")
    _continue(page, "when")
    page.locator("#id_work_state").select_option("ongoing")
    _continue(page, "classification")
    page.locator("#id_action_lines").select_option(["C2"])
    page.locator("#id_sdg_targets").select_option(["9.c"])
    _continue(page, "review")
    screenshot(page, "submission-review-ar")
    page.locator("form[action$='/submit/'] button").click()
    page.wait_for_url("**/ar/dashboard/")
    initiative = Initiative.objects.get(title=TITLE)
    assert initiative.status == "submitted"

    # A moderator approves it.
    UserFactory(email="moderator@itu.example", role=Role.MODERATOR)
    moderator = browser.new_context(base_url=live_server.url).new_page()
    moderator.goto("/ar/accounts/login/")
    moderator.locator("#id_login").fill("moderator@itu.example")
    moderator.locator("#id_password").fill(PASSWORD)
    moderator.locator("#id_password").press("Enter")
    moderator.wait_for_url("**/accounts/profile/")
    moderator.goto("/ar/moderation/")
    moderator.get_by_role("link", name=TITLE).click()
    moderator.locator("form[action$='/approve/'] button").click()
    moderator.wait_for_url("**/ar/moderation/")
    moderator.context.close()
    initiative.refresh_from_db()
    assert initiative.status == "published"

    # Anyone finds it with other spellings.
    page.context.clear_cookies()
    page.goto(f"/ar/initiatives/?q={SEARCHED_AS}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    result = page.get_by_role("link", name=TITLE)
    assert result.is_visible()
    screenshot(page, "initiatives-list-ar")
    assert not axe_violations(page), describe(axe_violations(page))
    result.click()
    page.wait_for_url(f"**/ar/initiatives/{initiative.pk}/")
    assert page.get_by_role("heading", name=TITLE).is_visible()
    screenshot(page, "initiative-detail-ar")
    assert not axe_violations(page), describe(axe_violations(page))
