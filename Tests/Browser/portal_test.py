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
import shutil
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


def expected_counts(index, query, filters=None):
    """Per facet, per value slug: the datasets matching the query and every other facet's filter
    (what ticking that value would show), as the catalogue's filters count them."""
    filters = filters or {}
    columns = {"theme": 6, "org": 5, "format": 7, "license": 8, "open": 9, "freq": 10}
    matching = set(expected(index, query))
    by_slug = {d[4]: d for d in index["datasets"]}
    out = {}
    for param, column in columns.items():
        others = {p: v for p, v in filters.items() if p != param}
        keep = set(expected(index, query, others)) if others else matching
        values = index["facets"][param]["values"]
        counts = {v[0]: 0 for v in values}
        for slug in keep:
            have = by_slug[slug][column]
            for v in (have if isinstance(have, list) else [have]):
                if v >= 0:
                    counts[values[v][0]] += 1
        out[param] = counts
    return out


def shown_counts(driver):
    """The count the catalogue shows beside each filter option, per facet and value slug."""
    return driver.execute_script("""
        var out = {};
        document.querySelectorAll('#facet-controls fieldset[data-facet]').forEach(function (fs) {
          var p = fs.getAttribute('data-facet');
          out[p] = {};
          fs.querySelectorAll('li').forEach(function (li) {
            out[p][li.querySelector('input').value] = +li.querySelector('.facet__count').textContent;
          });
        });
        return out;""")


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


def facet_problems(driver):
    """Nested scrolls in the filters, and options with matches that are not visible."""
    return driver.execute_script("""
        var out = [];
        document.querySelectorAll('#facet-controls, #facet-controls *').forEach(function (el) {
          var oy = getComputedStyle(el).overflowY;
          if ((oy === 'auto' || oy === 'scroll') && el.scrollHeight > el.clientHeight + 1) out.push('scrolls inside itself: ' + el.tagName + '.' + el.className);
        });
        document.querySelectorAll('#facet-controls li').forEach(function (li) {
          var n = +li.querySelector('.facet__count').textContent;
          var r = li.getBoundingClientRect();
          if (n > 0 && (li.offsetParent === null || r.height === 0)) out.push('hidden option with ' + n + ': ' + li.textContent.trim());
        });
        // Within each facet, every option with matches comes before every option without.
        document.querySelectorAll('#facet-controls fieldset').forEach(function (fs) {
          var seenEmpty = false;
          fs.querySelectorAll('li').forEach(function (li) {
            var n = +li.querySelector('.facet__count').textContent, c = li.querySelector('input').checked;
            if (n === 0 && !c) seenEmpty = true; else if (seenEmpty) out.push('option with matches after an empty one: ' + li.textContent.trim());
          });
        });
        return out;""")


def top(driver, selector):
    return driver.execute_script("var e=document.querySelector(arguments[0]);if(!e||e.offsetParent===null)return null;"
                                 "return e.getBoundingClientRect().top+scrollY", selector)


def check_phone_filters(phone, base, index):
    query = "公交"
    want = expected(index, query)
    themes = {v[0]: v[1] for v in index["facets"]["theme"]["values"]}
    positions = [v[0] for v in index["facets"]["theme"]["values"]]
    # A theme some result of the query has.
    theme = positions[index["datasets"][next(i for i, d in enumerate(index["datasets"]) if d[4] == want[0])][6][0]]
    phone.get(base + "datasets/?q=" + urllib.parse.quote(query))
    wait_results(phone)
    results_top, facets_top = top(phone, "#search-results .dataset-item"), top(phone, "#facet-controls")
    check("phone: the first result is on the first screen, right after the search box",
          results_top is not None and results_top < 844 and facets_top is None, f"result at {results_top}, filters at {facets_top}")
    toggle = phone.find_element(By.ID, "filter-toggle")
    check("phone: a filter button is shown", toggle.is_displayed() and toggle.get_attribute("aria-expanded") == "false")
    toggle.click()
    WebDriverWait(phone, 5).until(lambda d: top(d, "#facet-controls") is not None)
    check("phone: the button opens the filters above the results",
          toggle.get_attribute("aria-expanded") == "true" and top(phone, "#facet-controls") < top(phone, "#search-results .dataset-item"))
    problems = facet_problems(phone)
    check("phone: no filter list scrolls inside itself; every option with matches is visible and first", not problems, "; ".join(problems[:5]))
    box = phone.find_element(By.CSS_SELECTOR, f'#facet-controls input[name="theme"][value="{theme}"]')
    phone.execute_script("arguments[0].scrollIntoView({block:'center'})", box)
    box.click()
    WebDriverWait(phone, 5).until(lambda d: "theme=" + theme in d.current_url)
    wait_results(phone)
    check("phone: the filter button counts the chosen filters", "(1)" in toggle.text, toggle.text)
    chips = phone.find_elements(By.CSS_SELECTOR, "#filter-chips button")
    check("phone: the chosen filter shows as a chip above the results",
          len(chips) == 1 and themes[theme] in chips[0].text and top(phone, "#filter-chips") < top(phone, "#search-results .dataset-item"),
          str([c.text for c in chips]))
    phone.find_element(By.ID, "facet-done").click()
    check("phone: 查看结果 closes the filters and the results come first again",
          top(phone, "#facet-controls") is None and toggle.get_attribute("aria-expanded") == "false")
    chips[0].click()
    WebDriverWait(phone, 5).until(lambda d: "theme=" not in d.current_url)
    wait_results(phone)
    check("phone: removing the chip removes the filter",
          not phone.find_elements(By.CSS_SELECTOR, "#filter-chips button") and "(" not in toggle.text
          and [encoded(s) for s in shown_slugs(phone)] == [encoded(s) for s in want], toggle.text)
    # Options without matches are folded behind one button when there are many.
    toggle.click()
    folded = phone.execute_script("""
        var out = [];
        document.querySelectorAll('#facet-controls fieldset').forEach(function (fs) {
          var empty = fs.querySelectorAll('li.facet--empty').length, more = fs.querySelector('.facet__more');
          out.push([empty, more && !more.hidden, fs.querySelectorAll('li.facet--empty:not([hidden])').length]);
        });
        return out;""")
    check("phone: many options without matches are folded behind 显示全部",
          any(e >= 3 for e, _, _ in folded) and all((e >= 3) == bool(m) and (not m or v == 0) for e, m, v in folded), str(folded))
    more = next(b for b in phone.find_elements(By.CSS_SELECTOR, "#facet-controls .facet__more") if b.is_displayed())
    phone.execute_script("arguments[0].scrollIntoView({block:'center'})", more)
    more.click()
    shown = phone.execute_script("return arguments[0].closest('fieldset').querySelectorAll('li:not([hidden])').length ==="
                                 " arguments[0].closest('fieldset').querySelectorAll('li').length", more)
    check("phone: 显示全部 shows the folded options", shown and more.get_attribute("aria-expanded") == "true")
    toggle.click()


def check_no_sideways_scroll(phone, base, index):
    pages = ["", "datasets/", "datasets/" + index["datasets"][0][4] + "/", "organizations/", "themes/", "stats/", "404.html"]
    for param, folder in (("org", "organizations"), ("theme", "themes")):
        pages.append(f"{folder}/{index['facets'][param]['values'][0][0]}/")
    pages.append("facets/format/" + index["facets"]["format"]["values"][0][0] + "/")
    pages.append("datasets/?q=" + urllib.parse.quote("没有这个词的数据集"))
    wide = []
    for page in pages:
        phone.get(base + page)
        width = phone.execute_script("return [document.scrollingElement.scrollWidth, innerWidth]")
        if width[0] > width[1] + 1:
            wide.append(f"{page} {width}")
    check(f"no page of {len(pages)} kinds scrolls sideways at 390 px", not wide, "; ".join(wide))


def check_desktop_filters(desktop, base, index):
    desktop.get(base + "datasets/?q=" + urllib.parse.quote("数据"))
    wait_results(desktop)
    box = desktop.execute_script("var f=document.getElementById('facet-controls').getBoundingClientRect(),"
                                 "r=document.getElementById('search-results').getBoundingClientRect();return [f.left,f.right,r.left,f.top,r.top]")
    toggle = desktop.find_element(By.ID, "filter-toggle")
    check("desktop: the filters are a side column left of the results, without a filter button",
          box[1] <= box[2] and not toggle.is_displayed(), str(box))
    problems = facet_problems(desktop)
    check("desktop: no filter list scrolls inside itself; every option with matches is visible and first", not problems, "; ".join(problems[:5]))


def check_no_results(phone, base, index):
    title = next(d[0] for d in index["datasets"] if len(d[0]) >= 4 and not any(c.isspace() for c in d[0][:3]))
    close = title[:3]
    query = close + "乙"
    if expected(index, query):
        check("a query without results can be made from the sample", False, query)
        return
    phone.get(base + "datasets/?q=" + urllib.parse.quote(query))
    wait_results(phone)
    WebDriverWait(phone, 10).until(lambda d: d.find_element(By.ID, "search-none").is_displayed())
    links = {a.text: a for a in phone.find_elements(By.CSS_SELECTOR, "#search-none-themes a")}
    themes = [v for v in index["facets"]["theme"]["values"] if expected(index, "", {"theme": [v[0]]})]
    orgs = [v for v in index["facets"]["org"]["values"] if expected(index, "", {"org": [v[0]]})]
    check("no results: every theme and department with datasets is linked",
          sorted(links) == sorted(v[1] for v in themes) and
          len(phone.find_elements(By.CSS_SELECTOR, "#search-none-orgs a")) == len(orgs), str(sorted(links)))
    request = phone.find_elements(By.ID, "search-none-request")
    check("no results: the data request carries the query",
          not request or urllib.parse.quote(query) in request[0].get_attribute("href"), request and request[0].get_attribute("href"))
    WebDriverWait(phone, 10).until(lambda d: d.find_element(By.ID, "search-close").is_displayed())
    suggestions = phone.find_elements(By.CSS_SELECTOR, "#search-close-list li")
    texts = [li.text for li in suggestions]
    want = f"{close} {len(expected(index, close))}"
    check("no results: a close query (one character fewer) is offered with its count", want in texts, f"{texts}, wanted {want!r}")
    first = phone.find_element(By.CSS_SELECTOR, "#search-close-list a")
    target = first.text
    first.click()
    wait_results(phone)
    check("no results: a close query leads to its results",
          [encoded(x) for x in shown_slugs(phone)] == [encoded(x) for x in expected(index, target)[:50]], target)


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(driver):
    """axe-core (bundled with selenium-axe-python, as the conformance kit uses it) on the page as it is now."""
    import selenium_axe_python
    path = os.path.join(os.path.dirname(selenium_axe_python.__file__), "axe-core", "axe.min.js")
    with open(path, encoding="utf-8") as f:
        driver.execute_script(f.read() + "\n;return true;")
    driver.set_script_timeout(60)
    result = driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
          .then(function (r) { done(r.violations.map(function (v) { return v.id + ' ' + v.nodes.map(function (n) { return n.target.join(' '); }).slice(0, 3).join(', '); })); },
                function (e) { done(['axe did not run: ' + e]); });""", AXE_TAGS)
    return result


def check_states_accessible(phone, desktop, base, index):
    """The states the static kit does not reach: filter panel open with a chip, no results, copied URL."""
    theme = index["facets"]["theme"]["values"][0][0]
    problems = []
    phone.get(base + "datasets/?q=" + urllib.parse.quote("数据") + "&theme=" + theme)
    wait_results(phone)
    phone.find_element(By.ID, "filter-toggle").click()
    problems += ["phone, filters open: " + v for v in axe_violations(phone)]
    phone.get(base + "datasets/?q=" + urllib.parse.quote(index["datasets"][0][0][:3] + "乙"))
    wait_results(phone)
    WebDriverWait(phone, 10).until(lambda d: d.find_element(By.ID, "search-none").is_displayed())
    time.sleep(0.5)
    problems += ["phone, no results: " + v for v in axe_violations(phone)]
    desktop.get(base + "datasets/?q=" + urllib.parse.quote("数据") + "&theme=" + theme)
    wait_results(desktop)
    problems += ["desktop, results with a filter: " + v for v in axe_violations(desktop)]
    slug = next((d[4] for d in index["datasets"] if index["facets"]["open"]["values"][d[9]][0] == "open" and d[7]), index["datasets"][0][4])
    desktop.get(base + "datasets/" + slug + "/")
    desktop.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
    button = next((b for b in desktop.find_elements(By.CSS_SELECTOR, "button.copy") if b.is_displayed()), None)
    if button:
        button.click()
        time.sleep(0.3)
    problems += ["desktop, dataset page after copying: " + v for v in axe_violations(desktop)]
    for folder, _, names in os.walk(os.path.join(SITE, "datasets")):
        if "index.html" in names and 'data-chart"' in open(os.path.join(folder, "index.html"), encoding="utf-8").read():
            phone.get(base + os.path.relpath(folder, SITE).replace(os.sep, "/") + "/")
            phone.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
            problems += ["phone, a chart with its table open: " + v for v in axe_violations(phone)]
            break
    check("axe-core: no WCAG A/AA violation with the filter panel open, without results, and after copying (390 and 1280 px)",
          not problems, "; ".join(problems[:6]))


def check_charts(phone, base, site):
    """Every chart of a resource's data has a title, a description and its numbers as a table."""
    pages = []
    for folder, _, names in os.walk(os.path.join(site, "datasets")):
        if "index.html" in names and 'class="chart-figure data-chart"' in open(os.path.join(folder, "index.html"), encoding="utf-8").read():
            pages.append(os.path.relpath(folder, site).replace(os.sep, "/") + "/")
    check("the sample has charts of its data", len(pages) > 0)
    bad = []
    for page in pages:
        phone.get(base + page)
        info = phone.execute_script("""
            return Array.from(document.querySelectorAll('figure.data-chart')).map(function (f) {
              var svg = f.querySelector('svg'), id = svg.getAttribute('aria-labelledby').split(' ');
              var table = f.nextElementSibling.querySelector('table');
              var cells = table.querySelectorAll('tbody td').length;
              return [svg.getAttribute('role'), document.getElementById(id[0]).textContent, document.getElementById(id[1]).textContent,
                      svg.querySelectorAll('[data-value]').length, cells, svg.getBoundingClientRect().width];
            });""")
        for role, title, desc, marks, cells, width in info:
            if role != "img" or not title or len(desc) < 10 or marks != cells or marks == 0 or width > 390:
                bad.append(f"{page}: {role} {title!r} {desc!r} marks {marks} cells {cells} width {width}")
    check(f"the {len(pages)} charts of data have a title, a description and all their values in a table, within a phone's width",
          not bad, "; ".join(bad[:3]))


def check_copy_buttons(desktop, base, index):
    slug = next((d[4] for d in index["datasets"] if index["facets"]["open"]["values"][d[9]][0] == "open" and d[7]), index["datasets"][0][4])
    desktop.get(base + "datasets/" + slug + "/")
    buttons = [b for b in desktop.find_elements(By.CSS_SELECTOR, "button.copy") if b.is_displayed()]
    check("the dataset page has copy buttons for its URLs", len(buttons) > 0, slug)
    if not buttons:
        return
    button = buttons[0]
    target = desktop.find_element(By.ID, button.get_attribute("data-copy")).text
    desktop.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    button.click()
    WebDriverWait(desktop, 5).until(lambda d: d.find_element(By.ID, "copy-status").get_attribute("textContent"))
    said = desktop.find_element(By.ID, "copy-status").get_attribute("textContent")
    copied = desktop.execute_async_script("var done=arguments[0];navigator.clipboard.readText().then(done,function(){done(null)})")
    selected = desktop.execute_script("return String(getSelection())")
    check("a copy button copies the URL (clipboard) or selects it, and says so in a live region",
          (copied == target or selected == target) and said and
          desktop.find_element(By.ID, "copy-status").get_attribute("aria-live") == "polite", f"{said!r} {copied!r} {selected!r} {target!r}")
    # Without the clipboard API the text is selected instead.
    desktop.get(base + "datasets/" + slug + "/")
    desktop.execute_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    button = next(b for b in desktop.find_elements(By.CSS_SELECTOR, "button.copy") if b.is_displayed())
    target = desktop.find_element(By.ID, button.get_attribute("data-copy")).text
    button.click()
    WebDriverWait(desktop, 5).until(lambda d: d.find_element(By.ID, "copy-status").get_attribute("textContent"))
    check("without the clipboard API the copy button selects the text",
          desktop.execute_script("return String(getSelection())") == target)


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

        # 2b. Longer terms (checked against the records) and several terms give exactly the expected results.
        longer = []
        for d in index["datasets"][:12]:
            t = d[0]
            longer += [t[:4], t[1:4], t[:3] + " " + t[-2:]]
        longer += ["公交 济南", "数据 2025", "站点信息", "csv 交通"]
        wrong = []
        for q in dict.fromkeys(longer):
            want = expected(index, q)
            type_query(desktop, q)
            got = shown_slugs(desktop)
            if [encoded(x) for x in got] != [encoded(x) for x in want[:50]]:
                wrong.append(f"{q}: expected {len(want)}, shown {len(got)}")
            status = desktop.find_element(By.ID, "search-status").text
            if want and str(len(want)) not in status:
                wrong.append(f"{q}: count {status!r} for {len(want)}")
        check(f"{len(dict.fromkeys(longer))} queries of longer and several terms show exactly the expected results and count",
              not wrong, "; ".join(wrong[:5]))

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

        # 7b. Phone: results first, filters behind a button that counts them, chips.
        check_phone_filters(phone, base, index)

        # 7c. No page kind scrolls sideways on a phone.
        check_no_sideways_scroll(phone, base, index)

        # 7d. Desktop keeps the side column; no filter list scrolls inside itself.
        check_desktop_filters(desktop, base, index)

        # 7f. A search without results offers close queries, the themes and departments, and a request.
        check_no_results(phone, base, index)

        # 7e. Copy buttons on a dataset page.
        check_copy_buttons(desktop, base, index)

        # 7h. Charts of data, with text alternatives.
        check_charts(phone, base, SITE)

        # 7g. axe-core on the interactive states, at both sizes.
        check_states_accessible(phone, desktop, base, index)

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
        shutil.rmtree(work, ignore_errors=True)  # the browser profiles: nothing is left in /tmp
    print(f"time: {time.time() - started:.1f}s")
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 0 if results["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
