"""The briefing in a real browser (Debian's Chromium, driven by playwright), with every network request blocked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import sync_playwright
from seeds_support import copy_seeds

from briefing.build.pipeline import build
from briefing.presentation.render import A4_PRINTABLE_WIDTH_PX, CHROMIUM, CHROMIUM_FLAGS

HOSTILE = """Officials say <script>window.__pwned = 1; alert("script ran")</script> 5,000 tonnes were moved.
A caption <img src="x" onerror="window.__pwned = 2; alert('onerror ran')"> said 300 wagons left Minsk.
Read <a href="javascript:window.__pwned = 3">the full report</a> on 12 trains.</textarea><textarea>
"""


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def open_offline(browser, html_path, media="screen"):
    """Open the page with every request outside the file blocked; record console errors, requests and dialogs."""
    page = browser.new_page(viewport={"width": A4_PRINTABLE_WIDTH_PX if media == "print" else 1100, "height": 900})
    seen = {"errors": [], "external": [], "dialogs": []}
    page.on("console", lambda message: message.type == "error" and seen["errors"].append(message.text))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))

    def block(route):
        seen["external"].append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith(("file:", "data:", "blob:", "about:")), block)
    page.emulate_media(media=media)
    page.goto(html_path.resolve().as_uri())
    page.wait_for_function("window.briefingReady === true", timeout=60_000)
    return page, seen


def test_every_chart_draws_offline_without_errors(built, browser):
    reports, _ = built
    page, seen = open_offline(browser, reports / "briefing.html")
    charts = page.evaluate("""() => [...document.querySelectorAll('.plotly-figure')].map(el => ({
        id: el.id, traces: (el.data || []).length, drawn: !!el.querySelector('.main-svg'),
        title: (el.layout && el.layout.title && el.layout.title.text) || ''}))""")
    assert len(charts) >= 6
    for chart in charts:
        assert chart["traces"] > 0 and chart["drawn"], chart
        assert chart["title"], f"{chart['id']} has a title"
    assert seen["errors"] == [] and seen["external"] == []
    external = page.evaluate("""() => [...document.querySelectorAll('[src], [href]')]
        .map(el => el.getAttribute('src') || el.getAttribute('href'))
        .filter(url => /^(https?:)?\\/\\//i.test(url))""")
    assert external == []


def test_charts_fit_the_printed_page(built, browser):
    reports, _ = built
    page, _ = open_offline(browser, reports / "briefing.html", media="print")
    overflow = page.evaluate(f"""() => [...document.querySelectorAll('.plotly-figure .main-svg')]
        .map(svg => svg.getBoundingClientRect().right).filter(right => right > {A4_PRINTABLE_WIDTH_PX} + 1)""")
    assert overflow == []


def test_cards_and_judgments_link_to_their_sentences(built, browser):
    """A link to a claim or relation brings its row up in the interactive register, whatever page it is on."""
    reports, _ = built
    page, _ = open_offline(browser, reports / "briefing.html")
    page.wait_for_selector("#register-relations table.dataTable")
    for links in (".card a", ".judgments a"):
        anchors = page.locator(links)
        assert anchors.count() > 0, links
        for index in range(min(anchors.count(), 6)):
            target = anchors.nth(index).get_attribute("href")[1:]
            anchors.nth(index).click()
            assert page.evaluate(f"() => !!document.getElementById('{target}')"), target
    # each judgment's evidence is a row of the relations register that quotes its sentence
    first = page.locator(".judgments a").first
    target = first.get_attribute("href")[1:]
    first.click()
    quoted = page.evaluate(f"""() => document.getElementById('{target}').closest('tr').querySelector('mark')
        .textContent""")
    assert quoted.strip()


def test_registers_search_sort_and_page_offline(built, browser):
    reports, _ = built
    page, seen = open_offline(browser, reports / "briefing.html")
    page.wait_for_selector("#register-relations table.dataTable")
    register = "#register-relations"
    rows = page.locator(f"{register} table.dataTable tbody tr")
    total = int(page.locator(f"{register} .register-count").inner_text().split()[0].replace(",", ""))
    assert total > rows.count() > 0, "paged: the first page holds fewer rows than the register"
    search = page.locator(f"{register} .dt-search input")
    search.fill("Peleng")
    page.wait_for_timeout(300)
    shown = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert shown and all("Peleng" in row for row in shown)
    assert seen["errors"] == [] and seen["external"] == []


def test_print_shows_the_first_rows_of_each_register_and_where_the_rest_is(built, browser):
    reports, _ = built
    page, _ = open_offline(browser, reports / "briefing.html", media="print")
    visible = page.evaluate("""() => [...document.querySelectorAll('.register')].map(r => ({
        interactive: r.querySelector('.register-screen').offsetParent !== null,
        preview: r.querySelectorAll('.register-print tbody tr').length,
        text: r.innerText}))""")
    assert len(visible) >= 5
    for register in visible:
        assert not register["interactive"]
        assert 0 < register["preview"] <= 50, "small registers print whole, larger ones their first rows"
        assert "registers/" in register["text"] and ".csv" in register["text"]


def test_markup_in_a_document_shows_as_text_and_never_runs(tmp_path, browser):
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    result = build(seeds, {}, reports_dir=tmp_path / "reports", tables_dir=tmp_path / "tables")
    page, seen = open_offline(browser, result.html)
    assert page.evaluate("() => window.__pwned") is None
    assert seen["dialogs"] == [] and seen["external"] == []
    text = page.inner_text("main")
    assert '<script>window.__pwned = 1; alert("script ran")</script>' in text
    assert (
        page.evaluate('() => document.querySelectorAll(\'main img[src="x"], main a[href^="javascript:"]\').length') == 0
    )


SECTION_TEXT = """() => {
  const sections = {}; let current = 'Title';
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (element.closest('.chart, script, style, nav')) continue;
    if (element.closest('h2')) { current = element.closest('h2').textContent.replace('¶', '').trim(); continue; }
    sections[current] = (sections[current] || '') + ' ' + node.textContent;
  }
  return sections;
}"""
# Where a number may come from: a quoted sentence and its offsets, a derived figure's formula, a cited reference row,
# a date.
SOURCES_OF_NUMBERS = ("Claims register", "Relations register", "Method and assumptions", "Corroboration", "Timeline")
NUMBER = re.compile(r"(?<![\w:.\-–])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w:.\-–,])\d+(?:\.\d+)?(?![\w:])")


def _numbers(text: str) -> set[str]:
    return {token.replace(",", "") for token in NUMBER.findall(text)}


def test_every_number_shown_is_in_the_claims_register_or_derived_in_the_method(built, browser):
    reports, _ = built
    page, _ = open_offline(browser, reports / "briefing.html")
    sections = page.evaluate(SECTION_TEXT)
    assert set(SOURCES_OF_NUMBERS) <= set(sections)
    allowed = set().union(*(_numbers(sections[name]) for name in SOURCES_OF_NUMBERS))
    for name, text in sections.items():
        if name in SOURCES_OF_NUMBERS:
            continue
        # Small whole numbers are counts of rows, documents and statements that the page itself tallies.
        shown = {n for n in _numbers(text) if "." in n or float(n) >= 100}
        assert shown <= allowed, f"{name}: numbers with no source in the briefing: {sorted(shown - allowed)}"
