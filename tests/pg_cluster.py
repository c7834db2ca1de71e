"""A throwaway PostgreSQL cluster for the tests: a temp folder, a free port on 127.0.0.1,
password (scram) logins only. Standard library only, so `.ci/run` can use it before the venv:

    python3 tests/pg_cluster.py start DIR   # prints the admin URL
    python3 tests/pg_cluster.py stop DIR

tests/conftest.py starts one the same way when SHINY_TEST_PG_URL is not set.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ADMIN = "shiny_admin"
HOW_TO_GET_IT = (
    "the tests need PostgreSQL (15 or newer): install Debian's 'postgresql' package "
    "(apt-get install postgresql), or set SHINY_TEST_PG_URL to a superuser's URL of a server "
    "the tests may create databases and roles on"
)


def find_bin(name: str) -> Path | None:
    """``pg_ctl``, ``initdb``...: on PATH, else the newest under /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return Path(found)
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return Path(candidates[-1]) if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(args: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _make_certificates(base: Path) -> bool:
    """A CA and a server certificate for 127.0.0.1 (as IT would provide), when openssl is
    here: the tests then connect as the app does by default, sslmode=verify-full."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return False
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    (base / "leaf.ext").write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    steps = [
        ["req", "-x509", *key, "-days", "3", "-subj", "/CN=Shiny Review test CA",
         "-keyout", "ca.key", "-out", "ca.crt"],
        ["req", *key, "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr"],
        ["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
         "-CAcreateserial", "-days", "3", "-out", "server.crt", "-extfile", "leaf.ext"],
    ]  # fmt: skip
    for step in steps:
        done = subprocess.run([openssl, *step], cwd=base, capture_output=True, check=False)
        if done.returncode != 0:
            return False
    (base / "server.key").chmod(0o600)
    if os.geteuid() == 0:
        shutil.chown(base / "server.key", "postgres", "postgres")
        shutil.chown(base / "server.crt", "postgres", "postgres")
    return True


def start(base: Path) -> str:
    """Make and start a cluster under ``base``; return its superuser's URL."""
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise RuntimeError(HOW_TO_GET_IT)
    base.mkdir(parents=True, exist_ok=True)
    password = secrets.token_hex(12)
    pwfile = base / "pw"
    pwfile.write_text(password + "\n")
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
        base.chmod(0o755)
    data = base / "data"
    subprocess.run(
        _as_owner([str(initdb), "-D", str(data), "-U", ADMIN, f"--pwfile={pwfile}",
                   "-A", "scram-sha-256", "-E", "UTF8", "--locale=C"]),
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    pwfile.unlink()
    port = _free_port()
    options = (
        f"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={base} "
        "-c fsync=off -c full_page_writes=off -c max_connections=300"
    )
    tls = _make_certificates(base)
    if tls:
        options += (
            f" -c ssl=on -c ssl_cert_file={base}/server.crt -c ssl_key_file={base}/server.key"
        )
    subprocess.run(
        _as_owner([str(pg_ctl), "-D", str(data), "-l", str(base / "log"), "-o", options,
                   "-w", "-t", "60", "start"]),
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    (base / "port").write_text(str(port))
    query = f"sslmode=verify-full&sslrootcert={base}/ca.crt" if tls else "sslmode=disable"
    return f"postgresql://{ADMIN}:{password}@127.0.0.1:{port}/postgres?{query}"


def stop(base: Path) -> None:
    pg_ctl = find_bin("pg_ctl")
    if pg_ctl is not None and (base / "data" / "postmaster.pid").exists():
        subprocess.run(
            _as_owner([str(pg_ctl), "-D", str(base / "data"), "-m", "immediate", "-w", "stop"]),
            check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    command, folder = sys.argv[1], Path(sys.argv[2])
    if command == "start":
        print(start(folder))
    else:
        stop(folder)
