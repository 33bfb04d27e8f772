"""A killed server loses no saved edit: the same address reopens the same workbook."""

from playwright.sync_api import expect

from tests.e2e.server import free_port, running_app, wait_idle
from tests.e2e.test_walkthrough import commit_text


def test_work_survives_the_server_being_killed(page, tmp_path):
    port = free_port()
    with running_app(tmp_path, port=port, kill=True) as url:
        page.goto(f"{url}/values")
        wait_idle(page)
        commit_text(page, tmp_path, "What matters most to me, in my own words", "Seeing the sea again.")
        address = page.url
    # The server died without warning; a new one starts on the same data.
    with running_app(tmp_path, port=port):
        page.goto(address)
        wait_idle(page)
        expect(page.get_by_label("What matters most to me, in my own words")).to_have_value(
            "Seeing the sea again."
        )
