"""`make lab`, driven headlessly through the Jupyter server's REST API: it runs where .venv-lab is set up (make lab
sets it up on first use; CI has none, so there it is skipped)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from briefing import PROJECT_ROOT
from briefing.build import pipeline
from briefing.presentation.notebook import KERNELSPEC

# Both environments up to date, so `make lab` starts the server and installs nothing.
LAB_READY = (PROJECT_ROOT / ".venv-lab" / ".installed").exists() and subprocess.run(
    ["make", "-q", ".venv/.installed", ".venv-lab/.installed"], cwd=PROJECT_ROOT, capture_output=True
).returncode == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stored() -> dict[str, str]:
    return {
        name: hashlib.sha256((pipeline.NOTEBOOKS_DIR / name).read_bytes()).hexdigest() for name in pipeline.NOTEBOOKS
    }


@pytest.mark.skipif(not LAB_READY, reason=".venv-lab is not set up (make lab sets it up)")
def test_make_lab_works_on_copies_with_the_stored_kernel(tmp_path):
    port, token = _free_port(), "lab-test"
    base = f"http://127.0.0.1:{port}"

    def api(method, path, body=None):
        request = urllib.request.Request(
            base + path,
            method=method,
            data=json.dumps(body).encode() if body else None,
            headers={"Authorization": f"token {token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    before = _stored()
    env = {**os.environ, "JUPYTER_TOKEN": token, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    log = open(tmp_path / "lab.log", "wb")  # closed in the finally clause, with the server
    lab = subprocess.Popen(
        ["make", "lab", f"LAB_DIR={tmp_path / 'lab'}", f"LAB_PORT={port}"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        for _ in range(120):
            try:
                api("GET", "/api/status")
                break
            except OSError:
                time.sleep(0.5)
        specs = api("GET", "/api/kernelspecs")
        assert specs["default"] == KERNELSPEC["name"]
        assert specs["kernelspecs"][KERNELSPEC["name"]]["spec"]["display_name"] == KERNELSPEC["display_name"]

        session = api(
            "POST",
            "/api/sessions",
            {
                "path": pipeline.BRIEFING_NOTEBOOK,
                "type": "notebook",
                "name": pipeline.BRIEFING_NOTEBOOK,
                "kernel": {"name": "python3"},
            },
        )
        notebook = api("GET", f"/api/contents/{pipeline.BRIEFING_NOTEBOOK}")["content"]
        assert notebook["metadata"]["kernelspec"] == KERNELSPEC, "the copy names the lab's kernel already"
        # a parameter edit, saved as JupyterLab saves (with its own metadata)
        notebook["cells"][0]["source"] = notebook["cells"][0]["source"].replace('focus = "Belarus"', 'focus = "Iran"')
        notebook["metadata"]["language_info"]["version"] = "3.99.0"
        api(
            "PUT",
            f"/api/contents/{pipeline.BRIEFING_NOTEBOOK}",
            {"type": "notebook", "format": "json", "content": notebook},
        )
        api("DELETE", f"/api/sessions/{session['id']}")
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=30)
        log.close()
    assert 'focus = \\"Iran\\"' in (tmp_path / "lab" / pipeline.BRIEFING_NOTEBOOK).read_text()
    assert _stored() == before, "the notebooks that make report runs are untouched"
