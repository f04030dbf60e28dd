"""Logging in through the real login page, as every browser test starts."""
import re

from playwright.sync_api import expect

from isogov.conftest import PASSWORD


def log_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/(agencies|dashboard)/"))
