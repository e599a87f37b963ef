"""A small least-squares solver that places the body so its declared supports rest where they should.

Authors only tune angles. The solver moves the whole body (``dx``, ``dy``) and may adjust the
joints a posture lists under ``free`` (each kept inside its normal range) until every support
and the tool contact have no gap, staying as close as it can to the angles written in the
data. Whatever it cannot close is left for checks.py to report: a figure is never silently
"fixed" into something the data does not say. Damped Gauss–Newton with a numerical Jacobian;
a handful of unknowns, so plain Python is fast enough (a few milliseconds per frame).
"""

from __future__ import annotations

from collections.abc import Callable

from .ranges import limits

_STEP = 1e-3  # finite-difference step (cm or degrees)


def least_squares(
    residuals: Callable[[list[float]], list[float]],
    x0: list[float],
    bounds: list[tuple[float, float]],
    physical: int,
    rounds: int = 20,
) -> list[float]:
    """Minimise the sum of squared residuals within ``bounds``, from ``x0``.

    The first ``physical`` residuals are gaps in cm; when one is still over 1 cm, a few nearby
    starts are tried as well and the best kept (Levenberg–Marquardt is a local method)."""
    best = _descend(residuals, x0, bounds, rounds)
    r = residuals(best)
    cost = _cost(r)
    for k, nudge in enumerate(_NUDGES):
        if max((abs(v) for v in r[:physical]), default=0.0) <= 1.0:
            break
        start = [
            min(max(v + (nudge if i >= 2 else 0.0) * (1 if (i * (k + 1) + k) % 3 else -1), lo), hi)
            for i, (v, (lo, hi)) in enumerate(zip(x0, bounds, strict=True))
        ]
        trial = _descend(residuals, start, bounds, rounds)
        tr = residuals(trial)
        if _cost(tr) < cost:
            best, r, cost = trial, tr, _cost(tr)
    return best


_NUDGES = (20.0, -25.0, 35.0, -12.0, 50.0)  # degrees added to the free joints (alternating signs) for fresh starts


def _cost(r: list[float]) -> float:
    return sum(v * v for v in r)


def _descend(residuals, x0, bounds, rounds) -> list[float]:
    """Levenberg–Marquardt from ``x0``, each step clipped to ``bounds``."""
    x, damping = list(x0), 1e-3
    r = residuals(x)
    cost = _cost(r)
    n = len(x)
    for _ in range(rounds):
        jac = _jacobian(residuals, x, r)
        jtj = [[sum(row[i] * row[j] for row in jac) for j in range(n)] for i in range(n)]
        jtr = [sum(row[i] * v for row, v in zip(jac, r, strict=True)) for i in range(n)]
        before = cost
        for _ in range(6):
            a = [[jtj[i][j] + (damping * (1 + jtj[i][i]) if i == j else 0) for j in range(n)] for i in range(n)]
            step = _solve(a, [-v for v in jtr])
            trial = [min(max(x[i] + step[i], bounds[i][0]), bounds[i][1]) for i in range(n)]
            tr = residuals(trial)
            if _cost(tr) < cost:
                x, r, cost, damping = trial, tr, _cost(tr), damping / 3
                break
            damping *= 4
        if before - cost < 1e-3 * (1 + before):  # no real progress: done
            break
    return x


def joint_bounds(view: str, names: list[str]) -> list[tuple[float, float]]:
    """Each free joint stays within its normal range; the whole body may tilt any way."""
    return [(-180.0, 180.0) if n == "body" else limits(view, n) for n in names]


def _jacobian(residuals, x, r):
    cols = []
    for i in range(len(x)):
        xp = list(x)
        xp[i] += _STEP
        rp = residuals(xp)
        cols.append([(a - b) / _STEP for a, b in zip(rp, r, strict=True)])
    return [[cols[i][k] for i in range(len(x))] for k in range(len(r))]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting on a small dense system."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda k: abs(m[k][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for k in range(col + 1, n):
            f = m[k][col] / m[col][col]
            m[k] = [vk - f * vc for vk, vc in zip(m[k], m[col], strict=True)]
    out = [0.0] * n
    for i in reversed(range(n)):
        s = m[i][n] - sum(m[i][j] * out[j] for j in range(i + 1, n))
        out[i] = s / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0
    return out
