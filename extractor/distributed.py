"""The same batch on a Ray cluster: `xxgk extract --ray [ADDRESS]`, or from Python

    from extractor.distributed import run_batch_on_ray
    stats = run_batch_on_ray(["archive/"], "auto", store, sink=JsonlSink.open("out.jsonl"),
                             address="auto", model="qwen2.5-7b", base_url="http://gpu:8080/v1")

Each document is one Ray task running `extractor.remote.read_document` (load + engine + rules,
the engine built once per worker process from its name and options); the driver keeps
everything else of `batch.run_batch` (input order, skipping what the store already has before
anything is shipped, store writes, the JSON lines, stopping on model failures). A task whose
worker process or node dies is retried `max_retries` times by Ray; after that the document gets
a `failed` line naming the Ray error, and the batch goes on. Ray is an optional extra
(`pip install 'xxgk-extractor[ray]'`); without it `MissingExtraError` says how to install it.
How to run a cluster and what it costs: docs/scale.md.
"""

from __future__ import annotations

from concurrent.futures import Future
from threading import Lock
from typing import Any, Iterable

from .batch import BatchStats, run_batch
from .errors import MissingExtraError
from .remote import EngineSpec
from .store import Store

#: times Ray runs a task again after its worker process or node died, before the document fails
MAX_RETRIES = 3


def import_ray() -> Any:
    """The `ray` module, or `MissingExtraError` naming the extra to install."""
    try:
        import ray
    except ImportError as exc:
        raise MissingExtraError("running on a Ray cluster (--ray)", "ray", str(exc)) from exc
    return ray


class RayExecutor:
    """`submit(fn, *args) -> Future` over Ray tasks, for `run_batch(executor=…)`.

    `address`: None starts (or joins, when RAY_ADDRESS is set) a cluster as `ray.init()` does;
    "auto" joins the cluster started with `ray start` on this node; "HOST:6379" or
    "ray://HOST:10001" a remote one. A Ray this object started is shut down with it; one that
    was already initialised (a test's fixture, a notebook) is left running."""

    def __init__(self, address: str | None = None, *, max_retries: int = MAX_RETRIES, **init: Any) -> None:
        self.ray = import_ray()
        self.max_retries = max_retries
        self.owns = not self.ray.is_initialized()
        if self.owns:
            self.ray.init(address=address or None, **init)
        self._remote: dict[Any, Any] = {}
        self._refs: set[Any] = set()  # tasks not finished yet (what shutdown may cancel)
        self._lock = Lock()

    @property
    def cpus(self) -> int:
        """CPUs of the whole cluster (how many documents can be read at once)."""
        return int(self.ray.cluster_resources().get("CPU", 1))

    def share(self, obj: Any) -> Any:
        """Put a value shipped with many tasks (the priors snapshot) in the object store once."""
        return self.ray.put(obj)

    def submit(self, fn: Any, *args: Any) -> Future:
        remote = self._remote.get(fn)
        if remote is None:
            remote = self._remote[fn] = self.ray.remote(fn).options(max_retries=self.max_retries, num_cpus=1)
        ref = remote.remote(*args)
        with self._lock:
            self._refs.add(ref)
        future = ref.future()
        future.add_done_callback(lambda _f: self._forget(ref))
        return future

    def _forget(self, ref: Any) -> None:
        with self._lock:
            self._refs.discard(ref)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Cancel tasks still queued or running when asked; shut Ray down if it was ours."""
        with self._lock:
            pending, self._refs = list(self._refs), set()
        if cancel_futures:
            for ref in pending:
                try:
                    self.ray.cancel(ref, force=False)
                except Exception:  # already finished or gone: nothing to cancel
                    pass
        if self.owns and self.ray.is_initialized():
            self.ray.shutdown()
            self.owns = False


def run_batch_on_ray(
    inputs: Iterable[str],
    engine: str,
    store: Store | None,
    *,
    options: dict[str, Any] | None = None,
    address: str | None = None,
    max_retries: int = MAX_RETRIES,
    concurrency: int | None = None,
    executor: RayExecutor | None = None,
    **batch: Any,
) -> BatchStats:
    """`batch.run_batch` with every document read as a Ray task; `engine` is an engine name
    (or a "module:attr" factory) built with `options` (model, base_url, …) in each worker, and
    `batch` takes run_batch's other keywords (sink, force, rate, label, progress, …). Documents in flight: `concurrency`, at least the cluster's CPUs.
    Raises `MissingExtraError` without Ray, the engine's own errors for bad options (built on
    the driver first, so a mistake is reported once, not once per document)."""
    spec = EngineSpec.of(engine, **(options or {}))
    driver_engine = spec.build()
    ex = executor or RayExecutor(address, max_retries=max_retries)
    try:
        return run_batch(inputs, driver_engine, store, executor=ex, spec=spec,
                         concurrency=max(concurrency or 1, ex.cpus), **batch)
    finally:
        ex.shutdown(wait=True)


__all__ = ["MAX_RETRIES", "RayExecutor", "import_ray", "run_batch_on_ray"]
