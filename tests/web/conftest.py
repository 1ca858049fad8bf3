"""Browser tests: Debian's Chromium driven by Playwright against a real Lumbung.

``site`` starts ``manage.py serve`` (the README's run command: migrate, static files,
demo data, gunicorn + worker + beat) on a database of its own, once per test session.
Tests act as people would, through pages; they read what the domain recorded through
``site.sql`` (a query on that database) when a person could not see it on a page.

Pages are seen at a phone's size (360×740), with JavaScript on (``phone``) and off
(``phone_nojs``). Screenshots land in ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection

from tests.conftest import stop_process_group
from tests.helpers import ROOT, database_url, free_port, start_process, wait_for

# Playwright's sync API runs an event loop in this thread; the ORM is only used here for
# setting up and dropping the site's database, never concurrently with a page.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PHONE = {"width": 360, "height": 740}
ARTIFACTS = ROOT / "test-artifacts"
AXE_JS = ROOT / ".data" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SERVER_START_TIMEOUT = 600


@dataclass
class Site:
    """A running Lumbung: its address, database and the e-mails it sent."""

    url: str
    database_url: str
    mail_dir: Path
    log: Path

    def sql(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            return conn.execute(query, params).fetchall()

    def mails(self) -> list[str]:
        """Every e-mail sent so far, as raw text, oldest first."""
        files = sorted(self.mail_dir.glob("*.log"), key=lambda f: f.stat().st_mtime)
        return [f.read_text(errors="replace") for f in files]


def _require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            "Debian's chromium is not installed (apt-get install chromium); "
            "./lumbung test installs it where it runs as root"
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[dev]')")


MIDTRANS_SERVER_KEY = "SB-Mid-server-BROWSERTESTS-1a2b3c"


@pytest.fixture(scope="session")
def fake_midtrans() -> Iterator[Any]:
    """A fake Midtrans (tests/marketplace/payments/fake_midtrans.py) the site pays through."""
    from tests.marketplace.payments.fake_midtrans import FakeMidtrans

    fake = FakeMidtrans(MIDTRANS_SERVER_KEY).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def site_env(fake_midtrans: Any) -> dict[str, str]:
    """Extra environment for the site's processes: Midtrans is the fake one."""
    return {
        "MIDTRANS_SERVER_KEY": MIDTRANS_SERVER_KEY,
        "MIDTRANS_CLIENT_KEY": "SB-Mid-client-BROWSERTESTS",
        "MIDTRANS_IS_PRODUCTION": "false",
        "MIDTRANS_CORE_BASE_URL": fake_midtrans.url,
        "MIDTRANS_SNAP_BASE_URL": f"{fake_midtrans.url}/snap/v1",
    }


@pytest.fixture(scope="session")
def site(
    django_db_setup: None,
    tmp_path_factory: pytest.TempPathFactory,
    site_env: dict[str, str],
) -> Iterator[Site]:
    _require_chromium()
    name = f"lumbung_site_{uuid.uuid4().hex[:8]}"
    settings_dict = dict(connection.settings_dict)
    url = database_url(settings_dict, name=name)
    # Made and dropped over a connection of its own to the server's maintenance database:
    # the tests' own connection may have been ended by a test that restarts the database.
    maintenance = database_url(settings_dict, name="postgres")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    work = tmp_path_factory.mktemp("site")
    mail_dir = work / "mail"
    mail_dir.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = work / "serve.log"
    env = {
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "browser-tests-only-" + uuid.uuid4().hex,
        "PUBLIC_URL": base,
        "EMAIL_URL": f"filemail:///{mail_dir}",  # filemail:////abs/dir: an absolute path
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "EMBEDDED_BROKER_DIR": str(work / "broker"),
        "CELERY_BEAT_SCHEDULE_FILENAME": str(work / "beat-schedule"),
        "SERVE_MEDIA": "true",
        "ACCOUNT_CONFIRMATION_REQUIRED": "false",
        "LOG_FORMAT": "console",
        "WEB_CONCURRENCY": "2",
        **site_env,
    }
    process = start_process(
        ["manage.py", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"], env=env, log=log
    )

    def healthy() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"manage.py serve exited:\n{log.read_text()[-4000:]}")
        try:
            with psycopg.connect(url, connect_timeout=2):
                pass
            import urllib.request

            with urllib.request.urlopen(f"{base}/health/", timeout=2) as response:
                return response.status == 200
        except Exception:
            return False

    try:
        wait_for(healthy, timeout=SERVER_START_TIMEOUT, what=f"the site on {base} ({log})")
        yield Site(url=base, database_url=url, mail_dir=mail_dir, log=log)
    finally:
        stop_process_group(process)
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _phone_context(browser: Any, *, javascript: bool) -> Any:
    return browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="id-ID",
        timezone_id="Asia/Makassar",
        java_script_enabled=javascript,
    )


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A page in a fresh phone-sized browser (no cookies), JavaScript on."""
    context = _phone_context(browser, javascript=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_nojs(browser: Any) -> Iterator[Any]:
    """A page in a fresh phone-sized browser with JavaScript switched off."""
    context = _phone_context(browser, javascript=False)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    """``screenshot(page, "shop-home")`` saves a full-page PNG under test-artifacts/."""

    def take(page: Any, name: str) -> Path:
        path = ARTIFACTS / "screenshots" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.skip(f"axe-core is not installed at {AXE_JS} (./lumbung test installs it with npm)")
    return AXE_JS.read_text()


@pytest.fixture
def axe(axe_source: str) -> Callable[[Any], list[dict[str, Any]]]:
    """``axe(page)``: axe-core's serious and critical violations on the page shown."""

    def check(page: Any) -> list[dict[str, Any]]:
        page.add_script_tag(content=axe_source)
        result = page.evaluate("async () => await axe.run(document)")
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return check


DEMO_PASSWORD = "lumbung-demo"


@pytest.fixture
def sign_in(site: Site) -> Callable[..., None]:
    """``sign_in(page, "operator.pecatu@lumbung.test")`` through the sign-in page."""

    def go(page: Any, email: str, password: str = DEMO_PASSWORD, next_url: str = "/") -> None:
        page.goto(f"{site.url}/akun/masuk/?next={next_url}")
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").last.click()
        page.wait_for_load_state()

    return go
