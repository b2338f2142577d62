"""Reservation wage of the McCall search model with offer arrival, separation and CRRA utility."""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from offer_eval.core.errors import InvalidValueError

__all__ = ["reservation_wage"]

FloatArray = npt.NDArray[np.float64]

_PROBABILITY_SUM_TOLERANCE: Final = 1e-9
_EXTRA_ITERATIONS: Final = 8


def reservation_wage(
    wages: npt.ArrayLike,
    probabilities: npt.ArrayLike,
    *,
    income_while_searching: float,
    discount: float,
    offer_probability: float = 1.0,
    separation_rate: float = 0.0,
    risk_aversion: float = 0.0,
) -> float:
    """The continuous wage w* at which a job is worth exactly as much as searching on.

    All amounts and the discount factor are per period. The model is QuantEcon's "Job Search II"
    with stochastic offers (the Julia lecture and the earlier Python one): with c the income while
    searching, β the discount, p the offer probability, α the separation rate and u CRRA utility,

        V(w) = u(w) + β[(1 − α) V(w) + α U]
        U    = u(c) + β(1 − p) U + β p Σ q_i max{U, V(w_i)}.

    From the first line V(w) = (u(w) + βαU) / (1 − β(1 − α)), so V(w*) = U gives
    u(w*) = (1 − β)U. Writing x = (1 − β)U, the second line becomes the scalar equation

        x = u(c) + k Σ q_i max{u(w_i) − x, 0},    k = βp / (1 − β(1 − α)),

    whose right side is convex and piecewise linear in x, so the left minus the right is increasing
    with a single root. With p = 1, α = 0 and u(x) = x this is "Job Search I": w* = (1 − β)h.

    Why not iterate the Bellman equations as the lectures do: they contract at rate β, so a
    monthly β ≈ 0.996 needs thousands of sweeps for 1e-8. Newton's method on the scalar equation is
    a fixed-point iteration that, started at x = u(c), rises monotonically and lands exactly on the
    root after at most one step per distinct wage, typically a handful.

    `risk_aversion` γ: 0 is linear (risk neutral), 1 is log, otherwise u(x) = x^(1−γ)/(1−γ); the
    additive constant does not move w*. With γ >= 1, u(0) is minus infinity, so an income while
    searching of 0 would make any offer acceptable: it is refused as bad input rather than raised
    to some hidden floor, whose choice would set the answer. w* always lies in
    [c, max(c, largest wage)]; with no offers (p = 0) it is c. It is continuous in γ, across 1 too.

    Raises `InvalidValueError` (a `ValueError`) for empty or mismatched arrays, negative or
    non-finite wages, negative probabilities or ones not summing to 1 within 1e-9 (small rounding
    is normalised away), negative or non-finite income (or 0 with γ >= 1), β outside (0, 1),
    offer probability or separation rate outside [0, 1] and negative risk aversion.
    """
    w, q = _offer_distribution(wages, probabilities)
    c = _number("income_while_searching", income_while_searching)
    beta = _number("discount", discount)
    p = _number("offer_probability", offer_probability)
    alpha = _number("separation_rate", separation_rate)
    gamma = _number("risk_aversion", risk_aversion)
    if c < 0:
        raise InvalidValueError("income_while_searching", "must not be negative")
    if not 0 < beta < 1:
        raise InvalidValueError("discount", "must be between 0 and 1 (exclusive)")
    if not 0 <= p <= 1:
        raise InvalidValueError("offer_probability", "must be between 0 and 1")
    if not 0 <= alpha <= 1:
        raise InvalidValueError("separation_rate", "must be between 0 and 1")
    if gamma < 0:
        raise InvalidValueError("risk_aversion", "must not be negative")

    if gamma >= 1 and c <= 0:
        raise InvalidValueError(
            "income_while_searching",
            "must be above 0 when risk aversion is 1 or more (nothing to live on is infinitely bad)",
        )
    top = float(w.max())
    if top <= c or p == 0:
        return c  # no offer ever beats searching on
    k = beta * p / (1.0 - beta * (1.0 - alpha))
    utility = _Utility(gamma, scale=c if gamma >= 1 else float(q @ w), wages=w)
    u_c = float(utility(np.array([c]))[0])
    x = _solve_reservation_utility(utility(w), q, u_c, k)
    return min(max(utility.inverse(x), c), top)


def _offer_distribution(
    wages: npt.ArrayLike, probabilities: npt.ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """Checked float arrays with zero-probability wages dropped, as they cannot affect w*."""
    w = _vector("wages", wages)
    q = _vector("probabilities", probabilities)
    if w.size != q.size:
        raise InvalidValueError("probabilities", "must have one entry per wage")
    if (w < 0).any():
        raise InvalidValueError("wages", "must not be negative")
    if (q < 0).any():
        raise InvalidValueError("probabilities", "must not be negative")
    total = float(q.sum())
    if abs(total - 1.0) > _PROBABILITY_SUM_TOLERANCE:
        raise InvalidValueError("probabilities", f"must add up to 1 (they add up to {total:.12g})")
    keep = q > 0
    return w[keep], q[keep] / total


def _vector(name: str, values: npt.ArrayLike) -> FloatArray:
    """A finite, non-empty 1-D float array, so the model never sees NaN or infinity."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidValueError(name, "must be a list of numbers") from None
    if array.ndim != 1:
        raise InvalidValueError(name, "must be a flat list of numbers")
    if array.size == 0:
        raise InvalidValueError(name, "must not be empty")
    if not np.isfinite(array).all():
        raise InvalidValueError(name, "must all be finite numbers")
    return array


def _number(name: str, value: float) -> float:
    """A finite float, so that comparisons with NaN cannot let a bad value through."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidValueError(name, "must be a number") from None
    if not math.isfinite(number):
        raise InvalidValueError(name, "must be a finite number")
    return number


def _solve_reservation_utility(u: FloatArray, q: FloatArray, u_c: float, k: float) -> float:
    """Root x of x = u_c + k Σ q max(u − x, 0), by Newton steps from below.

    Each step solves the equation with the set of accepted wages {u > x} held fixed; the set only
    shrinks as x rises, so an unchanged set (or no rise, from rounding at a kink) means x is exact.
    """
    x = u_c
    accepted_count = -1
    for _ in range(u.size + _EXTRA_ITERATIONS):
        accepted = u > x
        count = int(np.count_nonzero(accepted))
        if count == accepted_count:
            return x
        accepted_count = count
        q_accepted = q[accepted]
        x_next = (u_c + k * float(q_accepted @ u[accepted])) / (1.0 + k * float(q_accepted.sum()))
        if not x_next > x:
            return x
        x = x_next
    raise RuntimeError(
        f"reservation wage did not converge in {u.size + _EXTRA_ITERATIONS} steps; "
        "this is a bug, please report the inputs"
    )


class _Utility:
    """CRRA utility up to a positive affine change, chosen so that floating point stays accurate.

    Amounts are divided by `scale`: for γ >= 1 the income while searching (above 0), so u(c) is 0
    or −1 and the wages that matter sit at ratios of 1 and above; for γ < 1 the mean offer, so no
    ratio overflows even when c is 0 or tiny. For γ near 1 the Box-Cox form
    expm1((1 − γ) ln r)/(1 − γ) avoids the cancellation of r^(1−γ) ≈ 1; when (γ − 1) ln r is large
    the plain power −r^(1−γ) keeps the relative precision that Box-Cox loses near −1/(γ − 1).
    Wages far below the scale may come out as −inf, which is harmless: they are never accepted.
    """

    def __init__(self, gamma: float, scale: float, wages: FloatArray) -> None:
        self.gamma = gamma
        self.scale = scale
        self.exponent = 1.0 - gamma
        self.power_form = False
        if gamma not in (0.0, 1.0) and self.exponent < 0:
            log_ratio = self._log_ratio(wages)
            finite = np.abs(log_ratio[np.isfinite(log_ratio)])
            spread = float(finite.max()) if finite.size else 0.0
            self.power_form = -self.exponent * spread > 1.0

    def _log_ratio(self, amounts: FloatArray) -> FloatArray:
        with np.errstate(divide="ignore"):
            result: FloatArray = np.log(amounts) - math.log(self.scale)
        return result

    def __call__(self, amounts: FloatArray) -> FloatArray:
        """Utility of each amount."""
        if self.gamma == 0:
            return amounts
        log_ratio = self._log_ratio(amounts)
        if self.gamma == 1:
            return log_ratio
        e = self.exponent
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            if self.power_form:
                result: FloatArray = -np.exp(e * log_ratio)
            else:
                result = np.expm1(e * log_ratio) / e
        return result

    def inverse(self, utility: float) -> float:
        """The amount whose utility is `utility`."""
        if self.gamma == 0:
            return utility
        e = self.exponent
        if self.gamma == 1:
            log_ratio = utility
        elif self.power_form:
            log_ratio = math.log(-utility) / e
        elif e * utility <= -1.0:
            return 0.0  # u(0) = −1/(1 − γ) when γ < 1
        else:
            log_ratio = math.log1p(e * utility) / e
        if log_ratio < 700.0:
            return self.scale * math.exp(log_ratio)
        return math.exp(log_ratio + math.log(self.scale))  # the ratio alone would overflow
