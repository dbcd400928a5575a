"""Named points where a test may kill the process, to prove a task survives a dead worker.

``HERALD_FAULT_POINTS=mail-before-send`` (a comma-separated list) in a process's environment
makes it kill itself with SIGKILL when it reaches that point, as an out-of-memory kill or a lost
machine would; unset (always, outside the kill tests) a point does nothing.
"""

import os
import signal


def fault_point(name: str) -> None:
    points = os.environ.get("HERALD_FAULT_POINTS")
    if points and name in points.split(","):
        os.kill(os.getpid(), signal.SIGKILL)
