"""Search rates from the user's own counts: Beta-Binomial posterior means over a stated prior.

Each application either gets a callback or not, and each callback either becomes an offer or not,
so the counts are binomial. A Beta(a, b) prior on a rate is conjugate: after `k` successes in `n`
tries the posterior is Beta(a + k, b + n − k), whose mean is (a + k) / (a + b + n). The prior is
written as a mean and a weight in tries ("worth 30 applications"), a = mean × weight and
b = (1 − mean) × weight, so with no applications the posterior is exactly the prior mean, which
defaults to the demo story's rates (the same as the search assumptions' defaults).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from offer_eval.core.models import SearchAssumptions, SearchHistory


@dataclass(frozen=True, slots=True)
class HistoryPosterior:
    """Posterior mean rates from a search history (fractions in [0, 1])."""

    callback_rate: float
    offers_per_callback: float

    @property
    def offer_rate(self) -> float:
        """Offers per application implied by the two posterior means."""
        return self.callback_rate * self.offers_per_callback


def beta_binomial_mean(
    successes: int, trials: int, prior_mean: float, prior_weight: float
) -> float:
    """Posterior mean of a rate with a Beta prior of this mean and weight (in trials)."""
    if not 0 <= successes <= trials:
        raise ValueError("successes must be between 0 and the number of trials")
    if not 0 < prior_mean < 1 or prior_weight <= 0:
        raise ValueError("the prior needs a mean strictly between 0 and 1 and a positive weight")
    return (prior_mean * prior_weight + successes) / (prior_weight + trials)


def posterior(history: SearchHistory) -> HistoryPosterior:
    """Posterior mean callback rate and offers per callback for these counts."""
    return HistoryPosterior(
        callback_rate=beta_binomial_mean(
            history.callbacks,
            history.applications,
            history.prior_callback_rate,
            history.prior_applications,
        ),
        offers_per_callback=beta_binomial_mean(
            history.offers,
            history.callbacks,
            history.prior_offers_per_callback,
            history.prior_callbacks,
        ),
    )


def rates_from_history(search: SearchAssumptions, history: SearchHistory) -> SearchAssumptions:
    """`search` with the callback rate before experience and the offers per callback set from
    `history`; the counts are kept and marked as used, so the file says where the rates came from.

    The history is the user's search so far, before any experience in the new field, so it sets
    the novice callback rate only; the experienced rate is left as it is.
    """
    result = posterior(history)
    return dataclasses.replace(
        search,
        callback_rate_novice=result.callback_rate,
        offers_per_callback=result.offers_per_callback,
        history=dataclasses.replace(history, use_for_rates=True),
    )


def effective_search(search: SearchAssumptions) -> SearchAssumptions:
    """The assumptions the model runs on: the history's posterior rates when it is marked for use."""
    history = search.history
    if history is None or not history.use_for_rates:
        return search
    result = posterior(history)
    if (
        search.callback_rate_novice == result.callback_rate
        and search.offers_per_callback == result.offers_per_callback
    ):
        return search
    return dataclasses.replace(
        search,
        callback_rate_novice=result.callback_rate,
        offers_per_callback=result.offers_per_callback,
    )


def history_text(history: SearchHistory) -> str:
    """The history, its prior and what they imply, in plain words on one line."""
    result = posterior(history)
    used = (
        "The model uses these rates."
        if history.use_for_rates
        else "The model uses the rates you set instead; you can switch to these."
    )
    return (
        f"From your own search ({_count(history.applications, 'application')}, "
        f"{_count(history.callbacks, 'callback')}, {_count(history.offers, 'offer')}): about "
        f"{result.callback_rate:.1%} of applications get a callback and "
        f"{result.offers_per_callback:.0%} of callbacks become offers "
        f"(1 offer in {_one_in(result.offer_rate)} applications). Starting belief before your "
        f"counts: {history.prior_callback_rate:.1%} callbacks, worth "
        f"{history.prior_applications:g} applications, and "
        f"{history.prior_offers_per_callback:.0%} of callbacks becoming offers, worth "
        f"{history.prior_callbacks:g} callbacks. {used}"
    )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _one_in(rate: float) -> str:
    return f"{1.0 / rate:,.0f}" if rate > 0 else "∞"
