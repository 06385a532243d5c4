"""Build: the pipeline that extracts, runs the notebooks and renders the report, and its benchmark."""
