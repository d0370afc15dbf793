"""Browser test of `kaifang serve` in headless Chromium.

Copies the sample project to a temporary folder, starts `kaifang serve` on a
free port of 127.0.0.1, opens a page, then breaks a dataset file: the page
must not reload to the previous site but show the build's errors over it;
once the file is fixed the page reloads and the errors are gone. The server
must not print a line per request.
Usage: serve_test.py KAIFANG_BINARY REPOSITORY
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from portal_test import browser, check, results  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            value = condition()
            if value:
                return value
        except Exception:
            pass
        time.sleep(0.25)
    return None


def main():
    binary, repository = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    work = tempfile.mkdtemp(prefix="kaifang-serve-test-")
    server = driver = None
    try:
        project = os.path.join(work, "project")
        for name in ["Content", "Templates", "Public"]:
            shutil.copytree(os.path.join(repository, name), os.path.join(project, name))
        port = free_port()
        log = open(os.path.join(work, "serve.log"), "w+")
        server = subprocess.Popen([binary, "serve", "--port", str(port)], cwd=project, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}/"
        up = wait_for(lambda: b"serving" in open(log.name, "rb").read(), 120)
        check("serve starts", bool(up), open(log.name).read()[-2000:])
        if not up:
            return
        driver = browser(1280, 900, profile=os.path.join(work, "profile"))
        driver.get(base + "datasets/")
        driver.execute_script("window.__kaifangMarker = 1")
        dataset = os.path.join(project, "Content", "datasets", sorted(os.listdir(os.path.join(project, "Content", "datasets")))[0])
        original = open(dataset, encoding="utf-8").read()
        broken = original.replace("\norganization:", "\norganization: no-such-department\nx_old_organization:", 1)
        open(dataset, "w", encoding="utf-8").write(broken)
        overlay = wait_for(lambda: driver.execute_script(
            "var b=document.getElementById('kaifang-build-errors');return b&&b.textContent"))
        check("a failed rebuild shows its errors over the page", bool(overlay) and "no-such-department" in overlay, str(overlay)[:300])
        check("the errors are text, with path:line:column", bool(overlay) and ":error:" not in (overlay or "") and ".md:" in (overlay or ""), str(overlay)[:300])
        check("a failed rebuild does not reload the page", driver.execute_script("return window.__kaifangMarker") == 1)
        open(dataset, "w", encoding="utf-8").write(original)
        reloaded = wait_for(lambda: driver.execute_script("return window.__kaifangMarker === undefined && document.readyState === 'complete'"))
        check("the page reloads once the build succeeds", bool(reloaded))
        gone = wait_for(lambda: driver.execute_script("return document.getElementById('kaifang-build-errors') === null"), 5)
        check("the errors are gone after a good build", bool(gone))
        lines = open(log.name, encoding="utf-8", errors="replace").read().splitlines()
        check("no line per request in the server's output", not any("GET /" in line or "request:" in line for line in lines),
              "\n".join(lines[-5:]))
    finally:
        if driver:
            driver.quit()
        if server:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)


if __name__ == "__main__":
    main()
