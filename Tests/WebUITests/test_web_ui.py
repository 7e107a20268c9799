#!/usr/bin/env python3
"""The web app in headless Chromium against a running stack with the demo workspace.

Every page loads without a console error at 1280 px and at 390 px (and nothing overflows the
narrow screen), the dashboard shows KPIs, a copilot answer streams in with a chart, the lineage
graph renders and a simulated break highlights what is downstream, a CSV upload reports its
counts. A screenshot of each page at each width goes to --out.

    test_web_ui.py --url http://127.0.0.1:8080 --key mx_... --out .build/ui
"""
import argparse
import os
import sys
import tempfile
import time
import unittest

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ARGS = None
PAGES = ["dashboard", "copilot", "campaigns", "lineage", "anomalies", "connections"]
# What shows that each page has finished loading.
READY = {
    "dashboard": "#kpis .kpi .value",
    "copilot": ".history button, .history p",
    "campaigns": ".panel table tbody tr, .panel .empty",
    "lineage": "#graph svg .node",
    "anomalies": ".panel table tbody tr, .panel .empty",
    "connections": ".panel table tbody tr",
}


def chromium(width):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},1000", "--lang=en-US"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)


class WebUITests(unittest.TestCase):
    width = 1280

    @classmethod
    def setUpClass(cls):
        cls.browser = chromium(cls.width)
        if cls.width < 500:
            # A desktop window cannot be this narrow; emulate a phone's viewport instead.
            cls.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        {"width": cls.width, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        cls.browser.set_script_timeout(30)
        cls.wait = WebDriverWait(cls.browser, 30)
        os.makedirs(ARGS.out, exist_ok=True)
        # Sign in once through the form; the key is remembered for the other pages.
        cls.browser.get(ARGS.url + "/")
        key = WebDriverWait(cls.browser, 30).until(lambda b: b.find_element(By.ID, "api-key"))
        key.send_keys(ARGS.key)
        cls.browser.find_element(By.CSS_SELECTOR, ".signin button[type=submit]").click()
        WebDriverWait(cls.browser, 30).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#kpis .kpi"))

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()

    # Helpers

    def console_errors(self):
        return [entry["message"] for entry in self.browser.get_log("browser") if entry["level"] == "SEVERE"]

    def open(self, page):
        self.console_errors()  # forget what earlier pages logged
        self.browser.get(f"{ARGS.url}/#/{page}")
        self.browser.refresh()  # a hash change alone does not reload the app
        try:
            self.wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, READY[page]))
        except TimeoutException:
            self.fail(f"{page} did not finish loading: {self.browser.find_element(By.ID, 'view').text[:500]}")
        self.assertEqual(self.browser.find_elements(By.CSS_SELECTOR, "#view .error"), [],
                         f"{page} shows an error")

    def screenshot(self, name):
        self.browser.save_screenshot(os.path.join(ARGS.out, f"{name}-{self.width}.png"))

    def assert_fits(self, page):
        overflow = self.browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        self.assertLessEqual(overflow, 1, f"{page} is {overflow}px wider than a {self.width}px screen")

    # Tests

    def test_every_page_loads_without_console_errors(self):
        for page in PAGES:
            with self.subTest(page=page):
                self.open(page)
                time.sleep(0.5)  # late requests (history, change events) also count
                self.assertEqual(self.console_errors(), [], f"console errors on {page}")
                self.assert_fits(page)
                self.screenshot(page)

    def test_the_dashboard_shows_kpis(self):
        self.open("dashboard")
        cards = self.browser.find_elements(By.CSS_SELECTOR, "#kpis .kpi")
        self.assertGreaterEqual(len(cards), 4)
        spend = self.browser.find_element(By.CSS_SELECTOR, '#kpis .kpi[data-metric="spend"] .value').text
        self.assertRegex(spend, r"[1-9]", "spend is shown as an amount")
        self.assertTrue(self.browser.find_elements(By.CSS_SELECTOR, ".chart svg path.series"), "the daily chart is drawn")
        self.assertTrue(self.browser.find_elements(By.CSS_SELECTOR, "table tbody tr"), "top campaigns are listed")

    def test_a_running_period_shows_sums_so_far(self):
        # This month runs only to now: a sum so far is not set against the whole of last month's days.
        self.open("dashboard")
        try:
            Select(self.browser.find_element(By.ID, "timeframe")).select_by_value("this_month")
            delta = lambda metric: self.browser.find_element(By.CSS_SELECTOR, f'#kpis .kpi[data-metric="{metric}"] .delta').text
            self.wait.until(lambda b: "so far" in delta("spend"))
            self.assertNotIn("so far", delta("cpc"), "a ratio of part of a day keeps its change")
        finally:
            self.browser.execute_script("sessionStorage.removeItem('metricx.timeframe')")

    def test_a_copilot_answer_streams_in_with_a_chart(self):
        self.open("copilot")
        # Record how the answer grows: each token appended while the answer is still busy.
        self.browser.execute_script("""
            window.__growth = [];
            new MutationObserver(() => {
              const bubble = document.querySelector('.msg.assistant');
              const text = bubble && bubble.querySelector('.answer-text');
              if (text) window.__growth.push([text.textContent.length, bubble.getAttribute('aria-busy') === 'true']);
            }).observe(document.getElementById('messages'), {subtree: true, childList: true, characterData: true, attributes: true});
        """)
        question = self.browser.find_element(By.ID, "question")
        question.send_keys("spend by campaign last 7 days")
        self.browser.find_element(By.CSS_SELECTOR, ".ask button[type=submit]").click()
        self.wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, ".msg.assistant:not([aria-busy]) .answer-chart svg"))
        answer = self.browser.find_element(By.CSS_SELECTOR, ".msg.assistant .answer-text").text
        self.assertRegex(answer, r"\$[0-9]")
        growth = self.browser.execute_script("return window.__growth")
        self.assertTrue(any(busy and length > 0 for length, busy in growth), "text was shown before the answer was done")
        tokens = self.browser.execute_script("return document.querySelector('.msg.assistant .answer-text').childNodes.length")
        self.assertGreater(tokens, 3, "the answer was appended token by token")
        self.assertTrue(self.browser.find_elements(By.CSS_SELECTOR, ".answer-chart svg rect.bar"), "a bar chart of the ranking")
        self.assertEqual(self.console_errors(), [])
        self.screenshot("copilot-answer")

    def test_the_lineage_graph_renders_and_a_break_shows_its_blast_radius(self):
        self.open("lineage")
        nodes = self.browser.find_elements(By.CSS_SELECTOR, "#graph svg .node")
        self.assertGreater(len(nodes), 10)
        self.assertTrue(self.browser.find_elements(By.CSS_SELECTOR, "#graph svg path.edge"))
        spend = self.browser.find_element(By.CSS_SELECTOR, '#graph .node[data-id="metric:spend"]')
        self.browser.execute_script("arguments[0].scrollIntoView()", spend)
        self.browser.execute_script("""
            const node = arguments[0], box = node.getBoundingClientRect();
            const at = {bubbles: true, clientX: box.x + 5, clientY: box.y + 5, pointerId: 1};
            node.dispatchEvent(new PointerEvent('pointerdown', at));
            node.dispatchEvent(new PointerEvent('pointerup', at));
        """, spend)
        simulate = self.wait.until(lambda b: b.find_element(By.ID, "simulate-break"))
        simulate.click()
        self.wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#graph .node.impacted"))
        impacted = {n.get_attribute("data-id") for n in self.browser.find_elements(By.CSS_SELECTOR, "#graph .node.impacted")}
        self.assertIn("metric:roas", impacted)
        self.assertNotIn("metric:clicks", impacted, "upstream and unrelated metrics are not painted")
        self.assertEqual(len(self.browser.find_elements(By.CSS_SELECTOR, "#graph .node.broken")), 1)
        self.assertIn("roas", self.browser.find_element(By.ID, "impacted").text)
        self.screenshot("lineage-break")

    def test_a_csv_upload_reports_its_counts(self):
        self.open("connections")
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as csv:
            csv.write("timestamp,provider,account_id,campaign_id,adset_id,ad_id,spend,clicks\n"
                      "2026-11-01,csv,acct-ui,camp-ui,set-ui,ad-ui-1,12.50,10\n"
                      "2026-11-02,csv,acct-ui,camp-ui,set-ui,ad-ui-1,13.00,11\n"
                      "2026-11-02,csv,acct-ui,camp-ui,set-ui,ad-ui-2,not-a-number,3\n")
        try:
            self.browser.find_element(By.ID, "csv-file").send_keys(csv.name)
            self.wait.until(lambda b: "imported" in b.find_element(By.ID, "csv-result").text)
            result = self.browser.find_element(By.ID, "csv-result").text
            self.assertIn("2 rows imported, 1 rejected", result)
            self.assertIn("spend", result, "the rejected row's column is named")
        finally:
            os.unlink(csv.name)
        self.screenshot("connections-upload")

    def test_campaigns_drill_down(self):
        self.open("campaigns")
        rows = self.browser.find_elements(By.CSS_SELECTOR, ".panel table tbody tr")
        self.assertGreater(len(rows), 0)
        rows[0].click()
        self.wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, ".crumbs > *")) >= 3)
        self.wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, ".panel table tbody tr, .panel .empty"))
        self.assertEqual(self.console_errors(), [])

    def test_an_anomaly_shows_its_series_and_expected_band(self):
        self.open("anomalies")
        rows = self.browser.find_elements(By.CSS_SELECTOR, ".panel table tbody tr")
        if not rows:
            self.skipTest("the monitor has found nothing in the demo data yet")
        rows[0].click()
        self.wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#anomaly-detail svg, #anomaly-detail .empty, #anomaly-detail .error"))
        self.assertEqual(self.browser.find_elements(By.CSS_SELECTOR, "#anomaly-detail .error"), [])
        if self.browser.find_elements(By.CSS_SELECTOR, "#anomaly-detail svg"):
            self.assertTrue(self.browser.find_elements(By.CSS_SELECTOR, "#anomaly-detail svg polygon.band"), "the expected band")
            self.assertTrue(self.browser.find_elements(By.CSS_SELECTOR, "#anomaly-detail svg circle.mark"), "the anomalous point")
        self.assertEqual(self.console_errors(), [])
        self.screenshot("anomaly-detail")

    def test_the_anomaly_checker_scores_pasted_values(self):
        self.open("anomalies")
        values = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 12, 11, 60, 11, 10]
        self.browser.find_element(By.ID, "checker-values").send_keys(", ".join(map(str, values)))
        self.browser.find_element(By.CSS_SELECTOR, "#checker-values ~ .toolbar button[type=submit]").click()
        try:
            self.wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#checker-result table tbody tr"))
        except TimeoutException:
            self.fail(f"no scores: {self.browser.find_element(By.ID, 'checker-result').text}")
        rows = self.browser.find_elements(By.CSS_SELECTOR, "#checker-result table tbody tr")
        self.assertEqual(len(rows), len(values))


class NarrowWebUITests(WebUITests):
    """The same at a phone's width."""
    width = 390


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--out", default=".build/ui")
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
