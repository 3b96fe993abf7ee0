#!/usr/bin/python3
"""Benchmark of the Torchbook C# kernel with jupyter_client (issue 5 targets):
  * kernel start (process launch) to kernel_info reply: target < 2 s
  * median round trip of a trivial execute_request over N requests: target < 20 ms

Usage: kernel_bench.py [--torchbook PATH] [--kernel-name torchbook-csharp] [--runs 3] [--requests 200]
With --torchbook, the kernelspec is installed from that `torchbook` into a temporary folder first
(nothing in your home changes); otherwise it must already be discoverable by Jupyter.
Prints a table and one JSON line with the figures.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client import KernelManager

TIMEOUT = 60


def start_to_kernel_info(kernel_name):
    km = KernelManager(kernel_name=kernel_name)
    started = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        # kernel_info is resent until the kernel's sockets are up (what wait_for_ready does); the
        # first reply to any of those requests counts.
        sent = set()
        while time.perf_counter() - started < TIMEOUT:
            sent.add(kc.kernel_info())
            try:
                reply = kc.get_shell_msg(timeout=0.25)
            except Exception:
                continue
            if reply["parent_header"].get("msg_id") in sent:
                return time.perf_counter() - started, km, kc
        raise TimeoutError("no kernel_info_reply")
    except BaseException:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise


def round_trips(kc, requests):
    # Drain what the start-up left on iopub, warm the engine with a first cell.
    kc.execute_interactive("1", timeout=TIMEOUT, output_hook=lambda msg: None)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        msg_id = kc.execute("1 + 1", store_history=False)
        while True:
            reply = kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        times.append(time.perf_counter() - started)
        # Consume the cell's iopub traffic up to idle, so it does not pile up.
        while True:
            msg = kc.get_iopub_msg(timeout=TIMEOUT)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"):
                break
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel-name", default="torchbook-csharp")
    parser.add_argument("--runs", type=int, default=3, help="kernel starts to time")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--torchbook", help="path of the torchbook command to install the kernelspec from")
    args = parser.parse_args()

    temp = None
    if args.torchbook:
        temp = tempfile.mkdtemp(prefix="torchbook-kernel-bench-")
        subprocess.run([args.torchbook, "kernel", "install", "--prefix", temp, "--name", args.kernel_name],
                       check=True, stdout=subprocess.DEVNULL, timeout=60)
        os.environ["JUPYTER_PATH"] = os.path.join(temp, "share", "jupyter")
        os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(temp, "runtime")
    try:
        measure(args)
    finally:
        if temp:
            shutil.rmtree(temp, ignore_errors=True)


def measure(args):
    starts = []
    first_results = []
    trips = []
    for run in range(args.runs):
        launched = time.perf_counter()
        seconds, km, kc = start_to_kernel_info(args.kernel_name)
        starts.append(seconds)
        try:
            # kernel_info is answered while the C# session is still being set up; the first cell
            # pays for the rest (Roslyn's first compilation), so report that too.
            kc.execute_interactive("1 + 1", timeout=TIMEOUT, output_hook=lambda msg: None)
            first_results.append(time.perf_counter() - launched)
            if run == 0:
                trips = round_trips(kc, args.requests)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)

    median_ms = statistics.median(trips) * 1000
    p90_ms = sorted(trips)[int(len(trips) * 0.9)] * 1000
    print(f"kernel start -> kernel_info reply: median {statistics.median(starts):.3f} s over {len(starts)} starts "
          f"(min {min(starts):.3f}, max {max(starts):.3f}); target < 2 s")
    print(f"kernel start -> first cell's result: median {statistics.median(first_results):.3f} s "
          f"(min {min(first_results):.3f}, max {max(first_results):.3f})")
    print(f"execute_request round trip ('1 + 1'): median {median_ms:.2f} ms, p90 {p90_ms:.2f} ms over {len(trips)}; target < 20 ms")
    print(json.dumps({"start_to_kernel_info_s": starts, "start_to_first_result_s": first_results, "execute_round_trip_median_ms": median_ms,
                      "execute_round_trip_p90_ms": p90_ms, "requests": len(trips)}))


if __name__ == "__main__":
    sys.exit(main())
