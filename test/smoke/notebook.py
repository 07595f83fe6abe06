#!/usr/bin/python3
"""Runs examples/notebook.ipynb in a real Deno Jupyter kernel, headless, and prints one JSON line: per cell, the
MIME types of its outputs and any error. Called by test/smoke/notebook.mjs.

Outputs are matched to their cell by the id of the request they answer, as JupyterLab does, not by their place in
the message stream: on a busy machine the Deno kernel (2.9.5) now and then publishes a cell's "idle" status before
its result, and a runner that stops reading a cell at "idle" (nbclient does) reports that cell empty and drops the
result. Here a late result is kept with its own cell, and after the last cell a no-op request and a quiet
second collect any still in flight."""
import json
import os
import queue
import sys

import nbformat
from jupyter_client.manager import start_new_kernel

TIMEOUT = 300  # seconds a cell may take, and the wait for each of its messages

notebook = nbformat.read(sys.argv[1], as_version=4)
manager, client = start_new_kernel(kernel_name="deno", cwd=os.path.dirname(os.path.abspath(sys.argv[1])))
outputs = {}  # request id -> MIME types (and errors) of its outputs, in arrival order


def collect(message):
    """Files one iopub message under its request; True when it is that request's "idle"."""
    request = message["parent_header"].get("msg_id")
    kind, content = message["msg_type"], message["content"]
    if kind in ("execute_result", "display_data"):
        outputs.setdefault(request, []).extend(sorted(content.get("data", {}).keys()))
    elif kind == "error":
        outputs.setdefault(request, []).append("error: " + content.get("ename", "") + ": " + content.get("evalue", ""))
    return kind == "status" and content.get("execution_state") == "idle"


def run(source):
    """Executes one cell: its request id and the kernel's reply, once the kernel is idle for it."""
    request = client.execute(source)
    while True:
        message = client.get_iopub_msg(timeout=TIMEOUT)
        if collect(message) and message["parent_header"].get("msg_id") == request:
            break
    while True:
        reply = client.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == request:
            return request, reply["content"]


error = None
requests = []
try:
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        request, reply = run(cell.source)
        requests.append(request)
        if reply.get("status") != "ok":
            error = f"cell {len(requests)}: {reply.get('ename', '')}: {reply.get('evalue', '')}"
            break
    run("")  # a no-op round trip, then a quiet second: results published after their cell's "idle" arrive here
    while True:
        collect(client.get_iopub_msg(timeout=1))
except queue.Empty:
    if len(requests) < sum(1 for cell in notebook.cells if cell.cell_type == "code") and error is None:
        error = f"cell {len(requests) + 1}: no answer from the kernel within {TIMEOUT} s"
finally:
    client.stop_channels()
    manager.shutdown_kernel(now=True)
cells = [outputs.get(request, []) for request in requests]
print(json.dumps({"error": error, "cells": cells}))
sys.stdout.flush()
# skip the interpreter's teardown: jupyter_client's finalizers log after logging is gone and print a traceback
os._exit(0)
