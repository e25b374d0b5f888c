"""The statements generator version 2 uses instead of version 1's, per (KPI slug, difficulty):
pure data. Every other (slug, difficulty) keeps `statements.TEMPLATES`. The placeholders follow
the rules of `phrasings.py`'s docstring.

- Difficulty 3 of the rates on the e-mails sent gives the e-mails delivered and the bounces, not
  the e-mails sent: the student adds them up first (M16), and the rate on delivered is a mistake
  the data can recognise.
- Difficulty 3 of the CPM, the CTR and the budget from the CPM gives the impressions per network
  (Facebook and Instagram): the student adds them up first (M16).
- Difficulty 3 of the contest's conversion rate gives the views of the contest's publication on
  each network: the student adds them up first.
- Difficulty 3 of the réactivité gives the clicks on each link of the e-mail (the offer's, the
  others'): the student adds them up first; all of them are clicks on the e-mails opened.
- The tweets give no reach: X's statistics do not report one (A17).
"""

from __future__ import annotations

V2_TEMPLATES: dict[tuple[str, int], tuple[str, ...]] = {
    ("taux-ouverture", 3): (
        "{Business} a envoyé sa newsletter pour annoncer ses offres de fin d’année. Le rapport de campagne indique {delivered} e-mails délivrés et {bounces} e-mails rejetés (bounces) ; on compte {opened} e-mails ouverts et {clicks} clics.",
        "Pour sa campagne d’e-mailing de rentrée, {business} a obtenu {delivered} e-mails délivrés ; les autres, au nombre de {bounces}, ont été rejetés (bounces). Les destinataires ont ouvert {opened} e-mails et cliqué {clicks} fois sur les liens.",
        "{Business} analyse sa dernière newsletter : {delivered} e-mails délivrés, {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts et {clicks} clics. Tous les e-mails envoyés ont été soit délivrés, soit rejetés.",
    ),
    ("taux-clics", 3): (
        "{Business} a mené sa campagne d’e-mailing de fin d’année. Le rapport indique {delivered} e-mails délivrés, {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts et {clicks} clics.",
        "Pour présenter une offre spéciale, {business} a lancé une campagne d’e-mailing : {delivered} e-mails sont arrivés à destination et {bounces} ont été rejetés (bounces) ; on compte {opened} e-mails ouverts et {clicks} clics.",
        "Sur les e-mails de sa newsletter, {business} compte {delivered} e-mails délivrés et {bounces} e-mails rejetés (bounces). Les destinataires ont ouvert {opened} e-mails et cliqué {clicks} fois sur les liens.",
    ),
    ("taux-conversion", 3): (
        "{Business} a mené sa campagne d’e-mailing de rentrée : {delivered} e-mails délivrés et {bounces} e-mails rejetés (bounces). Les destinataires ont ouvert {opened} e-mails et cliqué {clicks} fois ; la campagne a abouti à {purchases} achats.",
        "Pour présenter ses nouveautés, {business} a mené une campagne d’e-mailing : {delivered} e-mails délivrés, {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts, {clicks} clics et {purchases} achats.",
        "{Business} analyse sa newsletter de fin d’année. Parmi les e-mails envoyés, {delivered} ont été délivrés et {bounces} rejetés (bounces) ; {opened} ont été ouverts, les liens ont reçu {clicks} clics, qui ont abouti à {purchases} achats.",
    ),
    ("taux-desabonnement", 3): (
        "{Business} a annoncé ses portes ouvertes par e-mail : {delivered} e-mails ont été délivrés et {bounces} rejetés (bounces). La campagne a obtenu {opened} ouvertures et {clicks} clics, mais aussi {unsubscribes} désabonnements.",
        "Pour sa campagne d’e-mailing de rentrée, {business} relève {delivered} e-mails délivrés, {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts, {clicks} clics et {unsubscribes} désabonnements.",
        "Sur les e-mails de sa newsletter mensuelle, {business} compte {delivered} e-mails délivrés, {bounces} e-mails non délivrés (bounces) et {opened} e-mails ouverts. Les liens ont reçu {clicks} clics, et le lien de désinscription a été utilisé {unsubscribes} fois.",
    ),
    ("taux-reactivite", 3): (
        "{Business} a envoyé {sent} e-mails pour sa newsletter mensuelle ; {opened} d’entre eux ont été ouverts. L’outil d’e-mailing compte les clics lien par lien : {offer_clicks} clics sur le lien de l’offre du mois et {other_clicks} clics sur les autres liens.",
        "Pour annoncer une offre spéciale, {business} a lancé une campagne de {sent} e-mails : {delivered} ont été délivrés et {opened} ouverts. Le lien vers l’offre a reçu {offer_clicks} clics, les autres liens de l’e-mail {other_clicks} clics.",
        "{Business} analyse sa campagne d’e-mailing de printemps : {sent} e-mails envoyés, {opened} e-mails ouverts, {offer_clicks} clics sur le lien de l’offre (le bouton « Je découvre l’offre ») et {other_clicks} clics sur les autres liens (réseaux sociaux, site).",
    ),
    ("engagement-twitter", 2): (
        "{Business} compte {followers} abonnés sur Twitter (X). Son dernier tweet a été affiché {impressions} fois et a suscité {engagements} interactions, dont {likes} j’aime.",
        "Sur Twitter (X), {business} a publié un tweet annonçant une offre spéciale. Ce tweet a généré {impressions} impressions ; il totalise {engagements} engagements, dont {likes} j’aime. Le compte est suivi par {followers} abonnés.",
        "{Business} relève les statistiques de son tweet de la semaine sur Twitter (X) : {impressions} impressions et {engagements} interactions, parmi lesquelles {likes} j’aime. Le compte rassemble {followers} abonnés.",
    ),
    ("engagement-twitter", 3): (
        "Sur Twitter (X), {business} a publié un tweet qui a obtenu {likes} j’aime, {comments} commentaires (réponses) et {shares} partages (retweets). Ce tweet a été affiché {impressions} fois ; le compte est suivi par {followers} abonnés.",
        "{Business} compte {followers} abonnés sur Twitter (X). Son tweet du week-end a généré {impressions} impressions ; il a reçu {likes} j’aime, {comments} commentaires (réponses) et {shares} partages (retweets).",
        "Pour annoncer un événement, {business} a publié un tweet sur Twitter (X). Bilan : {impressions} impressions, {likes} j’aime, {shares} partages (retweets) et {comments} commentaires (réponses). Le compte réunit {followers} abonnés.",
    ),
    ("cpm", 3): (
        "{Business} a diffusé la même annonce sur Facebook et Instagram pour un budget de {budget}. Le gestionnaire de publicités indique {facebook_impressions} impressions sur Facebook et {instagram_impressions} impressions sur Instagram ; l’annonce a obtenu {clicks} clics et {engagements} interactions.",
        "Voici le bilan de la campagne sponsorisée que {business} a diffusée sur Facebook et Instagram : un budget de {budget}, {clicks} clics, {engagements} engagements, {facebook_impressions} impressions sur Facebook et {instagram_impressions} sur Instagram.",
        "Pour annoncer une offre spéciale, {business} a lancé une campagne de social ads sur Facebook et Instagram. Cette campagne a coûté {budget} ; l’annonce a été affichée {facebook_impressions} fois sur Facebook et {instagram_impressions} fois sur Instagram, et a produit {clicks} clics et {engagements} interactions.",
    ),
    ("ctr", 3): (
        "{Business} fait le bilan de sa campagne de social ads sur Facebook et Instagram : {reach} personnes touchées, {facebook_impressions} impressions sur Facebook, {instagram_impressions} impressions sur Instagram et {clicks} clics.",
        "Pour annoncer ses portes ouvertes, {business} a diffusé une annonce sur Facebook et Instagram. L’annonce a obtenu {clicks} clics ; elle a été affichée {facebook_impressions} fois sur Facebook et {instagram_impressions} fois sur Instagram, auprès de {reach} personnes au total.",
        "{Business} a lancé une campagne publicitaire sur Facebook et Instagram. Selon le gestionnaire de publicités, l’annonce a touché {reach} personnes, a été affichée {facebook_impressions} fois sur Facebook et {instagram_impressions} fois sur Instagram, et a généré {clicks} clics.",
    ),
    ("budget-cpm", 3): (
        "Pour gagner en notoriété, {business} prépare une campagne sur Facebook et Instagram. Ses objectifs : {facebook_impressions} impressions sur Facebook, {instagram_impressions} impressions sur Instagram, {reach} personnes touchées et {clicks} clics ; la régie propose un CPM de {cpm} sur les deux réseaux.",
        "{Business} prévoit une campagne de social ads sur Facebook et Instagram pour toucher {reach} personnes et obtenir {clicks} clics. Pour y parvenir, il faut viser {facebook_impressions} impressions sur Facebook et {instagram_impressions} sur Instagram, achetées au CPM de {cpm}.",
        "Avant de lancer sa campagne sponsorisée sur Facebook et Instagram, {business} fixe ses objectifs : {clicks} clics, {reach} personnes touchées, {facebook_impressions} impressions sur Facebook et {instagram_impressions} impressions sur Instagram. Le CPM annoncé est de {cpm} sur les deux réseaux.",
    ),
    ("taux-conversion-concours", 3): (
        "{Business} a publié son jeu-concours sur Facebook et sur Instagram. La publication du jeu a été vue {facebook_impressions} fois sur Facebook et {instagram_impressions} fois sur Instagram (impressions) ; {participants} personnes ont participé. Son compte Instagram est suivi par {followers} abonnés.",
        "Pour fêter son anniversaire, {business} a lancé un jeu-concours sur Facebook et Instagram : {participants} participants, pour {facebook_impressions} vues de la publication sur Facebook et {instagram_impressions} vues sur Instagram. Sa page Facebook compte {followers} abonnés.",
        "{Business} fait le bilan de son jeu-concours, publié sur Facebook et Instagram. Le compte Instagram réunit {followers} abonnés ; la publication du jeu a été affichée {instagram_impressions} fois sur Instagram et {facebook_impressions} fois sur Facebook, et {participants} personnes ont participé.",
    ),
}
