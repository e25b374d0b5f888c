"""French exercise statements for the generated KPI exercises (pure data, no Django import).

The engine picks a business, a template for (kpi slug, difficulty), fills the placeholders with
generated numbers (formatted and marked up), then appends ASK[slug] and the rounding instruction.

Placeholders: {Business} opens a sentence, {business} appears anywhere else but never right after
de, du, à, le or par, so that every name (which starts with la or l’) reads correctly. No adjective
or participle agrees with the business (some names are masculine, some feminine), and no pronoun
refers back to it except the possessives son, sa, ses and the pronoun lui.

Quantities given, by difficulty:
- 1: exactly the inputs of the KPI;
- 2: the inputs plus distractors that invite the known mistakes (the other bases, the whole funnel);
- 3: one computation step first (bounces instead of delivered, the parts of the engagement instead
  of the total, CPM and impressions instead of the budget, media and production costs instead of
  the cost), with the distractors of difficulty 2.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Business:
    name: str  # with its article (la, l’), lower-case first letter
    sector: str  # "b2c" or "b2b"


BUSINESSES: tuple[Business, ...] = (
    Business("la boulangerie Le Fournil de Léa", "b2c"),
    Business("la boutique de vêtements en ligne Atelier Garance", "b2c"),
    Business("l’éditeur de logiciels de gestion Optimea", "b2b"),
    Business("la salle de sport Energym", "b2c"),
    Business("l’association Les Amis du Vélo", "b2c"),
    Business("l’agence de voyages Cap Évasion", "b2c"),
    Business("la boutique de fleurs Pivoine et Capucine", "b2c"),
    Business("l’atelier automobile Morel", "b2c"),
    Business("la marque de cosmétiques Ambre Naturelle", "b2c"),
    Business("l’agence d’Annecy du Crédit des Lacs", "b2c"),
    Business("la librairie Page Blanche", "b2c"),
    Business("la fabrique de meubles Bois d’Antan", "b2c"),
    Business("l’espace de coworking La Ruche Numérique", "b2b"),
    Business("la brasserie du Vieux-Port", "b2c"),
    Business("l’agence de communication Pixel Nord", "b2b"),
    Business("l’imprimerie Typo Sud", "b2b"),
    Business("la société d’expertise comptable Fidalys", "b2b"),
    Business("la start-up de logistique Flexidock", "b2b"),
)


ASK: dict[str, str] = {
    "taux-delivrabilite": "Calculez le taux de délivrabilité de cette campagne, rapporté aux e-mails envoyés.",
    "taux-ouverture": "Calculez le taux d’ouverture de cette campagne, rapporté aux e-mails envoyés.",
    "taux-ouverture-delivres": "Calculez le taux d’ouverture de cette campagne, rapporté aux e-mails délivrés.",
    "taux-clics": "Calculez le taux de clics de cette campagne, rapporté aux e-mails envoyés.",
    "taux-clics-delivres": "Calculez le taux de clics de cette campagne, rapporté aux e-mails délivrés.",
    "taux-reactivite": "Calculez le taux de réactivité de cette campagne, rapporté aux e-mails ouverts.",
    "taux-conversion": "Calculez le taux de conversion de cette campagne, rapporté aux e-mails envoyés.",
    "taux-desabonnement": "Calculez le taux de désabonnement de cette campagne, rapporté aux e-mails envoyés.",
    "taux-desabonnement-delivres": "Calculez le taux de désabonnement de cette campagne, rapporté aux e-mails délivrés.",
    "engagement-twitter": "Calculez le taux d’engagement de ce tweet, rapporté à ses impressions.",
    "engagement-linkedin": "Calculez le taux d’engagement de cette publication LinkedIn, rapporté à ses impressions.",
    "engagement-facebook": "Calculez le taux d’engagement de cette publication Facebook, rapporté à sa portée.",
    "engagement-instagram": "Calculez le taux d’engagement de cette publication Instagram, rapporté au nombre d’abonnés du compte.",
    "cpm": "Calculez le CPM (coût pour mille impressions) de cette campagne.",
    "cpc": "Calculez le CPC (coût par clic) de cette campagne.",
    "ctr": "Calculez le CTR (taux de clic) de cette campagne, rapporté aux impressions.",
    "cpe": "Calculez le CPE (coût par engagement) de cette campagne.",
    "budget-cpm": "Calculez le budget publicitaire nécessaire pour obtenir ces impressions.",
    "taux-conversion-concours": "Calculez le taux de conversion de ce jeu-concours, rapporté au nombre de vues.",
    "roi": "Calculez le ROI (retour sur investissement) de cette campagne, rapporté à son coût total.",
    "roas": "Calculez le ROAS (retour sur dépenses publicitaires) de cette campagne, rapporté à son coût total.",
    "cout-acquisition": "Calculez le coût d’acquisition d’un nouveau client, en tenant compte de tous les coûts de la campagne.",
    "taux-hard-bounce": "Calculez le taux de hard bounces de cette campagne, rapporté aux e-mails envoyés.",
    "frequence": "Calculez la fréquence de cette campagne publicitaire.",
    "cout-par-lead": "Calculez le coût par lead de cette campagne, en tenant compte de tous ses coûts.",
    "roas-seuil": "Calculez le ROAS seuil, c’est-à-dire le ROAS à partir duquel la publicité devient rentable, le taux de marge étant la marge rapportée au chiffre d’affaires.",
}


CAMPAIGNS: tuple[str, ...] = (
    "{Business} a envoyé {sent} e-mails pour sa newsletter mensuelle. L’outil d’e-mailing indique {delivered} e-mails délivrés et {opened} e-mails ouverts ; les liens ont reçu {clicks} clics. La campagne a généré {purchases} achats et {unsubscribes} désabonnements.",
    "Pour annoncer ses offres de fin d’année, {business} a mené une campagne d’e-mailing : {sent} e-mails envoyés, {delivered} délivrés, {opened} ouverts, {clicks} clics, {purchases} achats et {unsubscribes} désabonnements.",
    "{Business} dresse le bilan de sa campagne d’e-mailing de rentrée. Sur {sent} e-mails envoyés, {delivered} sont arrivés à destination et {opened} ont été ouverts. On compte {clicks} clics et {purchases} achats, et le lien de désinscription a été utilisé {unsubscribes} fois.",
    "Voici les résultats de la campagne d’e-mailing que {business} a menée pour relancer ses contacts inactifs : {sent} e-mails envoyés, {delivered} e-mails délivrés, {opened} e-mails ouverts, {clicks} clics, {purchases} achats et {unsubscribes} désabonnements.",
    "Pour fêter son anniversaire, {business} a envoyé {sent} e-mails à ses contacts, dont {delivered} ont été délivrés. Les destinataires ont ouvert {opened} e-mails et cliqué {clicks} fois sur les liens ; la campagne a abouti à {purchases} achats et provoqué {unsubscribes} désabonnements.",
)
