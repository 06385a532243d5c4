"""Errors meant for users: their message is one line that names the file or parameter at fault.

`python -m briefing` prints it as `briefing: error: MESSAGE`; IPython (JupyterLab, and papermill's executed copies)
shows the same line instead of a traceback through the package, by IPython's `_render_traceback_` protocol.
"""

from __future__ import annotations

import os


class UserError(Exception):
    """A problem in the input or the parameters, explained in one line."""

    def _render_traceback_(self) -> list[str]:
        """What IPython shows for it; VERBOSE=1 in the kernel's environment shows the traceback, as on the command
        line."""
        if os.environ.get("VERBOSE") not in (None, "", "0"):
            import traceback

            return traceback.format_exception(self)
        return [f"briefing: error: {self}"]
