"""The eval: labelled reports, scoring, run files, readable reports, comparison and the gate.

    cases = load_set(default_eval_dir() / "real")
    run = run_eval(cases, get_engine("layout"))
    save_run(run, "eval/runs"); print(to_markdown(run))

Generated reports: `generate` writes the re-rendered real reports and the failure families
(`FAMILIES`), whose gold ambiguity comes from `oracle` (brute-force enumeration, no engine).

Layering: this package sits on top (it uses engines, the pipeline and the rules); nothing
below imports it.
"""

from .add import add_report, gold_from_values
from .compare import GateResult, compare, gate
from .families import FAMILIES, FAMILY_NAMES, write_families
from .gold import GoldCase, check_gold, default_eval_dir, identity_violations, load_gold, load_set, same
from .metrics import score, summarize, wrong_cells
from .report import compare_markdown, to_html, to_markdown
from .run import code_version, load_run, make_run, run_eval, save_run
from .variants import RECIPES, ensure_variants, generate

__all__ = [
    "FAMILIES", "FAMILY_NAMES", "GateResult", "GoldCase", "RECIPES", "add_report", "check_gold", "code_version", "compare",
    "compare_markdown", "default_eval_dir", "ensure_variants", "gate", "generate", "gold_from_values",
    "identity_violations", "load_gold", "load_run", "load_set", "make_run", "run_eval", "same",
    "save_run", "score", "summarize", "to_html", "to_markdown", "write_families", "wrong_cells",
]
