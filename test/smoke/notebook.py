#!/usr/bin/python3
"""Runs examples/notebook.ipynb in a real Deno Jupyter kernel, headless (nbclient), and prints one JSON line: per
cell, the MIME types of its outputs and any error. Called by test/smoke/notebook.mjs."""
import json
import sys

import nbformat
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
# outputs can arrive after a cell's execute_reply on a busy machine: wait for them (nbclient's default is 4 s, after
# which they are dropped silently), and fail loudly rather than report an empty cell
client = NotebookClient(
    notebook,
    timeout=300,
    iopub_timeout=120,
    raise_on_iopub_timeout=True,
    kernel_name="deno",
    resources={"metadata": {"path": "examples"}},
)
error = None
try:
    client.execute()
except Exception as exc:  # a failing cell: report it, with what ran
    error = str(exc)[-2000:]
cells = []
for cell in notebook.cells:
    types = []
    for output in cell.get("outputs", []):
        if output.get("output_type") in ("execute_result", "display_data"):
            types.extend(sorted(output.get("data", {}).keys()))
        elif output.get("output_type") == "error":
            types.append("error: " + output.get("ename", "") + ": " + output.get("evalue", ""))
    cells.append(types)
print(json.dumps({"error": error, "cells": cells}))
