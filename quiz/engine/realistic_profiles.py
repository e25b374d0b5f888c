"""What generator version 2 knows of the businesses and the networks (issue 15, "Realistic
numbers"; content review M5, M6, M14, M15, A15, A16, A17): pure data, no Django import.

- Each business has a size and a vocabulary: the business of an exercise is drawn AFTER its
  template, among those that fit the template's network and words (`fitting`).
- Each size has its volumes and its money (`SIZES`); each network its costs and rates
  (`NETWORKS`), so that a generated campaign looks like one of that network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from calculators.kpis import BENCHMARK_NETWORKS
from quiz.engine.added_statements import ADDED_BUSINESSES
from quiz.engine.phrasings import BUSINESSES

SMALL, MEDIUM = "small", "medium"


@dataclass(frozen=True)
class Profile:
    """A business beside its `Business` row: its size and what its statements may say."""

    size: str  # SMALL or MEDIUM
    association: bool = False  # adhérents and recettes: no clients, chiffre d'affaires, ventes
    sells_online: bool = False  # e-mails that end in « achats » (shops, bookings, subscriptions)


PROFILES: dict[str, Profile] = {
    "la boulangerie Le Fournil de Léa": Profile(SMALL, sells_online=True),
    "la boutique de vêtements en ligne Atelier Garance": Profile(MEDIUM, sells_online=True),
    "l’éditeur de logiciels de gestion Optimea": Profile(MEDIUM),
    "la salle de sport Energym": Profile(SMALL, sells_online=True),
    "l’association Les Amis du Vélo": Profile(SMALL, association=True),
    "l’agence de voyages Cap Évasion": Profile(MEDIUM, sells_online=True),
    "la boutique de fleurs Pivoine et Capucine": Profile(SMALL, sells_online=True),
    "l’atelier automobile Morel": Profile(SMALL),
    "la marque de cosmétiques Ambre Naturelle": Profile(MEDIUM, sells_online=True),
    "l’agence d’Annecy du Crédit des Lacs": Profile(MEDIUM),
    "la librairie Page Blanche": Profile(SMALL, sells_online=True),
    "la fabrique de meubles Bois d’Antan": Profile(SMALL, sells_online=True),
    "l’espace de coworking La Ruche Numérique": Profile(SMALL),
    "la brasserie du Vieux-Port": Profile(SMALL),
    "l’agence de communication Pixel Nord": Profile(SMALL),
    "l’imprimerie Typo Sud": Profile(SMALL),
    "la société d’expertise comptable Fidalys": Profile(SMALL),
    "la start-up de logistique Flexidock": Profile(MEDIUM),
}
SECTORS = {business.name: business.sector for business in BUSINESSES}

Span = tuple[int, int]


@dataclass(frozen=True)
class Size:
    """Volumes and money of a business of one size (all within KPIS.md's ranges)."""

    sent_round: tuple[int, ...]  # thousands of e-mails, in "nice" mode
    sent_halves: Span  # otherwise, in steps of 500 e-mails
    followers: Span
    reach: Span
    views: Span
    budget: Span  # ad budgets, €
    cost: Span  # cost of a campaign (ROI, ROAS, CAC, cost per lead), €
    customers: Span
    leads: Span
    objective_unit: int  # objectives (« vise … impressions ») are multiples of this


SIZES: dict[str, Size] = {
    # A bakery's list: 1 000 to 8 000 e-mails, 2 000 € of ads at most (A15, M15).
    SMALL: Size(
        sent_round=(1, 2, 3, 4, 5, 6, 8),
        sent_halves=(2, 16),
        followers=(500, 8_000),
        reach=(1_000, 10_000),
        views=(500, 10_000),
        budget=(50, 2_000),
        cost=(100, 2_000),
        customers=(5, 60),
        leads=(10, 120),
        objective_unit=1_000,
    ),
    # KPIS.md's upper bounds: 50 000 e-mails, 5 000 € of ads.
    MEDIUM: Size(
        sent_round=(8, 10, 12, 15, 16, 20, 24, 25, 30, 40, 50),
        sent_halves=(16, 100),
        followers=(4_000, 60_000),
        reach=(5_000, 50_000),
        views=(2_000, 50_000),
        budget=(300, 5_000),
        cost=(500, 5_000),
        customers=(20, 300),
        leads=(40, 300),
        objective_unit=5_000,
    ),
}

Range = tuple[float, float]


@dataclass(frozen=True)
class Network:
    """A network's ad costs (€) and rates (%) — and its organic engagement rate on its base."""

    cpm: Range
    cpc: Range
    ctr: Range  # clicks ÷ impressions × 100
    cpe: Range
    ad_engagement: Range  # engagements ÷ impressions × 100, of an ad
    engagement: Range  # of an organic post, on the network's base (KPIS.md's engagement KPIs)


NETWORKS: dict[str | None, Network] = {
    # The seed's Instagram benchmarks are 2,5–3,5 $ (CPM), 0,4–0,7 $ (CPC), 0,01–0,05 $ (CPE):
    # the exercises, in euros, stay within a factor 3 of them (M5, M6).
    "Instagram": Network(
        cpm=(2.5, 5.0),
        cpc=(0.3, 1.0),
        ctr=(0.5, 1.5),
        cpe=(0.02, 0.15),
        ad_engagement=(1.0, 8.0),
        engagement=(1.0, 8.0),
    ),
    # Meta's other network; the seed's Facebook CPE is 0,12 $.
    "Facebook": Network(
        cpm=(4.0, 10.0),
        cpc=(0.2, 1.2),
        ctr=(0.8, 2.5),
        cpe=(0.05, 0.4),
        ad_engagement=(1.0, 8.0),
        engagement=(1.0, 8.0),
    ),
    # LinkedIn: a CPM 1,5 to 7 times Meta's and a CTR below 1 % (A17), the CPC within KPIS.md's
    # 0,20–3 € (so the CPM stays under 30 × CTR).
    "LinkedIn": Network(
        cpm=(15.0, 28.0),
        cpc=(1.6, 3.0),
        ctr=(0.5, 0.95),
        cpe=(0.5, 3.0),
        ad_engagement=(1.0, 4.0),
        engagement=(1.0, 5.0),
    ),
    # X: engagement typically below 1 % of the impressions (A17). No ad template names X.
    "Twitter (X)": Network(
        cpm=(2.0, 30.0),
        cpc=(0.2, 3.0),
        ctr=(0.5, 5.0),
        cpe=(0.05, 1.5),
        ad_engagement=(0.3, 0.95),
        engagement=(0.3, 0.95),
    ),
    # No network named: KPIS.md's ranges (CPM 2–30 €, CPC 0,20–3 €, CTR 0,5–5 %, engagement 1–8 %).
    None: Network(
        cpm=(2.0, 30.0),
        cpc=(0.2, 3.0),
        ctr=(0.5, 5.0),
        cpe=(0.05, 1.5),
        ad_engagement=(1.0, 8.0),
        engagement=(1.0, 8.0),
    ),
}

# The words a statement of an association cannot use (it has adhérents and recettes), and the
# e-mails that end in purchases (not an accountancy firm, a garage or a bank branch).
TRADE_WORDS = re.compile(r"client|chiffre d’affaires|\bachats\b|\bventes\b|vendus|\bmarge\b")
PURCHASES = re.compile(r"\bachats\b")
B2B_NETWORKS = ("LinkedIn",)
B2C_NETWORKS = ("Instagram", "Facebook", "Twitter (X)")


def network_of(text: str) -> str | None:
    """The network a statement names, as `Exercise.network` reads it."""
    return next((name for name in BENCHMARK_NETWORKS if name in text), None)


def fits(name: str, text: str, kpi_slug: str) -> bool:
    """Whether this business may appear in this statement (M14, A15)."""
    profile, sector = PROFILES[name], SECTORS[name]
    if any(network in text for network in B2B_NETWORKS) and sector != "b2b":
        return False
    if any(network in text for network in B2C_NETWORKS) and sector != "b2c":
        return False
    if "jeu-concours" in text and sector != "b2c":
        return False
    if profile.association and TRADE_WORDS.search(text):
        return False
    if PURCHASES.search(text) and not profile.sells_online:
        return False
    added = ADDED_BUSINESSES.get(kpi_slug)
    return added is None or any(business.name == name for business in added)


def fitting(text: str, kpi_slug: str) -> tuple[str, ...]:
    """The businesses that fit a statement, in `BUSINESSES`' order."""
    return tuple(b.name for b in BUSINESSES if fits(b.name, text, kpi_slug))
