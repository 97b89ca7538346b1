#!/usr/bin/env python3
"""Runs a command and prints its wall time and the peak of the summed resident memory of the
command and all its descendants (sampled every 20 ms from /proc), as
`treepeak: S s, M MB (parts) RSS, P MB PSS` on stderr. Used by benches/routes.sh and
benches/throughput.sh, because GNU time reports only the largest single process, not a parent and
its renderer processes together. RSS counts the pages the processes share (vzysk's code, mapped by
each of them) once per process; PSS divides them among their users, so its sum is what the run
really holds. Usage: treepeak.py CMD [ARGS...]"""
import os
import subprocess
import sys
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


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
    parts, pids, stack = [], [], [root]
    while stack:
        pid = stack.pop()
        parts.append(rss.get(pid, 0))
        pids.append(pid)
        stack.extend(children.get(pid, []))
    return sum(parts), parts, pids


start = time.monotonic()
proc = subprocess.Popen(sys.argv[1:])
peak, at_peak, peak_pss = 0, [], 0
while proc.poll() is None:
    total, parts, pids = tree_rss(proc.pid)
    if total > peak:
        peak, at_peak = total, parts
    if total > 0.8 * peak:  # PSS is dearer to read: only near the peak
        peak_pss = max(peak_pss, sum(pss(p) for p in pids))
    time.sleep(0.02)
wall = time.monotonic() - start
split = " + ".join(f"{p / 1e6:.0f}" for p in at_peak)
print(f"treepeak: {wall:.1f} s, {peak / 1e6:.0f} MB ({split}) RSS, {peak_pss / 1e6:.0f} MB PSS", file=sys.stderr)
sys.exit(proc.returncode)
