"""Reservation wage against QuantEcon's published job-search figures, edge cases and bad input.

Sources (read from the lecture sources on GitHub):

* "Job Search I: The McCall Search Model", https://python.quantecon.org/mccall_model.html
  (QuantEcon/lecture-python.myst, lectures/mccall_model.md) and its Julia edition,
  https://julia.quantecon.org/dynamic_programming/mccall_model.html
  (QuantEcon/lecture-julia.myst, lectures/dynamic_programming/mccall_model.md).
* "Job Search II: Search and Separation",
  https://python.quantecon.org/mccall_model_with_separation.html
  (QuantEcon/lecture-python.myst, lectures/mccall_model_with_separation.md) and its Julia edition,
  https://julia.quantecon.org/dynamic_programming/mccall_model_with_separation.html
  (QuantEcon/lecture-julia.myst, lectures/dynamic_programming/mccall_model_with_separation.md).

The Python sources keep code but not cell output, so the numbers they print on the web pages are
not in the text; the Julia editions solve the same models with the same defaults and publish the
figures in their test cells, which is where the exact values below are copied from.
"""

from __future__ import annotations

import math
import statistics
import time
from fractions import Fraction

import numpy as np
import numpy.typing as npt
import pytest

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.search import reservation_wage

FloatArray = npt.NDArray[np.float64]


def beta_binomial_pmf(n: int, a: int, b: int) -> FloatArray:
    """QuantEcon's BetaBinomial(n, a, b).pdf(), exact in rationals for integer a and b."""

    def beta_fn(x: int, y: int) -> Fraction:
        return Fraction(math.factorial(x - 1) * math.factorial(y - 1), math.factorial(x + y - 1))

    return np.array(
        [float(math.comb(n, k) * beta_fn(k + a, n - k + b) / beta_fn(a, b)) for k in range(n + 1)]
    )


def crra(x: FloatArray | float, sigma: float) -> FloatArray:
    """The lectures' utility (x^(1−σ) − 1)/(1 − σ), including their additive constant."""
    return (np.asarray(x, dtype=np.float64) ** (1 - sigma) - 1) / (1 - sigma)


# --- Job Search I -------------------------------------------------------------------------------

# Defaults of "Job Search I": n, a, b = 50, 200, 100; w = linspace(10, 60, n + 1); c = 25, β = 0.99.
W_I = np.linspace(10, 60, 51)
Q_I = beta_binomial_pmf(50, 200, 100)


def test_job_search_i_default_reservation_wage() -> None:
    # The Python lecture ends "Computing the Optimal Policy: Take 1" with print(res_wage) at
    # McCallModel() (c=25, β=0.99); its source keeps no output, but the Julia edition's test cell
    # publishes the figure for the same model: compute_reservation_wage(mcm()) ≈
    # 47.316499766546215 (≈ 47.31649976654623 from its ψ iteration), i.e. 47.3165 to 4 decimals.
    w_star = reservation_wage(W_I, Q_I, income_while_searching=25, discount=0.99)
    assert round(w_star, 4) == 47.3165
    assert w_star == pytest.approx(47.316499766546215, abs=1e-8)
    assert isinstance(w_star, float)


@pytest.mark.parametrize(
    ("c_index", "beta_index", "published"),
    [
        # Julia "Job Search I", "Comparative Statics Tests": R over c_vals = range(10, 30, 25) and
        # beta_vals = range(0.9, 0.99, 25); minimum(R), maximum(R) and R[4, 4] (1-based).
        # Their iteration stops at ftol = 1e-6 on v, good to about 1e-6 in the wage.
        (0, 0, 40.39579058732559),
        (24, 24, 47.69960582438523),
        (3, 3, 41.15851842606614),
    ],
)
def test_job_search_i_comparative_statics(c_index: int, beta_index: int, published: float) -> None:
    c = np.linspace(10.0, 30.0, 25)[c_index]
    beta = np.linspace(0.9, 0.99, 25)[beta_index]
    w_star = reservation_wage(W_I, Q_I, income_while_searching=c, discount=beta)
    assert w_star == pytest.approx(published, abs=1e-6)


# --- Job Search II, Julia edition (and the earlier Python one): offers arrive with probability γ --

# mcall_model(): α = 0.2, β = 0.98, γ (offer rate) = 0.7, c = 6.0, σ = 2.0,
# u(c, σ) = (c^(1−σ) − 1)/(1 − σ), w = range(10, 20, length = 60),
# dist = BetaBinomial(59, 600, 400).
# Same defaults as the Python lecture's McCallModel before it dropped γ (lecture-source-py,
# source/rst/mccall_model_with_separation.rst). Utility is CRRA with σ = 2 there, not log.
W_II = np.linspace(10, 20, 60)
Q_II = beta_binomial_pmf(59, 600, 400)
ALPHA, BETA, OFFER_RATE, C_II, SIGMA = 0.2, 0.98, 0.7, 6.0, 2.0


def julia_job_search_ii(c: float = C_II, offer_rate: float = OFFER_RATE) -> float:
    return reservation_wage(
        W_II,
        Q_II,
        income_while_searching=c,
        discount=BETA,
        offer_probability=offer_rate,
        separation_rate=ALPHA,
        risk_aversion=SIGMA,
    )


def grid_reservation_wage(w_star: float) -> float:
    """The lecture's w_bar: the first grid wage with V(w) >= U, i.e. with w >= w*."""
    return float(W_II[np.searchsorted(W_II, w_star, side="left")])


def test_job_search_ii_julia_default_values() -> None:
    # "First Plot Tests": U ≈ 45.62368379729247 (atol 1e-3), V[3] ≈ 45.5811085926348,
    # V[end] ≈ 45.797410960576535 and solve_mccall_model(mcm).w_bar ≈ 11.525423728813559.
    # The lecture reports w_bar on the wage grid; our continuous w* lies just below it.
    w_star = julia_job_search_ii()
    u_value = float(crra(w_star, SIGMA)) / (1 - BETA)  # u(w*) = (1 − β) U
    v = (crra(W_II, SIGMA) + BETA * ALPHA * u_value) / (1 - BETA * (1 - ALPHA))
    assert u_value == pytest.approx(45.62368379729247, abs=1e-3)
    assert v[2] == pytest.approx(45.5811085926348, abs=1e-3)
    assert v[-1] == pytest.approx(45.797410960576535, abs=1e-3)
    assert grid_reservation_wage(w_star) == pytest.approx(11.525423728813559, abs=1e-12)
    assert W_II[8] < w_star < W_II[9]


def test_job_search_ii_julia_exercise_1() -> None:
    # "Solutions 1 Tests" over c_vals = range(2, 12, length = 25):
    # w_bar_vals[10] ≈ 11.35593220338983 and w_bar_vals[17] − c_vals[17] ≈ 4.72316384180791
    # (1-based indices).
    c_vals = np.linspace(2, 12, 25)
    assert grid_reservation_wage(julia_job_search_ii(c=c_vals[9])) == pytest.approx(
        11.35593220338983, abs=1e-12
    )
    assert grid_reservation_wage(julia_job_search_ii(c=c_vals[16])) - c_vals[16] == pytest.approx(
        4.72316384180791, abs=1e-12
    )


def test_job_search_ii_julia_exercise_2() -> None:
    # "Solutions 2 Tests": over gamma_vals = range(0.05, 0.95, length = 25),
    # w_bar_vals[17] ≈ 11.35593220338983.
    offer_rate = np.linspace(0.05, 0.95, 25)[16]
    assert grid_reservation_wage(julia_job_search_ii(offer_rate=offer_rate)) == pytest.approx(
        11.35593220338983, abs=1e-12
    )


# --- Job Search II, current Python edition --------------------------------------------------------

# McCallModel(α=0.2, β=0.98, c=6.0) with u(c, σ=2.0), w_default = linspace(10, 20, 60) and
# BetaBinomial(59, 600, 400). This edition has no offer rate and a different timing: the worker sees
# an offer at the start of a period, and a separated worker sees one at once next period:
#   v(w) = u(w) + β[(1 − α) v(w) + α d],   d = Σ max{v(w'), u(c) + β d} q(w'),   v(w̄) = u(c) + β d.
# It prints no reservation wage: its figures plot compute_reservation_wage (a grid wage, from
# np.searchsorted(v, h, side='right')) against c, β and α. Writing h = u(c) + βd and x = u(w̄) gives
# x = (1 − α)(1 − β) h + α u(c) and x = u(c) + β(1 − α)/(1 − β(1 − α)) Σ q max{u(w) − x, 0}, our
# equation with offer probability 1 − α. So we run the lecture's own iteration (ported to numpy)
# and compare both its continuous w̄ and the grid values its c figure plots.


def python_lecture_solution(c: float, tol: float) -> tuple[float, float]:
    """The lecture's solve_model and compute_reservation_wage: (continuous w̄, grid w̄)."""
    u_w, u_c = crra(W_II, SIGMA), float(crra(c, SIGMA))
    v, d = np.ones_like(W_II), 1.0
    for _ in range(100_000):
        v_new = u_w + BETA * ((1 - ALPHA) * v + ALPHA * d)
        d_new = float(np.sum(np.maximum(v, u_c + BETA * d) * Q_II))
        error = max(float(np.max(np.abs(v_new - v))), abs(d_new - d))
        v, d = v_new, d_new
        if error <= tol:
            break
    h = u_c + BETA * d
    x = (1 - ALPHA) * (1 - BETA) * h + ALPHA * u_c
    continuous = (1 + (1 - SIGMA) * x) ** (1 / (1 - SIGMA))
    grid = float(W_II[min(int(np.searchsorted(v, h, side="right")), W_II.size - 1)])
    return continuous, grid


def python_job_search_ii(c: float) -> float:
    return reservation_wage(
        W_II,
        Q_II,
        income_while_searching=c,
        discount=BETA,
        offer_probability=1 - ALPHA,
        separation_rate=ALPHA,
        risk_aversion=SIGMA,
    )


def test_job_search_ii_python_default_matches_the_lecture_iteration() -> None:
    continuous, grid = python_lecture_solution(C_II, tol=1e-13)
    w_star = python_job_search_ii(C_II)
    assert w_star == pytest.approx(continuous, rel=1e-9)
    assert grid == float(W_II[np.searchsorted(W_II, w_star, side="right")])
    assert W_II[10] < w_star < W_II[11]


def test_job_search_ii_python_figure_against_c() -> None:
    # The data of the lecture's first figure (Exercise 1, c_vals = linspace(2, 12, 25)), computed
    # by the lecture's own code at its own tolerance (1e-5).
    for c in np.linspace(2, 12, 25):
        _, grid = python_lecture_solution(float(c), tol=1e-5)
        w_star = python_job_search_ii(float(c))
        index = min(int(np.searchsorted(W_II, w_star, side="right")), W_II.size - 1)
        assert grid == float(W_II[index]), c


# --- agreement with plain value iteration -------------------------------------------------------


def bellman_reservation_wage(
    w: FloatArray,
    q: FloatArray,
    *,
    c: float,
    beta: float,
    p: float,
    alpha: float,
    gamma: float,
) -> float:
    """Iterate the Julia lecture's Bellman equations for (V, U), then invert u(w*) = (1 − β) U.

    CRRA utility in the Box-Cox form expm1((1 − γ) ln x)/(1 − γ) = (x^(1−γ) − 1)/(1 − γ), which
    keeps its precision for γ close to 1, where x^(1−γ)/(1−γ) would cancel catastrophically.
    """
    e = 1 - gamma
    if gamma == 0:
        u_w, u_c = w, c
    elif gamma == 1:
        u_w, u_c = np.log(w), math.log(c)
    else:
        u_w, u_c = np.expm1(e * np.log(w)) / e, math.expm1(e * math.log(c)) / e
    v, u = u_w / (1 - beta), u_c / (1 - beta)
    for _ in range(200_000):
        v_new = u_w + beta * ((1 - alpha) * v + alpha * u)
        u_new = u_c + beta * (1 - p) * u + beta * p * float(np.maximum(u, v) @ q)
        step = max(float(np.max(np.abs(v_new - v))), abs(u_new - u))
        v, u = v_new, u_new
        if step <= 1e-14 * max(1.0, abs(u)):
            break
    x = (1 - beta) * u
    if gamma == 0:
        return x
    if gamma == 1:
        return math.exp(x)
    return math.exp(math.log1p(e * x) / e)


@pytest.mark.parametrize(
    ("beta", "p", "alpha", "gamma", "c"),
    [
        (0.95, 1.0, 0.0, 0.0, 3.0),
        (0.9, 0.4, 0.1, 0.5, 2.0),
        (0.95, 0.7, 0.05, 1.0, 1.5),
        (0.9, 0.9, 0.3, 2.0, 4.0),
        (0.8, 0.5, 1.0, 3.0, 5.0),
        (0.9, 0.2, 0.02, 5.0, 6.0),
        (0.9, 1.0, 0.2, 1.0000001, 2.5),
    ],
)
def test_agrees_with_value_iteration(
    beta: float, p: float, alpha: float, gamma: float, c: float
) -> None:
    rng = np.random.default_rng(7)
    w = np.sort(rng.uniform(1.0, 10.0, 25))
    q = rng.uniform(0.1, 1.0, 25)
    q /= q.sum()
    expected = bellman_reservation_wage(w, q, c=c, beta=beta, p=p, alpha=alpha, gamma=gamma)
    got = reservation_wage(
        w,
        q,
        income_while_searching=c,
        discount=beta,
        offer_probability=p,
        separation_rate=alpha,
        risk_aversion=gamma,
    )
    assert got == pytest.approx(expected, rel=1e-8)


def test_monthly_case_agrees_with_value_iteration_and_is_fast() -> None:
    # The trajectory's use: monthly amounts, β = 0.996, 200 wage points, log utility.
    rng = np.random.default_rng(11)
    w = np.sort(rng.lognormal(math.log(3_000.0), 0.15, 200))
    q = rng.uniform(0.1, 1.0, 200)
    q /= q.sum()
    kwargs = {
        "income_while_searching": 800.0,
        "discount": 0.996,
        "offer_probability": 0.3,
        "separation_rate": 0.01,
        "risk_aversion": 1.0,
    }
    got = reservation_wage(w, q, **kwargs)
    expected = bellman_reservation_wage(w, q, c=800.0, beta=0.996, p=0.3, alpha=0.01, gamma=1.0)
    assert got == pytest.approx(expected, rel=1e-8)

    timings = []
    for _ in range(200):
        start = time.perf_counter()
        reservation_wage(w, q, **kwargs)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 5e-3


# --- edge cases ---------------------------------------------------------------------------------


@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 3.0])
def test_no_offers_means_the_reservation_wage_is_the_income_while_searching(gamma: float) -> None:
    # With p = 0 an offer never comes: U = u(c)/(1 − β), so u(w*) = (1 − β)U = u(c) and w* = c.
    w_star = reservation_wage(
        W_I, Q_I, income_while_searching=25, discount=0.99, offer_probability=0, risk_aversion=gamma
    )
    assert w_star == 25


@pytest.mark.parametrize("gamma", [1.0, 2.0])
def test_no_income_with_log_or_stronger_utility_is_refused_not_floored(gamma: float) -> None:
    # u(0) is minus infinity for γ >= 1: any floor would set the answer, so 0 is bad input.
    for p in (0.0, 0.5):
        with pytest.raises(InvalidValueError):
            reservation_wage(
                W_II,
                Q_II,
                income_while_searching=0,
                discount=0.98,
                offer_probability=p,
                risk_aversion=gamma,
            )


def test_just_below_log_utility_no_income_is_allowed_and_small() -> None:
    w_star = reservation_wage(
        W_II, Q_II, income_while_searching=0, discount=0.98, risk_aversion=0.9
    )
    assert 0 <= w_star < W_II[-1]


def test_single_wage_mccall() -> None:
    # One wage w0 > c: U = c + β w0/(1 − β) and V(w*) = w*/(1 − β) = U, so w* = (1 − β)c + β w0.
    w_star = reservation_wage([40.0], [1.0], income_while_searching=10, discount=0.9)
    assert w_star == pytest.approx(0.1 * 10 + 0.9 * 40, rel=1e-15)


def test_single_wage_with_arrival_and_separation() -> None:
    # Linear utility: x = c + k (w0 − x) with k = βp/(1 − β(1 − α)), so w* = (c + k w0)/(1 + k).
    beta, p, alpha, c, w0 = 0.95, 0.6, 0.1, 10.0, 40.0
    k = beta * p / (1 - beta * (1 - alpha))
    w_star = reservation_wage(
        [w0],
        [1.0],
        income_while_searching=c,
        discount=beta,
        offer_probability=p,
        separation_rate=alpha,
    )
    assert w_star == pytest.approx((c + k * w0) / (1 + k), rel=1e-14)


def test_single_wage_below_income_is_never_worth_taking() -> None:
    w_star = reservation_wage([5.0], [1.0], income_while_searching=8, discount=0.9)
    assert w_star == 8


def test_jobs_that_last_one_period() -> None:
    # α = 1: k = βp, and a job is worth u(w) + βU. With w0 = 30, c = 10, β = 0.9, p = 1:
    # w* = (10 + 0.9 × 30)/1.9. Cross-checked by value iteration too.
    w_star = reservation_wage(
        [30.0], [1.0], income_while_searching=10, discount=0.9, separation_rate=1
    )
    assert w_star == pytest.approx((10 + 0.9 * 30) / 1.9, rel=1e-14)
    expected = bellman_reservation_wage(
        np.array([30.0]), np.array([1.0]), c=10, beta=0.9, p=1, alpha=1, gamma=0
    )
    assert w_star == pytest.approx(expected, rel=1e-10)


def test_wages_with_zero_probability_do_not_matter() -> None:
    base = reservation_wage(W_I, Q_I, income_while_searching=25, discount=0.99)
    padded = reservation_wage(
        np.append(W_I, [1e6, 0.0]),
        np.append(Q_I, [0.0, 0.0]),
        income_while_searching=25,
        discount=0.99,
    )
    assert padded == base


def test_zero_wages_with_risk_aversion() -> None:
    # u(0) is −inf for γ >= 1; such an offer is simply never taken.
    w_star = reservation_wage(
        [0.0, 10.0, 20.0], [0.2, 0.4, 0.4], income_while_searching=2, discount=0.9, risk_aversion=2
    )
    assert 2 <= w_star < 20


def test_accepts_plain_lists_and_normalises_tiny_rounding() -> None:
    exact = reservation_wage(
        [10.0, 20.0, 30.0], [0.25, 0.5, 0.25], income_while_searching=12, discount=0.95
    )
    rounded = reservation_wage(
        [10, 20, 30], [0.25, 0.5, 0.25 + 5e-10], income_while_searching=12, discount=0.95
    )
    assert rounded == pytest.approx(exact, rel=1e-8)


def test_order_of_wages_does_not_matter() -> None:
    order = np.random.default_rng(3).permutation(W_I.size)
    assert reservation_wage(
        W_I[order], Q_I[order], income_while_searching=25, discount=0.99
    ) == pytest.approx(reservation_wage(W_I, Q_I, income_while_searching=25, discount=0.99))


# --- bad input ----------------------------------------------------------------------------------

GOOD: dict[str, float] = {"income_while_searching": 5.0, "discount": 0.9}


@pytest.mark.parametrize(
    ("wages", "probabilities", "match"),
    [
        ([], [], "wages: must not be empty"),
        ([1.0, 2.0], [1.0], "probabilities: must have one entry per wage"),
        ([-1.0, 2.0], [0.5, 0.5], "wages: must not be negative"),
        ([1.0, 2.0], [1.5, -0.5], "probabilities: must not be negative"),
        ([1.0, 2.0], [0.5, 0.6], "probabilities: must add up to 1"),
        ([1.0, 2.0], [0.5, 0.5 - 1e-8], "probabilities: must add up to 1"),
        ([1.0, math.nan], [0.5, 0.5], "wages: must all be finite"),
        ([1.0, math.inf], [0.5, 0.5], "wages: must all be finite"),
        ([1.0, 2.0], [0.5, math.nan], "probabilities: must all be finite"),
        ([[1.0, 2.0]], [[0.5, 0.5]], "wages: must be a flat list"),
        (["a", "b"], [0.5, 0.5], "wages: must be a list of numbers"),
    ],
)
def test_bad_distributions(wages: object, probabilities: object, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        reservation_wage(wages, probabilities, **GOOD)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "value", "match"),
    [
        ("discount", 0.0, "discount: must be between 0 and 1"),
        ("discount", 1.0, "discount: must be between 0 and 1"),
        ("discount", math.nan, "discount: must be a finite number"),
        ("offer_probability", -0.1, "offer_probability: must be between 0 and 1"),
        ("offer_probability", 1.1, "offer_probability: must be between 0 and 1"),
        ("separation_rate", -0.01, "separation_rate: must be between 0 and 1"),
        ("separation_rate", 2.0, "separation_rate: must be between 0 and 1"),
        ("income_while_searching", -1.0, "income_while_searching: must not be negative"),
        ("income_while_searching", math.inf, "income_while_searching: must be a finite number"),
        ("risk_aversion", -0.5, "risk_aversion: must not be negative"),
        ("risk_aversion", math.nan, "risk_aversion: must be a finite number"),
        ("discount", "high", "discount: must be a number"),
    ],
)
def test_bad_parameters(name: str, value: object, match: str) -> None:
    kwargs: dict[str, object] = {**GOOD, name: value}
    with pytest.raises(ValueError, match=match):
        reservation_wage([1.0, 2.0], [0.5, 0.5], **kwargs)  # type: ignore[arg-type]
