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
    residuals: Callable[[list[float]], list[float]], x0: list[float], bounds: list[tuple[float, float]], rounds=30
) -> list[float]:
    """Minimise the sum of squared residuals within ``bounds``: from ``x0``, and when that leaves
    a visible gap (over 1 cm), also from a few nearby starts, keeping the best (a local method)."""
    best = _descend(residuals, x0, bounds, rounds)
    cost = _cost(residuals(best))
    for k in range(len(_NUDGES)):
        if cost < 1.0:
            break
        start = [
            min(max(v + _NUDGES[k] * (i >= 2) * (1 if (i + k) % 2 else -1), lo), hi)
            for i, (v, (lo, hi)) in enumerate(zip(x0, bounds, strict=True))
        ]
        trial = _descend(residuals, start, bounds, rounds)
        if _cost(residuals(trial)) < cost:
            best, cost = trial, _cost(residuals(trial))
    return best


_NUDGES = (20.0, -20.0, 40.0)  # degrees added to the free joints (alternating signs) for a fresh start


def _cost(r: list[float]) -> float:
    return sum(v * v for v in r)


def _descend(residuals, x0, bounds, rounds) -> list[float]:
    """Levenberg–Marquardt from ``x0``, each step clipped to ``bounds``."""
    x, damping = list(x0), 1e-3
    r = residuals(x)
    cost = sum(v * v for v in r)
    for _ in range(rounds):
        jac = _jacobian(residuals, x, r)
        n = len(x)
        jtj = [[sum(jac[k][i] * jac[k][j] for k in range(len(r))) for j in range(n)] for i in range(n)]
        jtr = [sum(jac[k][i] * r[k] for k in range(len(r))) for i in range(n)]
        improved = False
        for _ in range(8):
            a = [[jtj[i][j] + (damping * (1 + jtj[i][i]) if i == j else 0) for j in range(n)] for i in range(n)]
            step = _solve(a, [-v for v in jtr])
            trial = [min(max(x[i] + step[i], bounds[i][0]), bounds[i][1]) for i in range(n)]
            tr = residuals(trial)
            trial_cost = sum(v * v for v in tr)
            if trial_cost < cost:
                x, r, cost, damping, improved = trial, tr, trial_cost, damping / 3, True
                break
            damping *= 4
        if not improved or cost < 1e-6:
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
