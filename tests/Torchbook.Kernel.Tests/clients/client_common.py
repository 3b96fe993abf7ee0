"""Helpers shared by the client scripts: bounded waits for replies and iopub traffic."""
import queue
import time

TIMEOUT = 30


def collect(kc, msg_id, timeout=TIMEOUT):
    """iopub messages whose parent is msg_id, up to and including status idle."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.05, deadline - time.monotonic()))
        except queue.Empty:
            break
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        seen.append({"msg_type": msg["msg_type"], "content": msg["content"]})
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return seen
    raise TimeoutError(f"no idle for {msg_id} within {timeout}s; saw {[m['msg_type'] for m in seen]}")


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reply = kc.get_shell_msg(timeout=max(0.05, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply
    raise TimeoutError(f"no shell reply to {msg_id}")


def execute(kc, code, **kwargs):
    msg_id = kc.execute(code, **kwargs)
    reply = shell_reply(kc, msg_id)
    return {"reply": reply["content"], "iopub": collect(kc, msg_id)}
