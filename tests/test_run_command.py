"""``./lumbung run``, the README's way to start a village server, is safe as it comes.

DEBUG is off unless a developer asks (``--dev``); the server signs with a key of its
own, made on the first run and kept in ``.data/secret_key``; visitors never see a stack
trace or Django's debug pages; the product photos and static files are served.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import signal
import stat
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from marketplace.catalog.models import ProductMedia
from tests.conftest import stop_process_group
from tests.helpers import ROOT, free_port, wait_for


def load_lumbung_script():
    loader = importlib.machinery.SourceFileLoader("lumbung_script", str(ROOT / "lumbung"))
    spec = importlib.util.spec_from_loader("lumbung_script", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture
def lumbung(monkeypatch, tmp_path):
    module = load_lumbung_script()
    monkeypatch.setattr(module, "ROOT", tmp_path)  # no .env of the developer's
    return module


def test_first_run_generates_a_secret_key_kept_private_and_later_runs_reuse_it(lumbung, tmp_path):
    data_dir = tmp_path / ".data"
    first: dict[str, str] = {}

    lumbung.run_environment([], first, data_dir)

    key_file = data_dir / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert first["SECRET_KEY"] == key_file.read_text().strip()
    assert len(first["SECRET_KEY"]) >= 50
    assert "DEBUG" not in first  # settings' default: off
    assert first["SERVE_MEDIA"] == "true"

    second: dict[str, str] = {}
    lumbung.run_environment([], second, data_dir)
    assert second["SECRET_KEY"] == first["SECRET_KEY"]


def test_a_secret_key_from_the_environment_wins_and_nothing_is_written(lumbung, tmp_path):
    environ = {"SECRET_KEY": "the-operator-s-own-key"}

    lumbung.run_environment([], environ, tmp_path / ".data")

    assert environ["SECRET_KEY"] == "the-operator-s-own-key"
    assert not (tmp_path / ".data" / "secret_key").exists()


def test_first_run_makes_a_private_member_data_key_that_fernet_accepts(lumbung, tmp_path):
    from cryptography.fernet import Fernet

    data_dir = tmp_path / ".data"
    first: dict[str, str] = {}
    lumbung.run_environment([], first, data_dir)

    key_file = data_dir / "member_data_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert Fernet(first["MEMBER_DATA_KEY"]).decrypt(Fernet(first["MEMBER_DATA_KEY"]).encrypt(b"x"))
    second: dict[str, str] = {"MEMBER_DATA_KEY": "operator-key"}
    lumbung.run_environment([], second, data_dir)
    assert second["MEMBER_DATA_KEY"] == "operator-key"
    third: dict[str, str] = {}
    lumbung.run_environment([], third, data_dir)
    assert third["MEMBER_DATA_KEY"] == first["MEMBER_DATA_KEY"]


def test_dev_switch_turns_debug_on_for_developers(lumbung, tmp_path):
    environ: dict[str, str] = {}

    serve_args = lumbung.run_environment(["--dev", "--bind", "0.0.0.0:8000"], environ, tmp_path)

    assert environ["DEBUG"] == "true"
    assert serve_args == ["--bind", "0.0.0.0:8000"]


def http(url: str, data: bytes | None = None) -> tuple[int, str, str]:
    headers = {"Content-Type": "application/json"} if data is not None else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()
    except OSError:
        return 0, "", b""


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_served_the_readme_way_debug_is_off_and_nothing_leaks(test_database_url, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "run.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "LOG_FORMAT"}
    }
    env.update(
        DATABASE_URL=test_database_url,
        EMBEDDED_BROKER_DIR=str(tmp_path / "broker"),
        CELERY_BEAT_SCHEDULE_FILENAME=str(tmp_path / "beat-schedule"),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "lumbung"), "run", "--bind", f"127.0.0.1:{port}",
             "--workers", "1"],
            cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        wait_for(lambda: http(f"{base}/health/")[0] == 200, timeout=240, what=f"server ({log})")
        assert (ROOT / ".data" / "secret_key").exists()

        # a broken query, a broken body, a field that does not exist: errors, no traceback
        for body in (b'{"query": "{ shop { name "}', b'{"query": ', b'{"query": "{ nope }"}'):
            status, _, content = http(f"{base}/graphql/", body)
            assert status == 400, content
            text = content.decode()
            assert "errors" in json.loads(text) or "error" in text.lower()
            assert "Traceback" not in text
            assert 'File "' not in text

        # a page that does not exist: a plain 404, not Django's debug page
        status, _, content = http(f"{base}/no-such-page/")
        assert status == 404
        assert b"Using the URLconf" not in content
        assert b"DEBUG = True" not in content

        # the demo's product photos and the pages' static files are served
        photo = ProductMedia.objects.exclude(image="").first()
        status, content_type, _ = http(f"{base}/media/{photo.image.name}")
        assert (status, content_type) == (200, "image/jpeg")
        status, _, home = http(f"{base}/")
        assert status == 200
        stylesheet = next(
            part.split('"')[0] for part in home.decode().split('href="') if ".css" in part[:120]
        )
        assert http(base + stylesheet)[0] == 200

        os.killpg(process.pid, signal.SIGINT)
        assert process.wait(60) == 0, log.read_text()[-3000:]
    finally:
        stop_process_group(process)
