"""The SMA cross of Ballast's built-in ``sma_cross``, as a process strategy.

Parameters (``params`` in the portfolio file): ``fast`` (10), ``slow`` (30), ``allow_short`` (false).
The averages add exactly as Ballast's RunningSMA does (a running sum re-summed from scratch every
``period`` values), so the signals equal the built-in's bit for bit.
"""

import math

import ballast_strategy as ballast


class RunningSMA:
    def __init__(self, period):
        self.period = period
        self.window = [0.0] * period
        self.oldest = 0
        self.count = 0
        self.phase = 0
        self.sum = 0.0

    def next(self, value):
        period = self.period
        index = self.count
        self.count += 1
        if index < period:
            self.window[index] = value
            self.sum += value
            if index == period - 1:
                self.phase = period - 1
                return self.sum / period
            return math.nan
        outgoing = self.window[self.oldest]
        self.window[self.oldest] = value
        self.oldest = 0 if self.oldest + 1 == period else self.oldest + 1
        self.phase = 0 if self.phase + 1 == period else self.phase + 1
        if self.phase == 0:
            total = 0.0
            slot = self.oldest
            for _ in range(period):
                total += self.window[slot]
                slot = 0 if slot + 1 == period else slot + 1
            self.sum = total
        else:
            self.sum += value - outgoing
        return self.sum / period


class SMACross:
    def __init__(self, hello):
        params = hello.get("params", {})
        self.fast = RunningSMA(int(params.get("fast", 10)))
        self.slow = RunningSMA(int(params.get("slow", 30)))
        self.allow_short = bool(params.get("allow_short", False))
        self.lookback = self.slow.period
        self.previous = (math.nan, math.nan)

    def on_bar(self, bar):
        fast = self.fast.next(bar.close)
        slow = self.slow.next(bar.close)
        previous_fast, previous_slow = self.previous
        self.previous = (fast, slow)
        # Comparisons with NaN are false, as in Ballast: nothing crosses during warm-up.
        if fast > slow and previous_fast <= previous_slow:
            return ballast.LONG
        if fast < slow and previous_fast >= previous_slow:
            return ballast.SHORT if self.allow_short else ballast.EXIT
        return ballast.NONE


if __name__ == "__main__":
    ballast.run(SMACross)
