"""The search of an English portal (`language: en`) in headless Chromium.

search.js takes every word it writes from the page (data- attributes filled
from Templates/i18n/en.yaml), so the status line, the result cards, the
filter chips and the number format must all be English. Usage:
    python english_test.py SITE_DIR   (an English build of the sample)
"""
import json
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from portal_test import browser, check, results, serve  # noqa: E402

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def main():
    site = os.path.abspath(sys.argv[1])
    server = serve(site)
    base = "http://127.0.0.1:%d/" % server.server_address[1]
    work = tempfile.mkdtemp(prefix="kaifang-english-test-")
    driver = None
    try:
        with open(os.path.join(site, "search", "index.json"), encoding="utf-8") as fh:
            index = json.load(fh)
        driver = browser(390, 844, profile=os.path.join(work, "phone"))
        driver.get(base + "datasets/")
        check("the English catalogue page says lang=\"en\"", driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        # A query every dataset of a department matches: its first title's first two characters.
        query = index["datasets"][0][0][:2]
        driver.get(base + "datasets/?q=" + urllib.parse.quote(query))
        status = driver.find_element(By.ID, "search-status")
        WebDriverWait(driver, 20).until(lambda d: re.search(r"\d", status.text or ""))
        check("the search status is English, with the count in English digits",
              re.fullmatch(r"Datasets found: (about )?\d{1,3}(,\d{3})*", status.text.strip()) is not None, repr(status.text))
        cards = driver.find_elements(By.CSS_SELECTOR, "#search-results .dataset-item__meta")
        words = [re.sub(r"\d{4}-\d{2}-\d{2}", "", span.text) for card in cards for span in card.find_elements(By.TAG_NAME, "span")]
        check("result cards label their dates and cycles in English", bool(cards) and any(w.startswith("Updated") for w in words)
              and not any(CJK.search(w.split(":")[0]) for w in words), repr(words[:4]))
        # A filter chip names the filter in English ("Remove filter: Theme …").
        driver.get(base + "datasets/?theme=" + urllib.parse.quote(index["facets"]["theme"]["values"][0][0]))
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#filter-chips button"))
        label = driver.find_element(By.CSS_SELECTOR, "#filter-chips button").get_attribute("aria-label") or ""
        check("a filter chip is labelled in English", label.startswith("Remove filter: ") and "：" not in label, repr(label))
        filter_button = driver.find_elements(By.ID, "filter-toggle")
        text = filter_button[0].text if filter_button else ""
        check("the phone's filter button is English", text.startswith("Filter") and not CJK.search(text), repr(text))
    except Exception as error:  # noqa: BLE001
        check("the English search tests ran to the end", False, f"{type(error).__name__}: {error}")
    finally:
        if driver:
            driver.quit()
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 0 if results["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
