"""Reads wrk --latency output on stdin; prints "req/s p50_ms p99_ms non2xx [socket_errors]" for run.sh."""
import re
import sys

text = sys.stdin.read()


def ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(re.search(r"\s50%\s+(\S+)", text).group(1))
p99 = ms(re.search(r"\s99%\s+(\S+)", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:(.*)", text)
fields = [f"{rps:.0f}", f"{p50:.2f}", f"{p99:.2f}", bad.group(1) if bad else "0"]
if errors:
    fields.append("socket-errors:" + re.sub(r"[\s,]+", "_", errors.group(1).strip()))
print(" ".join(fields))
