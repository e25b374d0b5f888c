"""The content review's defects in the KPI catalogue (issue #15, h7): notes, benchmarks, messages."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from calculators.kpis import KPIS, KPIS_BY_SLUG, QUANTITIES, Mistake, benchmark_note, roi_note


def plain(text: str | None) -> str:
    return (text or "").replace("\u00a0", " ").replace("\u202f", " ")


def compute(slug: str, **values: int | str):
    return KPIS_BY_SLUG[slug].compute({name: D(value) for name, value in values.items()})


def mistake_of(slug: str, code: str) -> Mistake:
    return next(m for m in KPIS_BY_SLUG[slug].mistakes if m.code == code)


# M3, M4: a positive ROI on a revenue, a ROAS above 1, are not yet a profit.


def test_positive_roi_note_asks_for_the_margin_when_the_gain_is_a_revenue():
    note = plain(compute("roi", gain=4200, cost=1500).interpretation)
    assert note.startswith("ROI positif : le gain retenu dépasse le coût")
    assert "vérifiez la marge avant de conclure à la rentabilité" in note
    assert "rapporte plus qu’elle ne coûte" not in note


@pytest.mark.parametrize(
    ("gain", "start"), [(1000, "ROI négatif : le gain retenu ne couvre pas"), (1500, "ROI nul")]
)
def test_negative_and_zero_roi_notes_speak_of_the_gain_retained(gain, start):
    assert plain(compute("roi", gain=gain, cost=1500).interpretation).startswith(start)


def test_roas_note_gives_the_break_even_roas():
    note = plain(compute("roas", revenue=4400, cost=1000).interpretation)
    assert "4,40 €" in note and "n’est pas un bénéfice" in note
    assert "1 ÷ taux de marge (2,5 pour une marge de 40 %)" in note
    notes = plain(" ".join(KPIS_BY_SLUG["roas"].notes))
    assert "1 ÷ taux de marge" in notes
    assert "coût total de la campagne, frais de création compris" in notes  # A19


def test_roas_of_one_is_said_to_lose_money_once_the_goods_are_paid():
    assert "perd de l’argent" in plain(compute("roas", revenue=1000, cost=1000).interpretation)


def test_acquisition_cost_note_counts_every_cost():
    assert "coût total de l’action" in plain(" ".join(KPIS_BY_SLUG["cout-acquisition"].notes))


# M5, M6: the benchmark is Instagram's, in dollars, compared with the result.


@pytest.mark.parametrize(
    ("slug", "value", "position"),
    [
        ("cpm", "20", "au-dessus du repère Instagram"),
        ("cpm", "3", "dans la fourchette du repère Instagram"),
        ("cpm", "2", "au-dessous du repère Instagram"),
        ("cpc", "0.50", "dans la fourchette du repère Instagram"),
        ("cpe", "5", "au-dessus du repère Instagram"),
    ],
)
def test_benchmark_compares_the_result_with_the_instagram_figure(slug, value, position):
    note = plain(benchmark_note(slug, D(value)))
    assert note.startswith("Repère du cours, en dollars et à titre indicatif : ")
    assert f"{position} du cours (monnaies différentes" in note


def test_benchmark_of_another_network_is_not_applied():
    note = plain(benchmark_note("cpm", D("9.50"), "LinkedIn"))
    assert "sur Instagram, le CPM moyen se situe entre 2,5 $ et 3,5 $" in note
    assert note.endswith(
        "Cette campagne est diffusée sur LinkedIn : ce repère ne s’y applique pas directement."
    )
    assert "au-dessus" not in note


def test_facebook_cpe_is_compared_with_the_facebook_figure():
    note = plain(benchmark_note("cpe", D("0.50"), "Facebook"))
    assert "il est de 0,12 $ sur Facebook" in note
    assert "au-dessus du repère Facebook du cours" in note


def test_calculator_cpm_quotes_the_result_against_the_benchmark():
    note = plain(compute("cpm", budget=200, impressions=10000).interpretation)
    assert "Ce résultat (20,00 €) est au-dessus du repère Instagram du cours" in note


def test_only_costs_have_a_benchmark():
    assert benchmark_note("ctr", D(1)) is None and benchmark_note("budget-cpm", D(500)) is None


# M10, A12: bounces, hard and soft.


def test_deliverability_note_tells_hard_from_soft_bounces():
    note = plain(compute("taux-delivrabilite", sent=10000, delivered=9700).interpretation)
    assert "300 e-mails ne sont pas arrivés" in note
    assert "hard bounces : adresse inexistante) sont à supprimer" in note
    assert "soft bounces : boîte pleine, serveur indisponible) à surveiller" in note


def test_delivered_help_text_says_accepted_by_the_server():
    help_text = plain(QUANTITIES["delivered"].help_text)
    assert "acceptés par le serveur du destinataire" in help_text
    assert "indésirables" in help_text


# M17, A14: what the rates count.


def test_contest_rate_is_defined_on_views_not_people():
    definition = KPIS_BY_SLUG["taux-conversion-concours"].definition
    assert definition == "Participants rapportés au nombre de vues de la publication du jeu."


def test_conversion_rate_is_defined_on_purchases_like_its_input():
    assert KPIS_BY_SLUG["taux-conversion"].definition.startswith("Nombre d’achats")
    assert QUANTITIES["purchases"].label == "Achats"


# A10, A11, M7, M13: messages and notes that teach the convention.


@pytest.mark.parametrize(
    ("slug", "code", "fragment"),
    [
        ("taux-ouverture", "base-delivered", "C’est la base du cours, que l’énoncé demande"),
        ("taux-clics", "base-delivered", "certains logiciels d’e-mailing calculent sur les"),
        ("taux-ouverture-delivres", "base-sent", "L’énoncé demande ici le taux sur les e-mails"),
        ("taux-reactivite", "base-delivered", "ceux qui ont ouvert l’e-mail"),
        ("ctr", "base-reach", "Le CTR se calcule sur les impressions"),
        ("engagement-facebook", "base-followers", "la base que le cours retient pour Facebook"),
        ("engagement-twitter", "base-reach", "la base que le cours retient pour Twitter (X)"),
        ("engagement-linkedin", "base-followers", "la base que le cours retient pour LinkedIn"),
        ("engagement-instagram", "base-reach", "la base que le cours retient pour Instagram"),
        ("taux-conversion-concours", "base-followers", "aux vues de la publication du jeu"),
    ],
)
def test_base_messages_say_why_the_statement_s_base(slug, code, fragment):
    message = plain(mistake_of(slug, code).message)
    assert message.startswith("Vous avez divisé par ")
    assert fragment in message


def test_conversion_among_clickers_is_said_in_plain_words():
    message = mistake_of("taux-conversion", "base-clicks").message
    assert "cliqueurs" not in message and "seules personnes qui ont cliqué" in message


def test_engagement_notes_say_the_bases_are_the_course_s_convention():
    for slug in ("engagement-twitter", "engagement-linkedin", "engagement-facebook"):
        notes = plain(" ".join(KPIS_BY_SLUG[slug].notes))
        assert "Le cours retient une base par réseau" in notes


@pytest.mark.parametrize("slug", ["ctr", "taux-clics", "taux-clics-delivres"])
def test_ctr_and_email_click_rate_are_set_side_by_side(slug):
    notes = plain(" ".join(KPIS_BY_SLUG[slug].notes))
    assert "Ne confondez pas le CTR d’une annonce (clics ÷ impressions)" in notes


def test_emailing_variants_note_the_course_base():
    for slug in ("taux-ouverture-delivres", "taux-clics-delivres", "taux-desabonnement-delivres"):
        assert "certains logiciels calculent sur les délivrés" in plain(
            " ".join(KPIS_BY_SLUG[slug].notes)
        )


# A13: real statistics may exceed a generated-data rule; the calculator computes and warns.


def test_viral_instagram_post_is_computed_with_a_warning():
    kpi = KPIS_BY_SLUG["engagement-instagram"]
    values = {"engagements": D(5000), "followers": D(3000)}
    assert kpi.validate(values) == {}
    calculation = kpi.compute(values)
    assert calculation.display == "166,67\u202f%"
    assert plain(calculation.interpretation).startswith("Plus d’interactions que d’abonnés")


def test_facebook_interactions_above_the_reach_warn_too():
    calculation = compute("engagement-facebook", engagements=700, reach=600)
    assert "Plus d’interactions que de personnes touchées" in plain(calculation.interpretation)


def test_more_clicks_than_opens_is_computed_with_a_warning():
    """Every click is counted, but an open only when the images load: real reports break it."""
    kpi = KPIS_BY_SLUG["taux-reactivite"]
    assert kpi.validate({"clicks": D(900), "opened": D(860)}) == {}
    calculation = compute("taux-reactivite", clicks=900, opened=860)
    assert calculation.display == "104,65\u202f%"
    assert "Plus de clics que d’e-mails ouverts" in plain(calculation.interpretation)


def test_impossible_data_are_still_refused():
    assert "clicks" in KPIS_BY_SLUG["ctr"].validate({"clicks": D(20), "impressions": D(10)})
    assert "engagements" in KPIS_BY_SLUG["engagement-twitter"].validate(
        {"engagements": D(20), "impressions": D(10)}
    )


def test_every_warning_and_note_is_typeset_the_french_way():
    for kpi in KPIS:
        texts = [*kpi.notes, *(rule.warning for rule in kpi.rules), kpi.definition]
        texts += [mistake.message for mistake in kpi.mistakes]
        for text in texts:
            for sign in (":", ";", "%", "€", "?", "!"):
                assert f" {sign}" not in text, text


@pytest.mark.parametrize(
    ("value", "kind", "start"),
    [
        ("12", "marge", "ROI positif : la marge dégagée dépasse le coût de l’action"),
        ("-5", "marge", "ROI négatif : la marge dégagée ne couvre pas"),
        ("180", "chiffre d’affaires", "ROI positif, mais calculé sur le chiffre d’affaires"),
        ("-5", "chiffre d’affaires", "ROI négatif : le gain retenu"),
        ("0", "marge", "ROI nul"),
        ("12", None, "ROI positif : le gain retenu dépasse le coût"),
    ],
)
def test_roi_note_reads_the_gain_retained(value, kind, start):
    assert plain(roi_note(D(value), kind)).startswith(start)
