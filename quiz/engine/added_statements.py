"""The French statements of the KPIs added after the seed (issue 15), per (KPI slug, difficulty),
and the businesses that fit each of them: pure data, merged into `statements.TEMPLATES`. The rules
the placeholders follow are in `phrasings.py`'s docstring.

Difficulty 1 gives the KPI's inputs; 2 adds the quantities that invite its known mistakes; 3 needs
a step first: the hard bounces from all the bounces minus the soft ones, the impressions from the
two networks (the reach is not added up: a person reached on both counts once), the cost from its
lines, the margin from the revenue minus the cost of the goods sold.
"""

from __future__ import annotations

from quiz.engine.phrasings import BUSINESSES, Business

ADDED_TEMPLATES: dict[tuple[str, int], tuple[str, ...]] = {
    ("taux-hard-bounce", 1): (
        "{Business} a envoyé {sent} e-mails pour sa newsletter mensuelle. L’outil d’e-mailing signale {hard_bounces} hard bounces (adresses inexistantes).",
        "Pour annoncer ses offres de fin d’année, {business} a envoyé une campagne de {sent} e-mails ; {hard_bounces} d’entre eux ont été rejetés définitivement (hard bounces).",
        "{Business} fait le point sur sa dernière campagne d’e-mailing : {sent} e-mails envoyés, dont {hard_bounces} rejetés définitivement parce que l’adresse n’existe pas (hard bounces).",
    ),
    ("taux-hard-bounce", 2): (
        "{Business} a envoyé {sent} e-mails pour présenter ses nouveautés ; {delivered} ont été délivrés. Parmi les e-mails rejetés, l’outil d’e-mailing distingue {hard_bounces} hard bounces (adresses inexistantes) et {soft_bounces} soft bounces (boîtes pleines, serveurs indisponibles). On compte aussi {opened} e-mails ouverts.",
        "Voici le rapport de la campagne d’e-mailing que {business} a menée pour relancer ses contacts inactifs : {sent} e-mails envoyés, {delivered} délivrés, {hard_bounces} hard bounces, {soft_bounces} soft bounces et {opened} e-mails ouverts.",
        "Pour sa campagne de rentrée, {business} a envoyé {sent} e-mails. Le rapport indique {delivered} e-mails délivrés et {opened} ouverts ; les rejets se répartissent en {soft_bounces} rejets temporaires (soft bounces) et {hard_bounces} rejets définitifs (hard bounces).",
    ),
    ("taux-hard-bounce", 3): (
        "{Business} a envoyé {sent} e-mails pour sa newsletter mensuelle. L’outil d’e-mailing signale {bounces} e-mails rejetés (bounces), dont {soft_bounces} soft bounces (boîtes pleines, serveurs indisponibles) ; les autres sont des hard bounces. On compte {opened} e-mails ouverts.",
        "Pour annoncer ses portes ouvertes, {business} a lancé une campagne de {sent} e-mails. Au total, {bounces} e-mails n’ont pas pu être délivrés : {soft_bounces} rejets temporaires (soft bounces), le reste en rejets définitifs (hard bounces). Les destinataires ont ouvert {opened} e-mails.",
        "{Business} analyse sa campagne d’e-mailing de printemps : {sent} e-mails envoyés, {bounces} e-mails rejetés au total, dont {soft_bounces} soft bounces, et {opened} e-mails ouverts. Les rejets qui ne sont pas des soft bounces sont des hard bounces.",
    ),
    ("frequence", 1): (
        "{Business} a diffusé une annonce sur Facebook et Instagram pendant deux semaines. Le gestionnaire de publicités indique {impressions} impressions et une portée (couverture) de {reach} personnes.",
        "Pour annoncer ses portes ouvertes, {business} a lancé une publicité sur Instagram : elle a touché {reach} personnes pour {impressions} impressions.",
        "{Business} fait le bilan de sa campagne sponsorisée sur Facebook : {impressions} impressions et {reach} personnes touchées (portée).",
    ),
    ("frequence", 2): (
        "{Business} a dépensé {budget} pour une annonce diffusée sur Facebook et Instagram. Le gestionnaire de publicités indique {impressions} impressions, une portée (couverture) de {reach} personnes et {clicks} clics ; sa page compte {followers} abonnés.",
        "Pour sa campagne de rentrée sur Instagram, {business} a obtenu {impressions} impressions et {clicks} clics pour un budget de {budget}. L’annonce a touché {reach} personnes ; son compte Instagram a {followers} abonnés.",
        "{Business} analyse son annonce sponsorisée sur Facebook : un budget de {budget}, {reach} personnes touchées, {impressions} impressions et {clicks} clics. Sa page Facebook réunit {followers} abonnés.",
    ),
    ("frequence", 3): (
        "{Business} a diffusé la même annonce sur Facebook et sur Instagram. Le gestionnaire de publicités indique {facebook_impressions} impressions sur Facebook et {instagram_impressions} impressions sur Instagram, pour une portée totale (couverture) de {reach} personnes ; l’annonce a reçu {clicks} clics.",
        "Pour annoncer ses soldes, {business} a lancé une campagne sur Facebook et Instagram : {facebook_impressions} impressions sur Facebook, {instagram_impressions} impressions sur Instagram et {clicks} clics. Au total, {reach} personnes différentes ont vu l’annonce ; son compte Instagram a {followers} abonnés.",
        "{Business} fait le point sur sa campagne de notoriété. Sur Facebook, l’annonce a été affichée {facebook_impressions} fois ; sur Instagram, {instagram_impressions} fois. Le gestionnaire de publicités compte {reach} personnes touchées au total (une personne touchée sur les deux réseaux n’est comptée qu’une fois) et {clicks} clics.",
    ),
    ("cout-par-lead", 1): (
        "{Business} a dépensé {cost} dans une campagne de publicité en ligne destinée à obtenir des demandes de devis. La campagne a apporté {leads} leads (contacts qui ont rempli le formulaire).",
        "Pour remplir sa journée portes ouvertes, {business} a mené une campagne de social ads d’un coût de {cost} ; {leads} personnes ont laissé leurs coordonnées (leads).",
        "{Business} fait le bilan de sa campagne de génération de leads : un coût total de {cost} pour {leads} contacts obtenus.",
    ),
    ("cout-par-lead", 2): (
        "{Business} a investi {cost} dans une campagne sponsorisée sur les réseaux sociaux. L’annonce a reçu {clicks} clics ; {leads} personnes ont rempli le formulaire de contact (leads), et {customers} d’entre elles sont devenues clientes.",
        "Pour sa campagne de rentrée, {business} a dépensé {cost}. Bilan : {clicks} clics sur l’annonce, {leads} leads (demandes de devis) et {customers} nouveaux clients.",
        "{Business} analyse sa campagne de social ads : un coût de {cost}, {clicks} clics, {leads} leads et {customers} clients obtenus.",
    ),
    ("cout-par-lead", 3): (
        "{Business} a lancé une campagne publicitaire en ligne : {media_cost} d’achat d’espace et {production_cost} de frais de création. L’annonce a reçu {clicks} clics et apporté {leads} leads (inscriptions via le formulaire), dont {customers} sont devenus clients.",
        "Pour sa campagne de printemps, {business} a payé {production_cost} de frais de création et {media_cost} d’achat d’espace publicitaire. La campagne a généré {clicks} clics et {leads} demandes de devis (leads), dont {customers} ont abouti à une commande.",
        "{Business} évalue sa campagne de génération de leads. Achat d’espace : {media_cost} ; frais de création : {production_cost} ; clics : {clicks} ; leads : {leads} ; nouveaux clients : {customers}.",
    ),
    ("roas-seuil", 1): (
        "Sur les ventes réalisées grâce à sa publicité en ligne, {business} a encaissé {revenue} de chiffre d’affaires, qui lui laissent {margin} de marge avant le coût de la publicité.",
        "{Business} prépare sa prochaine campagne de social ads. Lors de la précédente, ses ventes ont représenté {revenue} de chiffre d’affaires pour {margin} de marge (chiffre d’affaires moins le coût d’achat des produits vendus).",
        "{Business} veut savoir à partir de quel ROAS ses publicités sont rentables. Sur ses ventes en ligne du trimestre, le chiffre d’affaires s’élève à {revenue} et la marge à {margin}.",
    ),
    ("roas-seuil", 2): (
        "{Business} a dépensé {cost} en publicités sur Facebook. La campagne a attiré {customers} nouveaux clients, qui ont apporté {revenue} de chiffre d’affaires et {margin} de marge, avant le coût des publicités.",
        "Pour sa campagne de fin d’année sur Instagram, {business} a dépensé {cost}. La campagne a attiré {customers} nouveaux clients et généré {revenue} de chiffre d’affaires, sur lequel la marge s’élève à {margin}.",
        "{Business} fait le bilan de sa campagne de social ads : {cost} de dépenses publicitaires, {customers} nouveaux clients, {revenue} de chiffre d’affaires et {margin} de marge (avant le coût de la campagne).",
    ),
    ("roas-seuil", 3): (
        "{Business} a dépensé {cost} en publicités sur Facebook et Instagram. Les ventes obtenues s’élèvent à {revenue} de chiffre d’affaires ; les produits vendus lui avaient coûté {goods_cost} à l’achat. La campagne a attiré {customers} nouveaux clients.",
        "Pour sa campagne de printemps, {business} a investi {cost} en social ads. Chiffre d’affaires généré : {revenue} ; coût d’achat des produits vendus : {goods_cost} ; nouveaux clients : {customers}.",
        "{Business} analyse sa dernière campagne sponsorisée : {cost} de dépenses publicitaires, {customers} nouveaux clients et {revenue} de chiffre d’affaires, pour un coût d’achat des produits vendus de {goods_cost}.",
    ),
}

# Who fits each KPI: people reached on Facebook and Instagram are consumers; leads are asked for
# by businesses that quote or book (not a bakery); a break-even ROAS needs goods sold at a margin.
LEAD_SEEKERS = (
    "l’éditeur de logiciels de gestion Optimea",
    "la salle de sport Energym",
    "l’agence de voyages Cap Évasion",
    "l’atelier automobile Morel",
    "l’agence d’Annecy du Crédit des Lacs",
    "la fabrique de meubles Bois d’Antan",
    "l’espace de coworking La Ruche Numérique",
    "l’agence de communication Pixel Nord",
    "l’imprimerie Typo Sud",
    "la société d’expertise comptable Fidalys",
    "la start-up de logistique Flexidock",
)
SELLERS_OF_GOODS = (
    "la boulangerie Le Fournil de Léa",
    "la boutique de vêtements en ligne Atelier Garance",
    "la boutique de fleurs Pivoine et Capucine",
    "la marque de cosmétiques Ambre Naturelle",
    "la librairie Page Blanche",
    "la fabrique de meubles Bois d’Antan",
    "la brasserie du Vieux-Port",
)


def _named(names: tuple[str, ...]) -> tuple[Business, ...]:
    return tuple(business for business in BUSINESSES if business.name in names)


ADDED_BUSINESSES: dict[str, tuple[Business, ...]] = {
    "frequence": tuple(business for business in BUSINESSES if business.sector == "b2c"),
    "cout-par-lead": _named(LEAD_SEEKERS),
    "roas-seuil": _named(SELLERS_OF_GOODS),
}
