"""The statistics against cases computed by hand (the working is in the comments)."""

import math

import pandas as pd
import pytest

from guichet.feedback import analysis


def _frame(rows: list[dict]) -> pd.DataFrame:
    base = {
        "decision_year": 2015,
        "service_code": "s1",
        "case_channel": "online",
        "language": "en",
        "province": "ON",
        "sampling_rate": 1.0,
        "submitted": True,
    }
    return analysis.with_weights(pd.DataFrame([{**base, **row} for row in rows]))


def test_satisfied_is_4_or_5_and_leaves_out_no_answer_and_does_not_apply():
    values = pd.Series([1, 3, 4, 5, None, "na"])
    assert analysis.satisfied(values).tolist()[:4] == [0.0, 0.0, 1.0, 1.0]
    assert analysis.satisfied(values).isna().tolist()[4:] == [True, True]


def test_wilson_interval_of_8_out_of_10():
    # p = 0.8, z = 1.96: centre (0.8 + z²/20) / (1 + z²/10) = 0.7167,
    # half-width z·sqrt(0.016 + z²/400) / (1 + z²/10) = 0.2266 -> [0.4902, 0.9433].
    figure = analysis.figure(pd.Series([1.0] * 8 + [0.0] * 2), pd.Series([1.0] * 10))
    assert figure.share == 0.8
    assert figure.low == pytest.approx(0.4902, abs=1e-4)
    assert figure.high == pytest.approx(0.9433, abs=1e-4)
    assert figure.weighted == pytest.approx(0.8)  # equal weights: the same figure


def test_weighting_to_the_population_of_each_cell():
    # Cell A (rate 0.5): 10 invited stand for 20 decided cases, 5 answer -> weight 4 each,
    # all satisfied. Cell B (rate 0.1): 10 invited stand for 100, 5 answer -> weight 20 each,
    # none satisfied. Unweighted 5/10 = 50%; weighted 20 / (20 + 100) = 1/6.
    rows = []
    for service, rate, score in (("a", 0.5, 5), ("b", 0.1, 1)):
        rows += [{"service_code": service, "sampling_rate": rate, "overall": score}] * 5
        rows += [{"service_code": service, "sampling_rate": rate, "submitted": False}] * 5
    frame = _frame(rows)
    assert frame.loc[frame["submitted"], "weight"].tolist() == [4.0] * 5 + [20.0] * 5
    respondents = frame[frame["submitted"]]
    figure = analysis.figure(analysis.satisfied(respondents["overall"]), respondents["weight"])
    assert figure.share == 0.5
    assert figure.weighted == pytest.approx(1 / 6)
    # Kish: n = (sum w)² / sum w² = 120² / (5·16 + 5·400) = 6.923 answers' worth; Wilson at
    # p = 1/6: centre (p + z²/2n) / (1 + z²/n) = 0.2856, half-width 0.2524 -> [0.0332, 0.5380].
    assert figure.weighted_low == pytest.approx(0.0332, abs=1e-4)
    assert figure.weighted_high == pytest.approx(0.5380, abs=1e-4)


def test_two_proportion_test_cohens_h_and_holm():
    # 2013: 50 of 100 satisfied; 2015: 70 of 100. Pooled p = 0.6,
    # se = sqrt(0.6·0.4·(1/100 + 1/100)) = 0.06928, z = 0.2 / 0.06928 = 2.887,
    # two-sided p = 0.00389; h = 2·asin(sqrt 0.7) − 2·asin(sqrt 0.5) = 0.4115.
    rows = [{"decision_year": 2013, "overall": 5 if i < 50 else 2} for i in range(100)]
    rows += [{"decision_year": 2015, "overall": 5 if i < 70 else 2} for i in range(100)]
    [result] = analysis.cohorts_compare(
        _frame(rows),
        dimension="decision_year",
        reference="2013",
        group="2015",
        measures=["overall"],
        min_cell=10,
    )
    assert result.difference == pytest.approx(0.2)
    assert result.p_value == pytest.approx(0.00389, abs=1e-5)
    assert result.effect_h == pytest.approx(0.4115, abs=1e-4)
    assert result.p_holm == pytest.approx(result.p_value)  # one comparison: unchanged
    assert result.significant


def test_holm_over_three_comparisons():
    # p = 0.01, 0.04, 0.03 -> sorted ×3, ×2, ×1: 0.03, 0.06, 0.04 -> monotone: 0.03, 0.06, 0.06.
    tests = [
        analysis.Comparison("m", "g", "r", 10, 10, 0.5, 0.5, 0, 0, p) for p in (0.01, 0.04, 0.03)
    ]
    analysis.holm(tests)
    assert [round(t.p_holm, 6) for t in tests] == [0.03, 0.06, 0.06]
    assert [t.significant for t in tests] == [True, False, False]


def test_small_cells_are_hidden_and_so_is_the_next_smallest_when_one_is_alone():
    figures = [analysis.Figure(n) for n in (30, 25, 6)]
    analysis.suppress(figures, 10)
    assert [f.suppressed for f in figures] == [False, True, True]  # 6 = total − 30 − 25
    figures = [analysis.Figure(n) for n in (30, 6, 5)]
    analysis.suppress(figures, 10)
    assert [f.suppressed for f in figures] == [False, True, True]
    figures = [analysis.Figure(n) for n in (30, 25)]
    analysis.suppress(figures, 10)
    assert not any(f.suppressed for f in figures)
    assert analysis.Figure(6, share=0.5, suppressed=True).as_dict()["share"] is None


def test_breakdown_hides_a_province_with_few_answers_and_its_complement():
    rows = [{"province": "ON", "overall": 5}] * 40 + [{"province": "QC", "overall": 4}] * 20
    rows += [{"province": "PE", "overall": 1}] * 3
    result = analysis.breakdown(
        _frame(rows), dimension="province", measures=["overall"], min_cell=10
    )
    assert result.cells[("overall", "PE")].suppressed
    assert result.cells[("overall", "QC")].suppressed  # else PE = all − ON − QC
    assert not result.cells[("overall", "ON")].suppressed
    assert result.totals["overall"].n == 63


def test_response_rates_and_their_suppression():
    rows = [{"language": "en"}] * 30 + [{"language": "en", "submitted": False}] * 20
    rows += [{"language": "fr"}] * 4 + [{"language": "fr", "submitted": False}] * 30
    rates = {
        r.group: r for r in analysis.response_rates(_frame(rows), dimension="language", min_cell=10)
    }
    assert (rates["en"].invited, rates["en"].responded, rates["en"].share) == (50, 30, 0.6)
    assert rates["fr"].suppressed and rates["fr"].share is None


def test_key_drivers_rank_importance_times_shortfall():
    # x follows overall exactly (rho = 1) and half are satisfied: priority 1 × 0.5 = 0.5.
    # y is satisfied by everyone but a few, and barely related: its priority is small.
    overall = [1, 2, 3, 4, 5] * 8
    rows = [{"overall": o, "x": o, "y": 5 if i % 7 else 1} for i, o in enumerate(overall)]
    drivers = analysis.key_drivers(_frame(rows), overall="overall", drivers=["y", "x"], min_cell=10)
    assert drivers[0].measure == "x"
    assert drivers[0].importance == pytest.approx(1.0)
    assert drivers[0].performance == pytest.approx(0.4)  # 4 and 5: 2 of 5
    assert drivers[0].priority == pytest.approx(0.6)
    assert drivers[1].priority < drivers[0].priority


def test_weak_areas_finds_the_group_that_is_lower_and_not_the_others():
    rows = []
    for i in range(200):
        paper = i % 2 == 0
        rows.append(
            {
                "case_channel": "paper" if paper else "online",
                "status": 2 if paper and i % 10 else 5,
                "overall": 4 if i % 3 else 2,
            }
        )
    weak = analysis.weak_areas(
        _frame(rows), measures=["status", "overall"], min_cell=10, dimensions=("case_channel",)
    )
    assert [(c.measure, c.group) for c in weak] == [("status", "case_channel=paper")]
    assert weak[0].effect_h < -0.2 and weak[0].p_holm < 0.05
    assert not math.isnan(weak[0].share_b)
