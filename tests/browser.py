"""A real browser for the HTML galley's tests: Playwright driving Debian's Chromium (/usr/bin/chromium,
installed by `scripts/setup.sh --test`; Playwright's own browser download cannot work offline).

Every page opened here records each request it makes; requests for anything but a file inside the
allowed folder (or a `data:` URL, or the preview server) are refused, and the test can assert that
none was even attempted. Chromium's own background traffic is switched off, and its host resolver
knows no host but the loopback address.
"""
from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGUMENTS = [
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
NARROW = {"width": 390, "height": 844}  # a phone
WIDE = {"width": 1440, "height": 900}  # a desktop screen: side notes


def chromium_or_skip():
    """A running Chromium (Playwright's sync API), or skip the test with the reason."""
    playwright = pytest.importorskip("playwright.sync_api", reason="the browser tests need PyPI's playwright")
    if not CHROMIUM.is_file() and not shutil.which("chromium"):
        pytest.skip("the browser tests need Debian's chromium (bash scripts/setup.sh --test)")
    manager = playwright.sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=str(CHROMIUM if CHROMIUM.is_file() else shutil.which("chromium")),
                                          args=ARGUMENTS)
    except Exception as exc:  # noqa: BLE001 - a browser that cannot start is a reason to skip, not a failure
        manager.stop()
        pytest.skip(f"Chromium does not start here: {exc}")
    return manager, browser


@dataclass
class Requests:
    """Every URL a page asked for, and those refused for leaving the file set."""

    allowed: list[str]
    seen: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [url for url in self.seen if not self.inside(url)]

    def inside(self, url: str) -> bool:
        return url.startswith("data:") or any(url.startswith(prefix) for prefix in self.allowed)


@contextmanager
def opened(browser, url: str, allowed: list[str], viewport: dict | None = None,
           media: str | None = None) -> Iterator[tuple[object, Requests]]:
    """A new page at `url`, its fonts loaded; requests outside `allowed` (URL prefixes) are aborted."""
    context = browser.new_context(viewport=viewport or WIDE, service_workers="block")
    requests = Requests(allowed)
    page = context.new_page()
    page.on("request", lambda request: requests.seen.append(request.url))
    page.route("**/*", lambda route: route.continue_() if requests.inside(route.request.url) else route.abort())
    if media:
        page.emulate_media(media=media)
    try:
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        yield page, requests
    finally:
        context.close()
