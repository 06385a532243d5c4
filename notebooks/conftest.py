"""How nbval compares these notebooks: every output's text, never plotly's JSON.

Each chart is shown with its data as text beside plotly's JSON (briefing.presentation.notebook.chart_text), and nbval compares
that text; the JSON spells out plotly's template and serialisation, which an upgrade may change while the chart
shows the same thing, so nbval skips it here (the stored notebooks do not keep it: briefing.presentation.notebook.for_storage).
"""

from briefing.presentation.notebook import PLOTLY_MIME


def pytest_collection_modifyitems(items):
    for item in items:
        notebook = getattr(item, "parent", None)
        # nbval's notebook collector lists the output keys and mimetypes it does not compare in `skip_compare`
        if isinstance(getattr(notebook, "skip_compare", None), tuple) and PLOTLY_MIME not in notebook.skip_compare:
            notebook.skip_compare = (*notebook.skip_compare, PLOTLY_MIME)
