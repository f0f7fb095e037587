"""Fill in deploy/nginx.conf for `make serve` (and the serving test), in a folder nginx's
workers can reach.

nginx started by root runs its workers as another user (`nobody`, the `user` line below). They
must reach gunicorn's socket and nginx's temporary files, so every folder above them must be
one that user may enter. A checkout under /root, or under a temporary folder only its owner
may enter, is not: nginx then answered 502 to every request with nothing saying why. So, run
by root, the run folder is used only where the workers can reach it, and otherwise one under
/run named after the checkout is used instead (said on stderr). Run by anyone else, the
workers are that user and reach the checkout's own `run/`.

Usage: python deploy/nginx_config.py PROJECT_DIR HOST:PORT
prints the run folder; nginx.conf and gunicorn.sock are in it.
"""

from __future__ import annotations

import grp
import hashlib
import os
import pwd
import shutil
import stat
import sys
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf")
WORKER_USER = "nobody"  # the user nginx's own default names for workers started by root


def reachable_by_others(folder: Path) -> bool:
    """Whether a user who is neither the owner nor in the group may enter `folder`: every
    folder from the root down to it must let others search it (the x bit)."""
    folder = folder.resolve()
    for part in [folder, *folder.parents]:
        try:
            mode = part.stat().st_mode
        except FileNotFoundError:
            continue  # made later, by us, with mode 0755
        if not mode & stat.S_IXOTH:
            return False
    return True


def run_folder(project: Path, *, root: bool) -> Path:
    """The checkout's `run/`, unless root's nginx workers could not reach it."""
    own = project.resolve() / "run"
    if not root or reachable_by_others(own):
        return own
    digest = hashlib.sha256(str(project.resolve()).encode()).hexdigest()[:12]
    return Path("/run") / f"policing-timeline-{digest}"


def write_config(run: Path, listen: str, *, root: bool) -> Path:
    """nginx.conf for `listen` with its socket, temporary files and error pages in `run` (made
    0755, so the workers may enter it); its path."""
    run.mkdir(parents=True, exist_ok=True)
    run.chmod(0o755)
    if root:
        group = grp.getgrgid(pwd.getpwnam(WORKER_USER).pw_gid).gr_name  # nogroup on Debian
        user = f"user {WORKER_USER} {group};"
    else:
        user = "# Not started by root: the workers run as its user."
    conf = TEMPLATE.read_text()
    for placeholder, value in {
        "@USER@": user,
        "@RUN@": str(run),
        "@SOCKET@": str(run / "gunicorn.sock"),
        "@LISTEN@": listen,
    }.items():
        conf = conf.replace(placeholder, value)
    path = run / "nginx.conf"
    path.write_text(conf)
    # The pages nginx answers with itself (a body over the limit), beside its configuration.
    shutil.copytree(TEMPLATE.with_name("errors"), run / "errors", dirs_exist_ok=True)
    return path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    project, listen = Path(argv[0]), argv[1]
    root = os.geteuid() == 0
    run = run_folder(project, root=root)
    if run != project.resolve() / "run":
        print(
            f"{project.resolve()} is in a folder that nginx's workers (user {WORKER_USER}) "
            f"may not enter: the socket and nginx's files go in {run} instead.",
            file=sys.stderr,
        )
    write_config(run, listen, root=root)
    print(run)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
