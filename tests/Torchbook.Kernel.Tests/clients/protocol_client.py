#!/usr/bin/python3
"""Drives a kernel that is already running (given its connection file) through protocol scenarios
that need no C#: the test kernel runs a line language ("out X", "display ID X", "spin", "read").
Prints one JSON object with what it observed.
"""
import argparse
import json
import os
import sys
import time

import zmq
from jupyter_client import BlockingKernelClient

from client_common import TIMEOUT, collect, execute, send_raw_execute, shell_reply, stdin_round_trip


def control_request(kc, msg_type, content=None):
    msg = kc.session.msg(msg_type, content or {})
    kc.control_channel.send(msg)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        reply = kc.get_control_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return reply
    raise TimeoutError(msg_type)


def wait_for_file(path):
    deadline = time.monotonic() + TIMEOUT
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the test never created {path}")
        time.sleep(0.01)


def scenario_ordering(kc, info):
    cell = execute(kc, "out one\ndisplay d1 first\nerr two\nupdate d1 second\nresult 42")
    failing = execute(kc, "throw boom")
    after = execute(kc, "result alive")
    return {"cell": cell, "failing": failing, "after": after}


def scenario_bad_signature(kc, info):
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(f"tcp://{info['ip']}:{info['shell_port']}")
    forged = {}
    for label, key in {"wrong_key": b"wrong", "no_signature": None, "right_key": info["key"].encode()}.items():
        reply = send_raw_execute(sock, f"out {label}", key)
        forged[label] = {"replied": reply is not None, "status": reply and reply["status"]}
    sock.close()
    return {"forged": forged, "alive": execute(kc, "result alive")}


def scenario_stdin(kc, info):
    return stdin_round_trip(kc, "read", "Ada", "read")


def scenario_interrupt(kc, info):
    msg_id = kc.execute("spin")
    time.sleep(0.5)
    info_reply = control_request(kc, "kernel_info_request")  # control is served while the cell runs
    interrupt = control_request(kc, "interrupt_request")
    reply = shell_reply(kc, msg_id)
    collect(kc, msg_id)
    after = execute(kc, "result alive")
    shutdown = control_request(kc, "shutdown_request", {"restart": False})
    return {"kernel_info_while_busy": info_reply["content"]["status"], "interrupt": interrupt["content"],
            "reply": reply["content"], "after": after, "shutdown": shutdown["content"]}


def scenario_interrupt_queued(kc, info):
    # The cell is still waiting (the session is starting) when the interrupt arrives.
    # Shell and control are separate sockets with no order between them, so the test tells us
    # (by creating the go file) once the kernel has queued the cell; only then do we interrupt.
    msg_id = kc.execute("out never runs")
    wait_for_file(info["go_file"])
    interrupt = control_request(kc, "interrupt_request")
    reply = shell_reply(kc, msg_id)
    collect(kc, msg_id)
    after = execute(kc, "result alive")
    return {"interrupt": interrupt["content"], "reply": reply["content"], "after": after}


def scenario_abort_queue(kc, info):
    # The failing cell runs a moment, so the second request is surely queued when it fails.
    first = kc.execute("sleep 300\nthrow stop here")
    second = kc.execute("out never")
    replies = [shell_reply(kc, first)["content"], shell_reply(kc, second)["content"]]
    collect(kc, first)
    collect(kc, second)
    return {"replies": replies, "after": execute(kc, "result fine")}


def scenario_comm(kc, info):
    msg = kc.session.msg("comm_open", {"comm_id": "c-1", "target_name": "jupyter.widget", "data": {}})
    kc.shell_channel.send(msg)
    closed = collect(kc, msg["header"]["msg_id"])
    info_reply = shell_reply(kc, kc.comm_info())
    return {"iopub": closed, "comm_info": info_reply["content"]}


SCENARIOS = {name[len("scenario_"):]: fn for name, fn in globals().items() if name.startswith("scenario_")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--connection-file", required=True)
    parser.add_argument("--go-file", help="a file the test creates when the scenario may go on")
    args = parser.parse_args()
    with open(args.connection_file) as f:
        info = json.load(f)
    info["go_file"] = args.go_file
    kc = BlockingKernelClient(connection_file=args.connection_file)
    kc.load_connection_file()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        result = SCENARIOS[args.scenario](kc, info)
    finally:
        kc.stop_channels()
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
