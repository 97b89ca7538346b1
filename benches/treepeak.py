#!/usr/bin/env python3
"""Runs a command and prints its wall time and the peak of the summed resident memory of the
command and all its descendants (sampled every 20 ms from /proc), as
`treepeak: S s, M MB` on stderr. Used by benches/routes.sh and benches/throughput.sh, because
GNU time reports only the largest single process, not a parent and its renderer processes together.
Usage: treepeak.py CMD [ARGS...]"""
import os
import subprocess
import sys
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root):
    children, rss = {}, {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(name), int(fields[1])
        rss[pid] = int(fields[21]) * PAGE
        children.setdefault(ppid, []).append(pid)
    parts, stack = [], [root]
    while stack:
        pid = stack.pop()
        parts.append(rss.get(pid, 0))
        stack.extend(children.get(pid, []))
    return sum(parts), parts


start = time.monotonic()
proc = subprocess.Popen(sys.argv[1:])
peak, at_peak = 0, []
while proc.poll() is None:
    total, parts = tree_rss(proc.pid)
    if total > peak:
        peak, at_peak = total, parts
    time.sleep(0.02)
wall = time.monotonic() - start
split = " + ".join(f"{p / 1e6:.0f}" for p in at_peak)
print(f"treepeak: {wall:.1f} s, {peak / 1e6:.0f} MB ({split})", file=sys.stderr)
sys.exit(proc.returncode)
