"""Browser tests of a built Kaifang portal in headless Chromium.

Serves SITE_DIR on 127.0.0.1 (a port the kernel picks) and checks, as a
citizen would use it: a Chinese query shows exactly the matching datasets,
title matches first; every dataset is found by a two-character fragment of
its title; a facet narrows the results; the URL keeps query and filters
(reload and Back restore them); the home page searches as one types; a
phone-sized window works; with JavaScript off the catalogue still lists
datasets and its facet links lead to static pages. The expected results
are computed here from search/index.json with the matching rule of
docs/quality.md ("Search"), independently of the page's script.
"""
import functools
import http.server
import json
import os
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

SITE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("PASS " if ok else "FAIL ") + name + ("" if ok or not detail else ": " + detail), flush=True)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def browser(width, height, javascript=True, profile=None):
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/lib/chromium/chromium")
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--force-device-scale-factor=1", f"--window-size={width},{height}", f"--user-data-dir={profile}",
                "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--proxy-server=http://127.0.0.1:9",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]:
        opts.add_argument(arg)
    if not javascript:
        opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=opts, service=service)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    return driver


# The matching rule, written again from the documentation.
def norm(text):
    return unicodedata.normalize("NFKC", text).lower()


def terms(query):
    out = []
    for piece in "".join(c if not (c.isspace() or unicodedata.category(c)[0] in "PS" and c not in "-_.+") else " " for c in norm(query)).split():
        if piece not in out:
            out.append(piece)
    return out


def expected(index, query, filters=None):
    facets = index["facets"]
    orgs = facets["org"]["values"]
    columns = {"theme": 6, "org": 5, "format": 7, "license": 8, "open": 9, "freq": 10}
    ts = terms(query)
    found = []
    for position, d in enumerate(index["datasets"]):
        title, keywords, description = norm(d[0]), norm(d[1]).split(" ") if d[1] else [], norm(d[2])
        other = norm((orgs[d[5]][1] if d[5] >= 0 else "") + " " + d[3])
        total = 0
        for t in ts:
            best = 0
            if t in title:
                best = 100 + (20 if title.startswith(t) else 0)
            elif any(t in k for k in keywords):
                best = 40 + (10 if t in keywords else 0)
            elif t in description:
                best = 10
            elif t in other:
                best = 5
            if not best:
                total = None
                break
            total += best
        if total is None:
            continue
        ok = True
        for param, slugs in (filters or {}).items():
            wanted = {[v[0] for v in facets[param]["values"]].index(s) for s in slugs}
            have = d[columns[param]] if isinstance(d[columns[param]], list) else [d[columns[param]]]
            ok = ok and bool(wanted & set(have))
        if ok:
            found.append((-total, position, d[4]))
    return [slug for _, _, slug in sorted(found)]


def shown_slugs(driver):
    links = driver.find_elements(By.CSS_SELECTOR, "#search-results .dataset-item__title a")
    return [urllib.parse.urlparse(a.get_attribute("href")).path.rstrip("/").split("/")[-1] for a in links]


def wait_results(driver, timeout=10):
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(
        "var s=document.getElementById('search-status');return s&&/\\d|没有/.test(s.textContent)&&!/载入/.test(s.textContent)"))


def type_query(driver, text):
    box = driver.find_element(By.ID, "search-q")
    box.clear()
    driver.execute_script("document.getElementById('search-status').textContent=''")
    box.send_keys(text)
    wait_results(driver)


def encoded(slug):
    return urllib.parse.quote(urllib.parse.unquote(slug), safe="")


def main():
    if not SITE or not os.path.isfile(os.path.join(SITE, "index.html")):
        print("usage: portal_test.py SITE_DIR (a built portal)")
        print("0 passed, 1 failed")
        return 1
    with open(os.path.join(SITE, "search", "index.json"), encoding="utf-8") as f:
        index = json.load(f)
    server = serve(SITE)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    work = tempfile.mkdtemp(prefix="kaifang-browser-test-")
    drivers = []
    started = time.time()
    try:
        desktop = browser(1280, 900, profile=os.path.join(work, "desktop"))
        drivers.append(desktop)

        # 1. A Chinese query shows exactly the matching datasets, best first.
        desktop.get(base + "datasets/")
        query = "公交"
        want = expected(index, query)
        type_query(desktop, query)
        got = shown_slugs(desktop)
        check(f"typing {query} shows exactly the {len(want)} matching datasets", [encoded(s) for s in want] == [encoded(s) for s in got],
              f"expected {want}, shown {got}")
        status = desktop.find_element(By.ID, "search-status").text
        check("the result count is announced", str(len(want)) in status, status)
        check("matches are highlighted", len(desktop.find_elements(By.CSS_SELECTOR, "#search-results mark")) >= len(want))
        check("the query is in the URL", "q=" + urllib.parse.quote(query) in desktop.current_url, desktop.current_url)

        # 2. Any sample dataset is found by a two-character fragment of its title.
        missing = []
        for d in index["datasets"]:
            title = d[0]
            fragment = next((title[i:i + 2] for i in range(len(title) - 1) if not any(c.isspace() for c in title[i:i + 2])), title)
            type_query(desktop, fragment)
            slugs = [encoded(s) for s in shown_slugs(desktop)]
            if encoded(d[4]) not in slugs:
                # Beyond the first page of results: show more until it appears or the list ends.
                while encoded(d[4]) not in slugs and desktop.find_element(By.ID, "search-more").is_displayed():
                    desktop.find_element(By.ID, "search-more").click()
                    slugs = [encoded(s) for s in shown_slugs(desktop)]
            if encoded(d[4]) not in slugs:
                missing.append(f"{title} ({fragment})")
        check(f"each of the {len(index['datasets'])} datasets is found by a two-character fragment of its title", not missing, "; ".join(missing[:5]))

        # 3. A facet narrows the results; counts are shown; the URL keeps it.
        theme_values = [v for v in index["facets"]["theme"]["values"] if expected(index, "", {"theme": [v[0]]})]
        query = "数据"
        theme = max(theme_values, key=lambda v: len(expected(index, query, {"theme": [v[0]]})))[0]
        type_query(desktop, query)
        before = shown_slugs(desktop)
        box = desktop.find_element(By.CSS_SELECTOR, f'#facet-controls input[name="theme"][value="{theme}"]')
        desktop.execute_script("arguments[0].scrollIntoView({block:'center'})", box)
        box.click()
        WebDriverWait(desktop, 5).until(lambda d: "theme=" + theme in d.current_url)
        wait_results(desktop)
        want = expected(index, query, {"theme": [theme]})
        got = shown_slugs(desktop)
        check(f"the facet theme={theme} narrows {len(before)} results to the {len(want)} expected",
              [encoded(s) for s in got] == [encoded(s) for s in want] and len(got) < len(before), f"expected {want}, shown {got}")
        # A second facet combines with the first.
        fmt = next((v[0] for v in index["facets"]["format"]["values"]
                    if 0 < len(expected(index, query, {"theme": [theme], "format": [v[0]]})) < len(want)), None)
        if fmt:
            desktop.find_element(By.CSS_SELECTOR, f'#facet-controls input[name="format"][value="{fmt}"]').click()
            WebDriverWait(desktop, 5).until(lambda d: "format=" + fmt in d.current_url)
            wait_results(desktop)
            want2 = expected(index, query, {"theme": [theme], "format": [fmt]})
            got2 = shown_slugs(desktop)
            check(f"facets combine: theme={theme} and format={fmt} give the {len(want2)} expected",
                  [encoded(s) for s in got2] == [encoded(s) for s in want2], f"expected {want2}, shown {got2}")
            state_url = desktop.current_url
            want_state = want2
        else:
            state_url = desktop.current_url
            want_state = want

        # 4. Reloading the URL restores query, filters and results.
        desktop.get(state_url)
        wait_results(desktop)
        restored = desktop.find_element(By.ID, "search-q").get_attribute("value")
        checked = [c.get_attribute("value") for c in desktop.find_elements(By.CSS_SELECTOR, "#facet-controls input:checked")]
        check("reloading the URL restores the query, the ticked facets and the results",
              restored == query and theme in checked and [encoded(s) for s in shown_slugs(desktop)] == [encoded(s) for s in want_state],
              f"query {restored!r}, ticked {checked}")

        # 5. Back undoes the last facet.
        if fmt:
            desktop.back()
            WebDriverWait(desktop, 5).until(lambda d: "format=" not in d.current_url)
            wait_results(desktop)
            check("Back removes the last facet and shows its results again",
                  [encoded(s) for s in shown_slugs(desktop)] == [encoded(s) for s in want], desktop.current_url)

        # 6. The home page searches as one types and links to the catalogue.
        desktop.get(base)
        type_query(desktop, "旅游")
        want = expected(index, "旅游")
        got = shown_slugs(desktop)
        check("the home page shows matching datasets as one types",
              [encoded(s) for s in got] == [encoded(s) for s in want[:10]], f"expected {want[:10]}, shown {got}")

        # 7. Phone size: search works, nothing scrolls sideways.
        phone = browser(390, 844, profile=os.path.join(work, "phone"))
        drivers.append(phone)
        phone.get(base + "datasets/?q=" + urllib.parse.quote("价格"))
        wait_results(phone)
        want = expected(index, "价格")
        check("a shared URL opens with its results on a 390 px phone",
              [encoded(s) for s in shown_slugs(phone)] == [encoded(s) for s in want])
        width = phone.execute_script("return [document.scrollingElement.scrollWidth, innerWidth]")
        check("the catalogue with results does not scroll sideways on a phone", width[0] <= width[1] + 1, str(width))

        # 8. Without JavaScript the catalogue lists datasets and its facet links work.
        nojs = browser(1280, 900, javascript=False, profile=os.path.join(work, "nojs"))
        drivers.append(nojs)
        nojs.get(base + "datasets/")
        items = nojs.find_elements(By.CSS_SELECTOR, "#static-results .dataset-item")
        check("without JavaScript the catalogue lists datasets", len(items) > 0, f"{len(items)} listed")
        links = nojs.find_elements(By.CSS_SELECTOR, "#facet-links a")
        check("without JavaScript the facet links are shown", len(links) > 0 and links[0].is_displayed() or
              len(nojs.find_elements(By.CSS_SELECTOR, "#facet-links details")) > 0)
        href = next((a.get_attribute("href") for a in links if "/facets/format/" in a.get_attribute("href")), None)
        if href:
            nojs.get(href)
            listed = len(nojs.find_elements(By.CSS_SELECTOR, ".dataset-item"))
            check("without JavaScript a static format facet page lists its datasets", listed > 0, href)
        else:
            check("the catalogue links static format facet pages", False, "no facets/format/ link")
    except Exception as error:  # noqa: BLE001
        check("the browser tests ran to the end", False, f"{type(error).__name__}: {error}")
    finally:
        for driver in drivers:
            try:
                driver.quit()
            except Exception:  # noqa: BLE001
                pass
        server.shutdown()
    print(f"time: {time.time() - started:.1f}s")
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 0 if results["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
