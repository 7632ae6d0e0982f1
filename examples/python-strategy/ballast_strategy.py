"""Ballast strategy protocol v1 (docs/STRATEGY-PROTOCOL.md) for Python: standard library only.

Write a class with ``on_bar(bar) -> signal`` (and optionally ``lookback``), then call
``run(factory)`` where ``factory(hello)`` builds it from the ``hello`` message:

    import ballast_strategy as ballast

    class Mine:
        lookback = 1
        def __init__(self, hello):
            self.params = hello["params"]
        def on_bar(self, bar):
            return ballast.LONG if bar.close > bar.open else ballast.NONE

    ballast.run(Mine)

``on_bar`` returns one of NONE, LONG, SHORT, EXIT, or a pair ``(signal, {"prediction_confidence": 0.7})``
to send named values as well. ``bar`` has ``time`` (ISO-8601 text), ``open``, ``high``, ``low``,
``close`` and ``volume`` (floats).

The loop reads stdin in large chunks and writes answers to a buffer that is flushed only when all
input read so far is answered (just before it would wait for more), so a backtest streams at full
speed while a live run gets each answer at once. At end of input or on ``stop`` it returns, so the
process never outlives Ballast.
"""

import json
import os
import select
import sys

NONE = "none"
LONG = "long"
SHORT = "short"
EXIT = "exit"

_SIGNALS = (NONE, LONG, SHORT, EXIT)
_PLAIN = {name: ('{"type":"signal","signal":"%s"}\n' % name).encode() for name in _SIGNALS}


class Bar:
    """One bar as Ballast sent it."""

    __slots__ = ("time", "open", "high", "low", "close", "volume")

    def __init__(self, message):
        # Ballast writes every price as a float literal (``100.0``), so these are floats already.
        self.time = message["time"]
        self.open = message["open"]
        self.high = message["high"]
        self.low = message["low"]
        self.close = message["close"]
        self.volume = message["volume"]


def _batches(fd):
    """Yields the complete input lines read so far, as lists; yields None when no more input is
    waiting (just before reading would block), so the caller can flush then."""
    pending = b""
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            if pending.strip():
                yield [pending]
            return
        pending += chunk
        lines = pending.split(b"\n")
        pending = lines.pop()
        if lines:
            yield lines
        if not select.select([fd], [], [], 0)[0]:
            yield None


def _messages(lines):
    """The JSON messages of ``lines``: decoded together in one call (a backtest sends thousands at a
    time), one by one only if that fails, so the bad line is the one reported."""
    lines = [line for line in lines if line.strip()]
    try:
        return json.loads(b"[" + b",".join(lines) + b"]")
    except ValueError:
        return [json.loads(line) for line in lines]


def _encode(answer):
    if isinstance(answer, tuple):
        signal, values = answer
        if signal not in _SIGNALS:
            raise ValueError("unknown signal %r" % (signal,))
        return (json.dumps({"type": "signal", "signal": signal, "values": values}, allow_nan=False) + "\n").encode()
    if answer is None:
        return _PLAIN[NONE]
    return _PLAIN[answer]


def run(factory, stdin=None, stdout=None):
    """Speaks the protocol until ``stop`` or end of input. ``factory(hello)`` builds the strategy."""
    fd = (stdin or sys.stdin.buffer).fileno()
    out = stdout or sys.stdout.buffer
    strategy = None
    on_bar = None
    plain = _PLAIN
    buffered = []
    for lines in _batches(fd):
        if lines is None:
            if buffered:
                out.write(b"".join(buffered))
                out.flush()
                buffered = []
            continue
        for message in _messages(lines):
            kind = message.get("type")
            if kind == "bar":
                answer = on_bar(Bar(message))
                buffered.append(plain[answer] if answer.__class__ is str else _encode(answer))
            elif kind == "hello":
                if message.get("protocol") != 1:
                    sys.stderr.write("ballast_strategy: unsupported protocol %r\n" % (message.get("protocol"),))
                    sys.exit(2)
                strategy = factory(message)
                on_bar = strategy.on_bar
                lookback = int(getattr(strategy, "lookback", 0))
                buffered.append(('{"type":"ready","lookback":%d}\n' % lookback).encode())
            elif kind == "stop":
                if buffered:
                    out.write(b"".join(buffered))
                    out.flush()
                return
            # Other message types are ignored: the protocol may grow.
        if len(buffered) >= 4096:
            # A long run of input: answer in batches, so Ballast never waits on a full backlog.
            out.write(b"".join(buffered))
            out.flush()
            buffered = []
    if buffered:
        out.write(b"".join(buffered))
        out.flush()
