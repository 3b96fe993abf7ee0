"""Helpers shared by the client scripts: bounded waits for replies and iopub traffic, stdin
round trips and hand-made (raw, possibly forged) shell messages."""
import hashlib
import hmac
import json
import queue
import time
import uuid

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


def stdin_round_trip(kc, code, answer, denied_code):
    """Runs code that reads a line with allow_stdin, answers it, then runs denied_code without stdin."""
    msg_id = kc.execute(code, allow_stdin=True)
    request = kc.get_stdin_msg(timeout=TIMEOUT)
    kc.input(answer)
    reply = shell_reply(kc, msg_id)
    iopub = collect(kc, msg_id)
    denied = execute(kc, denied_code, allow_stdin=False)
    return {"input_request": {"msg_type": request["msg_type"], "content": request["content"],
                              "parent_ok": request["parent_header"].get("msg_id") == msg_id},
            "reply": reply["content"], "iopub": iopub, "denied": denied}


def send_raw_execute(sock, code, key):
    """Sends an execute_request as raw frames on a DEALER socket, signed with key (None: unsigned).
    Returns the reply's content, or None when nothing came back within 1.5 s."""
    header = {"msg_id": uuid.uuid4().hex, "session": uuid.uuid4().hex, "username": "raw",
              "date": "2026-01-01T00:00:00.000000Z", "msg_type": "execute_request", "version": "5.3"}
    content = {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False}
    parts = [json.dumps(p).encode() for p in (header, {}, {}, content)]
    signature = b"" if key is None else hmac.new(key, b"".join(parts), hashlib.sha256).hexdigest().encode()
    sock.send_multipart([b"<IDS|MSG>", signature] + parts)
    if sock.poll(1500) == 0:
        return None
    frames = sock.recv_multipart()
    return json.loads(frames[frames.index(b"<IDS|MSG>") + 5])
