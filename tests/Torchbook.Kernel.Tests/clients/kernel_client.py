#!/usr/bin/python3
"""Drives the Torchbook C# kernel with jupyter_client, one scenario per run.

Usage: kernel_client.py SCENARIO... --kernel-name NAME
Runs the scenarios in order in one kernel session. The kernelspec NAME must be discoverable through
JUPYTER_PATH. Prints one JSON object on the last line of stdout, {scenario: what it observed};
exits 0 when the scenarios could run at all. The C#
tests assert on that JSON, so this script reports facts rather than judging them.
"""
import argparse
import json
import signal
import sys
import time

from jupyter_client.manager import start_new_kernel

from client_common import TIMEOUT, collect, execute, send_raw_execute, shell_reply, stdin_round_trip

def scenario_execute(kc, km):
    first = execute(kc, 'Console.WriteLine("hello from C#");\n'
                        'var handle = display("first display");\n'
                        'Console.Error.WriteLine("to stderr");\n'
                        'handle.Update("updated display");\n'
                        '6 * 7')
    second = execute(kc, "throw new InvalidOperationException(\"boom\");")
    third = execute(kc, "int x = ;")
    fourth = execute(kc, "\"still alive\"")
    silent = execute(kc, 'Console.WriteLine("quiet")', silent=True)
    nohist = execute(kc, "1", store_history=False, user_expressions={"answer": "6 * 7", "broken": "nope +"})
    after = execute(kc, "2")
    history = kc.history(hist_access_type="tail", n=10, reply=True, timeout=TIMEOUT)["content"]
    search = kc.history(hist_access_type="search", pattern="*still*", reply=True, timeout=TIMEOUT)["content"]
    return {"cells": [first, second, third, fourth, silent, nohist, after],
            "history": history, "search": search}


def scenario_language(kc, km):
    execute(kc, "var learningRate = 0.01;\nstring greeting = \"hi\";")
    complete_var = kc.complete("learn", 5, reply=True, timeout=TIMEOUT)["content"]
    code = "greeting.Len"
    complete_member = kc.complete(code, len(code), reply=True, timeout=TIMEOUT)["content"]
    code = "Math.Sq"
    complete_static = kc.complete(code, len(code), reply=True, timeout=TIMEOUT)["content"]
    code = "Console.WriteLine"
    inspect = kc.inspect(code, len(code), reply=True, timeout=TIMEOUT)["content"]
    inspect_var = kc.inspect("learningRate", 3, reply=True, timeout=TIMEOUT)["content"]
    checks = {}
    for name, code in {"open_brace": "for (int i = 0; i < 3; i++) {",
                       "open_paren": "Console.WriteLine(1,",
                       "open_string": "var s = \"abc",
                       "complete": "var y = 1;",
                       "expression": "y + 1"}.items():
        checks[name] = shell_reply(kc, kc.is_complete(code))["content"]
    comm = shell_reply(kc, kc.comm_info())["content"]
    info = kc.kernel_info(reply=True, timeout=TIMEOUT)["content"]
    return {"complete_var": complete_var, "complete_member": complete_member,
            "complete_static": complete_static, "inspect": inspect, "inspect_var": inspect_var,
            "is_complete": checks, "comm_info": comm, "kernel_info": info}


def scenario_interrupt(kc, km):
    # interrupt_mode "message": interrupt_request on the control channel.
    msg_id = kc.execute("var spins = 0L;\nwhile (true) { spins++; }")
    time.sleep(1.5)
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id)
    iopub = collect(kc, msg_id)
    after = execute(kc, "\"alive\"")
    # The SIGINT path, as a terminal's Ctrl+C or a front end that signals would do.
    msg_id = kc.execute("while (true) { }")
    time.sleep(1.5)
    km.signal_kernel(signal.SIGINT)
    signal_reply = shell_reply(kc, msg_id)
    collect(kc, msg_id)
    after_signal = execute(kc, "\"still alive\"")
    return {"reply": reply["content"], "iopub": iopub, "after": after, "signal_reply": signal_reply["content"],
            "after_signal": after_signal, "alive": km.is_alive()}


def scenario_restart(kc, km):
    before = execute(kc, "var remembered = 41;")
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    after = execute(kc, "remembered + 1")
    fresh = execute(kc, "\"fresh\"")
    return {"before": before, "after": after, "fresh": fresh, "alive": km.is_alive()}


def scenario_bad_signature(kc, km):
    """Sends execute_requests signed with a wrong key, and unsigned, straight to the shell socket."""
    import zmq
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(f"{km.transport}://{km.ip}:{km.shell_port}")
    results = {}
    for label, key in {"wrong_key": b"not-the-key", "no_signature": None}.items():
        reply = send_raw_execute(sock, f'var forged_{label} = 1; Console.WriteLine("FORGED RAN");', key)
        results[label] = {"got_reply": reply is not None}
    sock.close()
    probe = execute(kc, "forged_wrong_key")
    probe2 = execute(kc, "forged_no_signature")
    alive = execute(kc, "\"alive\"")
    return {"forged": results, "probe": probe, "probe2": probe2, "alive": alive}


def scenario_stdin(kc, km):
    return stdin_round_trip(kc, 'Console.Write("name? ");\nvar name = Console.ReadLine();\nConsole.WriteLine($"hello {name}");',
                            "Ada", "Console.ReadLine()")


SCENARIOS = {name[len("scenario_"):]: fn for name, fn in globals().items() if name.startswith("scenario_")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenarios", nargs="+", choices=sorted(SCENARIOS),
                        help="scenarios to run in order, in one kernel session")
    parser.add_argument("--kernel-name", required=True)
    parser.add_argument("--cwd", default=None)
    args = parser.parse_args()
    km, kc = start_new_kernel(kernel_name=args.kernel_name, startup_timeout=TIMEOUT, cwd=args.cwd)
    results = {}
    try:
        for scenario in args.scenarios:
            results[scenario] = SCENARIOS[scenario](kc, km)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        if km.is_alive():
            km.shutdown_kernel(now=True)
    print(json.dumps(results))


if __name__ == "__main__":
    sys.exit(main())
