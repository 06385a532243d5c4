"""Rendering an executed briefing notebook into one self-contained HTML file and an A4 PDF.

Plotly figures stay in the notebook as their JSON mimetype (small, deterministic, shown natively by JupyterLab).
Here they become HTML with fixed div ids, and plotly.js is inlined once in the page head, so the page makes no
request outside its own file. Chromium prints the PDF after every chart has drawn.
"""

from __future__ import annotations

import json
import queue
import re
import threading
from pathlib import Path

PLOTLY_MIME = "application/vnd.plotly.v1+json"
TEMPLATE_DIR = Path(__file__).parent / "templates"
CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium tries to reach Google's services at start-up; this machine is offline.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
A4_PRINTABLE_WIDTH_PX = 680  # 210 mm less two 16 mm margins, at 96 px per inch
PDF_MARGIN = {"top": "16mm", "bottom": "16mm", "left": "16mm", "right": "16mm"}


class RenderError(RuntimeError):
    """Rendering failed; the message is one line for the user."""


def script_json(value) -> str:
    """JSON that is safe inside a <script> element, whatever text from a document it carries."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _plotly_preprocessor():
    from nbconvert.preprocessors import Preprocessor

    class PlotlyToHTML(Preprocessor):
        """Turn plotly JSON outputs into divs with fixed ids and a call to Plotly.newPlot."""

        def preprocess(self, nb, resources):
            count = 0
            for cell in nb.cells:
                for output in cell.get("outputs", []):
                    data = output.get("data", {})
                    if PLOTLY_MIME not in data:
                        continue
                    count += 1
                    figure = data.pop(PLOTLY_MIME)
                    div_id = f"figure-{count}"
                    config = {
                        "displaylogo": False,
                        "responsive": True,
                        "modeBarButtonsToRemove": ["toImage", "sendDataToCloud"],
                    }
                    data["text/html"] = (
                        f'<div class="chart"><div id="{div_id}" class="plotly-figure"></div>'
                        f'<script>window.briefingCharts.push(Plotly.newPlot("{div_id}", '
                        f"{script_json(figure.get('data', []))}, {script_json(figure.get('layout', {}))}, "
                        f"{script_json(config)}));</script></div>"
                    )
                    data.pop("text/plain", None)
            resources["chart_count"] = count
            return nb, resources

    return PlotlyToHTML


def _contents_preprocessor():
    from nbconvert.filters.strings import add_anchor
    from nbconvert.preprocessors import Preprocessor

    class TableOfContents(Preprocessor):
        """Collect the section headings (##) of markdown cells for the table of contents."""

        def preprocess(self, nb, resources):
            entries = []
            for cell in nb.cells:
                if cell.cell_type != "markdown":
                    continue
                for line in cell.source.splitlines():
                    match = re.match(r"^##\s+(.+?)\s*#*$", line)
                    if match:
                        anchored = add_anchor(f"<h2>{match.group(1)}</h2>")
                        anchor = re.search(r'id="([^"]+)"', anchored)
                        entries.append({"title": match.group(1), "anchor": anchor.group(1) if anchor else ""})
            resources["contents"] = entries
            return nb, resources

    return TableOfContents


def plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def notebook_to_html(executed: Path, out_path: Path, title: str) -> int:
    """Render an executed notebook to self-contained HTML; returns the number of charts."""
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    notebook = nbformat.read(executed, as_version=4)
    exporter = HTMLExporter(
        template_name="briefing",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={"parameters", "injected-parameters", "remove-cell"}, enabled=True),
        enabled=True,
    )
    exporter.register_preprocessor(_plotly_preprocessor(), enabled=True)
    exporter.register_preprocessor(_contents_preprocessor(), enabled=True)
    from .registers import itables_script

    resources = {
        "metadata": {"name": title},
        "plotly_js": plotly_js(),
        "itables_js": itables_script(),
        "briefing_title": title,
    }
    body, resources = exporter.from_notebook_node(notebook, resources=resources)
    out_path.write_text(body, encoding="utf-8")
    return resources.get("chart_count", 0)


class PdfPrinter:
    """Chromium, launched in a thread of its own as soon as a build starts, prints the PDF when the HTML is ready.

    Launching the browser overlaps the notebooks' run, and a dedicated thread keeps playwright's sync API clear of
    any asyncio loop in the caller (papermill, pytest).
    """

    def __init__(self) -> None:
        if not Path(CHROMIUM).exists():
            raise RenderError(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
        self._jobs: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="pdf-printer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                try:
                    while (job := self._jobs.get()) is not None:
                        try:
                            _print(browser, *job)
                            self._results.put(None)
                        except Exception as error:  # reported to the caller's thread
                            self._results.put(error)
                finally:
                    browser.close()
        except Exception as error:  # the browser did not start
            self._results.put(error)
            while self._jobs.get() is not None:
                self._results.put(error)

    def print(self, html_path: Path, pdf_path: Path, creation_date: str) -> None:
        from playwright.sync_api import Error as PlaywrightError

        self._jobs.put((html_path, pdf_path))
        error = self._results.get()
        if isinstance(error, PlaywrightError):
            raise RenderError(f"Chromium could not print the PDF: {str(error).splitlines()[0]}") from None
        if error is not None:
            raise error
        normalise_pdf_dates(pdf_path, creation_date)

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=30)

    def __enter__(self) -> "PdfPrinter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _print(browser, html_path: Path, pdf_path: Path) -> None:
    """Print with the page laid out at the printable width in print media, once every chart has drawn."""
    page = browser.new_page(viewport={"width": A4_PRINTABLE_WIDTH_PX, "height": 1000})
    try:
        page.route(re.compile(r"^(?!file:|data:|blob:|about:).*"), lambda route: route.abort())
        page.emulate_media(media="print")
        page.goto(html_path.resolve().as_uri(), wait_until="load")
        page.wait_for_function("window.briefingReady === true", timeout=60_000)
        page.pdf(
            path=str(pdf_path),
            format="A4",
            print_background=True,
            margin=PDF_MARGIN,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template='<div style="font-size:8px;width:100%;text-align:center;color:#555">'
            '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
        )
    finally:
        page.close()


def normalise_pdf_dates(pdf_path: Path, date: str) -> None:
    """Replace Chromium's creation and modification times with the briefing's as-of date (same byte length)."""
    digits = (date.replace("-", "") + "000000").encode()
    data = pdf_path.read_bytes()
    data = re.sub(rb"/(CreationDate|ModDate) \(D:\d{14}", lambda m: b"/" + m.group(1) + b" (D:" + digits, data)
    pdf_path.write_bytes(data)
