"""The French statements of the generated exercises, per (KPI slug, difficulty): pure data, read
by `generate.py`. The rules the placeholders follow are in `phrasings.py`'s docstring."""

from __future__ import annotations

from quiz.engine.added_statements import ADDED_TEMPLATES

TEMPLATES: dict[tuple[str, int], tuple[str, ...]] = {
    # ----------------------------------------------------------------------------------------------
    # E-mailing. Difficulty 2 gives the funnel (sent, delivered, opened, clicks and the numerator);
    # difficulty 3 gives the same funnel with the bounces instead of the e-mails delivered.
    # ----------------------------------------------------------------------------------------------
    ("taux-delivrabilite", 1): (
        "{Business} a envoyé {sent} e-mails pour sa newsletter mensuelle. D’après le rapport de l’outil d’e-mailing, {delivered} e-mails sont bien arrivés dans une boîte de réception.",
        "Pour annoncer ses offres de fin d’année, {business} a lancé une campagne d’e-mailing : sur {sent} e-mails envoyés, {delivered} ont été délivrés.",
        "{Business} fait le point sur sa dernière campagne d’e-mailing. Le logiciel indique {sent} e-mails envoyés et {delivered} e-mails délivrés.",
        "Après avoir mis à jour son fichier de contacts, {business} a envoyé une campagne d’e-mailing à {sent} adresses ; {delivered} e-mails ont été délivrés.",
    ),
    ("taux-delivrabilite", 2): (
        "{Business} a lancé une campagne de {sent} e-mails pour présenter ses nouveautés. L’outil d’e-mailing indique {delivered} e-mails délivrés, {opened} e-mails ouverts et {clicks} clics.",
        "{Business} dresse le bilan de sa campagne d’e-mailing de rentrée : {sent} e-mails envoyés, {delivered} délivrés, {opened} ouverts et {clicks} clics sur les liens.",
        "Pour relancer ses contacts inactifs, {business} a mené une campagne d’e-mailing. Sur {sent} e-mails envoyés, {delivered} ont été délivrés et {opened} ouverts, pour un total de {clicks} clics.",
    ),
    ("taux-delivrabilite", 3): (
        "{Business} a envoyé {sent} e-mails pour sa newsletter mensuelle. L’outil d’e-mailing signale {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts et {clicks} clics.",
        "Pour annoncer ses portes ouvertes, {business} a lancé une campagne de {sent} e-mails. Parmi eux, {bounces} n’ont pas pu être délivrés (bounces) ; on compte par ailleurs {opened} e-mails ouverts et {clicks} clics.",
        "{Business} fait le point sur sa dernière campagne d’e-mailing : sur {sent} e-mails envoyés, {bounces} ont été rejetés (adresses invalides ou boîtes pleines), {opened} ont été ouverts et les liens ont reçu {clicks} clics.",
    ),
    ("taux-ouverture", 1): (
        "{Business} a envoyé {sent} e-mails pour sa newsletter mensuelle ; {opened} d’entre eux ont été ouverts.",
        "Pour présenter ses nouveautés, {business} a mené une campagne d’e-mailing : {sent} e-mails envoyés et {opened} e-mails ouverts.",
        "Sur les {sent} e-mails de sa campagne de printemps, {business} a relevé {opened} e-mails ouverts.",
    ),
    ("taux-ouverture", 2): (
        "{Business} a lancé une campagne d’e-mailing pour annoncer une offre spéciale. Sur {sent} e-mails envoyés, {delivered} ont été délivrés et {opened} ouverts ; les destinataires ont cliqué {clicks} fois sur les liens.",
        "Voici les statistiques de la newsletter que {business} a envoyée en début de mois : {sent} e-mails envoyés, {delivered} e-mails délivrés, {opened} e-mails ouverts et {clicks} clics.",
        "Pour relancer ses contacts inactifs, {business} a envoyé {sent} e-mails. Le rapport de campagne fait état de {delivered} e-mails délivrés, {opened} e-mails ouverts et {clicks} clics.",
    ),
    ("taux-ouverture", 3): (
        "{Business} a envoyé {sent} e-mails pour annoncer ses offres de fin d’année. Le rapport de campagne signale {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts et {clicks} clics.",
        "Pour sa campagne d’e-mailing de rentrée, {business} a envoyé {sent} e-mails, dont {bounces} ont été rejetés (bounces). Les destinataires ont ouvert {opened} e-mails et cliqué {clicks} fois sur les liens.",
        "{Business} analyse sa dernière newsletter : {sent} e-mails envoyés, {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts et {clicks} clics.",
    ),
    ("taux-ouverture-delivres", 1): (
        "{Business} a envoyé sa newsletter mensuelle : {delivered} e-mails ont été délivrés et {opened} ont été ouverts.",
        "Sur les {delivered} e-mails délivrés lors de sa campagne de printemps, {business} a comptabilisé {opened} e-mails ouverts.",
        "Pour annoncer ses portes ouvertes, {business} a mené une campagne d’e-mailing. Le rapport indique {delivered} e-mails arrivés dans une boîte de réception, dont {opened} ouverts.",
    ),
    ("taux-ouverture-delivres", 2): (
        "Pour présenter une offre spéciale, {business} a lancé une campagne de {sent} e-mails. L’outil d’e-mailing compte {delivered} e-mails délivrés, {opened} e-mails ouverts et {clicks} clics.",
        "Pour sa campagne d’e-mailing de fin d’année, {business} a obtenu les résultats suivants : {sent} e-mails envoyés, {delivered} délivrés, {opened} ouverts et {clicks} clics.",
        "Après une campagne de {sent} e-mails destinée à relancer ses contacts inactifs, {business} constate que {delivered} e-mails ont été délivrés. Parmi eux, {opened} ont été ouverts, et les liens ont reçu {clicks} clics.",
    ),
    ("taux-ouverture-delivres", 3): (
        "{Business} a envoyé {sent} e-mails pour sa newsletter mensuelle, mais {bounces} ont été rejetés (bounces). L’outil d’e-mailing indique par ailleurs {opened} e-mails ouverts et {clicks} clics.",
        "Pour sa campagne de printemps, {business} a envoyé {sent} e-mails. Le rapport signale {bounces} e-mails non délivrés (bounces), {opened} e-mails ouverts et {clicks} clics.",
        "{Business} dresse le bilan de sa campagne d’e-mailing : {sent} e-mails envoyés, {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts et {clicks} clics sur les liens.",
    ),
    ("taux-clics", 1): (
        "{Business} a envoyé {sent} e-mails pour annoncer une offre spéciale. Les liens de la campagne ont reçu {clicks} clics.",
        "Pour sa newsletter mensuelle, {business} a envoyé {sent} e-mails, qui ont généré {clicks} clics vers son site.",
        "{Business} fait le bilan de sa campagne d’e-mailing de rentrée : {sent} e-mails envoyés et {clicks} clics enregistrés.",
    ),
    ("taux-clics", 2): (
        "{Business} a mené une campagne d’e-mailing pour présenter ses nouveautés : {sent} e-mails envoyés, {delivered} e-mails délivrés, {opened} e-mails ouverts et {clicks} clics.",
        "Pour relancer ses contacts inactifs, {business} a mené une campagne de {sent} e-mails, dont {delivered} sont arrivés à destination. Les destinataires en ont ouvert {opened} et ont cliqué {clicks} fois sur les liens.",
        "Voici le bilan de la campagne d’e-mailing que {business} a menée pour son anniversaire : {sent} e-mails envoyés, {delivered} délivrés, {opened} ouverts et {clicks} clics.",
    ),
    ("taux-clics", 3): (
        "{Business} a envoyé {sent} e-mails pour sa campagne de fin d’année. Le rapport signale {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts et {clicks} clics.",
        "Pour présenter une offre spéciale, {business} a lancé une campagne d’e-mailing : {sent} e-mails envoyés, {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts et {clicks} clics.",
        "Sur les {sent} e-mails de sa newsletter, {business} compte {bounces} e-mails rejetés (bounces). Les destinataires ont ouvert {opened} e-mails et cliqué {clicks} fois sur les liens.",
    ),
    ("taux-clics-delivres", 1): (
        "{Business} a envoyé sa newsletter mensuelle : {delivered} e-mails ont été délivrés et les liens ont reçu {clicks} clics.",
        "Lors de sa campagne d’e-mailing de rentrée, {business} a comptabilisé {clicks} clics pour {delivered} e-mails délivrés.",
        "Pour annoncer une offre spéciale, {business} a mené une campagne d’e-mailing. Sur les {delivered} e-mails arrivés à destination, les liens ont été cliqués {clicks} fois.",
    ),
    ("taux-clics-delivres", 2): (
        "{Business} a envoyé {sent} e-mails pour sa campagne de printemps. L’outil d’e-mailing indique {delivered} e-mails délivrés, {opened} e-mails ouverts et {clicks} clics.",
        "Pour fêter son anniversaire, {business} a mené une campagne d’e-mailing : {sent} e-mails envoyés, {delivered} délivrés, {opened} ouverts et {clicks} clics sur les liens.",
        "Sur {sent} e-mails envoyés pour sa newsletter, {business} compte {delivered} e-mails délivrés et {opened} e-mails ouverts. La campagne a généré {clicks} clics.",
    ),
    ("taux-clics-delivres", 3): (
        "{Business} a envoyé {sent} e-mails pour annoncer ses nouveautés ; {bounces} ont été rejetés (bounces). Les destinataires ont ouvert {opened} e-mails et cliqué {clicks} fois sur les liens.",
        "Voici le bilan de la campagne d’e-mailing que {business} a menée pour relancer ses contacts inactifs : {sent} e-mails envoyés, {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts et {clicks} clics.",
        "Pour sa newsletter mensuelle, {business} a envoyé {sent} e-mails. L’outil d’e-mailing signale {bounces} e-mails non délivrés (bounces), {opened} e-mails ouverts et {clicks} clics.",
    ),
    ("taux-reactivite", 1): (
        "{Business} a envoyé sa newsletter mensuelle. Les {opened} e-mails ouverts ont généré {clicks} clics sur les liens.",
        "Lors de sa campagne d’e-mailing de fin d’année, {business} a enregistré {opened} e-mails ouverts et {clicks} clics.",
        "Pour présenter ses nouveautés, {business} a mené une campagne d’e-mailing : les destinataires ont ouvert {opened} e-mails et cliqué {clicks} fois sur les liens.",
    ),
    ("taux-reactivite", 2): (
        "Pour annoncer ses portes ouvertes, {business} a lancé une campagne de {sent} e-mails. L’outil d’e-mailing indique {delivered} e-mails délivrés, {opened} e-mails ouverts et {clicks} clics.",
        "Pour sa campagne d’e-mailing de rentrée, {business} obtient les résultats suivants : {sent} e-mails envoyés, {delivered} délivrés, {opened} ouverts et {clicks} clics.",
        "Sur les {sent} e-mails de sa campagne de relance des contacts inactifs, {business} compte {delivered} e-mails délivrés. Les destinataires ont ouvert {opened} e-mails et cliqué {clicks} fois sur les liens.",
    ),
    ("taux-reactivite", 3): (
        "{Business} a envoyé {sent} e-mails pour sa newsletter mensuelle. Le rapport de campagne signale {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts et {clicks} clics.",
        "Pour annoncer une offre spéciale, {business} a lancé une campagne de {sent} e-mails. Parmi eux, {bounces} n’ont pas été délivrés (bounces) ; {opened} e-mails ont été ouverts et les liens ont reçu {clicks} clics.",
        "{Business} analyse sa campagne d’e-mailing de printemps : {sent} e-mails envoyés, {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts et {clicks} clics.",
    ),
    ("taux-conversion", 1): (
        "{Business} a envoyé {sent} e-mails pour présenter une offre spéciale. Cette campagne a donné lieu à {purchases} achats.",
        "Pour sa campagne d’e-mailing de fin d’année, {business} a envoyé {sent} e-mails ; le nombre d’achats réalisés à partir de ces e-mails s’élève à {purchases}.",
        "{Business} dresse le bilan de sa newsletter mensuelle : {sent} e-mails envoyés et {purchases} achats réalisés grâce aux liens de la campagne.",
    ),
    ("taux-conversion", 2): (
        "{Business} a envoyé {sent} e-mails pour annoncer une offre spéciale : {delivered} ont été délivrés et {opened} ouverts. La campagne a généré {clicks} clics et {purchases} achats.",
        "Voici les résultats de la campagne d’e-mailing que {business} a menée pour son anniversaire : {sent} e-mails envoyés, {delivered} délivrés, {opened} ouverts, {clicks} clics et {purchases} achats.",
        "Pour relancer ses contacts inactifs, {business} a mené une campagne de {sent} e-mails, dont {delivered} sont arrivés à destination. On compte {opened} e-mails ouverts et {clicks} clics ; le nombre d’achats s’élève à {purchases}.",
    ),
    ("taux-conversion", 3): (
        "{Business} a envoyé {sent} e-mails pour sa campagne de rentrée, dont {bounces} ont été rejetés (bounces). Les destinataires ont ouvert {opened} e-mails et cliqué {clicks} fois ; la campagne a abouti à {purchases} achats.",
        "Pour présenter ses nouveautés, {business} a mené une campagne d’e-mailing : {sent} e-mails envoyés, {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts, {clicks} clics et {purchases} achats.",
        "{Business} analyse sa newsletter de fin d’année. Sur {sent} e-mails envoyés, {bounces} n’ont pas été délivrés (bounces) et {opened} ont été ouverts ; les liens ont reçu {clicks} clics, qui ont abouti à {purchases} achats.",
    ),
    ("taux-desabonnement", 1): (
        "{Business} a envoyé {sent} e-mails pour sa newsletter mensuelle. À la suite de cet envoi, le lien de désinscription a été utilisé {unsubscribes} fois.",
        "Après l’envoi de {sent} e-mails pour sa campagne de printemps, {business} a enregistré {unsubscribes} désabonnements.",
        "Pour annoncer ses offres de fin d’année, {business} a envoyé {sent} e-mails ; le nombre de désabonnements consécutifs à cette campagne s’élève à {unsubscribes}.",
    ),
    ("taux-desabonnement", 2): (
        "{Business} a envoyé {sent} e-mails pour sa newsletter mensuelle : {delivered} ont été délivrés, {opened} ont été ouverts et les liens ont reçu {clicks} clics. La campagne a aussi provoqué {unsubscribes} désabonnements.",
        "Voici le bilan de la campagne d’e-mailing que {business} a menée pour présenter ses nouveautés : {sent} e-mails envoyés, {delivered} délivrés, {opened} ouverts, {clicks} clics et {unsubscribes} désabonnements.",
        "Pour relancer ses contacts inactifs, {business} a lancé une campagne de {sent} e-mails. L’outil d’e-mailing indique {delivered} e-mails délivrés, {opened} e-mails ouverts et {clicks} clics ; le lien de désinscription a été utilisé {unsubscribes} fois.",
    ),
    ("taux-desabonnement", 3): (
        "{Business} a envoyé {sent} e-mails pour annoncer ses portes ouvertes, dont {bounces} ont été rejetés (bounces). La campagne a obtenu {opened} ouvertures et {clicks} clics, mais aussi {unsubscribes} désabonnements.",
        "Pour sa campagne d’e-mailing de rentrée, {business} relève {sent} e-mails envoyés, {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts, {clicks} clics et {unsubscribes} désabonnements.",
        "Sur les {sent} e-mails de sa newsletter mensuelle, {business} compte {bounces} e-mails non délivrés (bounces) et {opened} e-mails ouverts. Les liens ont reçu {clicks} clics, et le lien de désinscription a été utilisé {unsubscribes} fois.",
    ),
    ("taux-desabonnement-delivres", 1): (
        "{Business} a envoyé sa newsletter mensuelle : {delivered} e-mails ont été délivrés et le lien de désinscription a été utilisé {unsubscribes} fois.",
        "Lors de sa campagne d’e-mailing de printemps, {business} a enregistré {unsubscribes} désabonnements pour {delivered} e-mails délivrés.",
        "Pour présenter une offre spéciale, {business} a mené une campagne d’e-mailing. Les {delivered} e-mails arrivés à destination ont entraîné {unsubscribes} désabonnements.",
    ),
    ("taux-desabonnement-delivres", 2): (
        "{Business} a envoyé {sent} e-mails pour sa campagne de fin d’année. L’outil d’e-mailing indique {delivered} e-mails délivrés, {opened} e-mails ouverts, {clicks} clics et {unsubscribes} désabonnements.",
        "Pour fêter son anniversaire, {business} a mené une campagne d’e-mailing : {sent} e-mails envoyés, {delivered} délivrés, {opened} ouverts et {clicks} clics. Le lien de désinscription a été utilisé {unsubscribes} fois.",
        "Sur {sent} e-mails envoyés pour relancer ses contacts inactifs, {business} compte {delivered} e-mails délivrés et {opened} e-mails ouverts. La campagne a généré {clicks} clics et {unsubscribes} désabonnements.",
    ),
    ("taux-desabonnement-delivres", 3): (
        "{Business} a envoyé {sent} e-mails pour sa newsletter mensuelle ; {bounces} ont été rejetés (bounces). Les destinataires ont ouvert {opened} e-mails et cliqué {clicks} fois sur les liens, et la campagne a entraîné {unsubscribes} désabonnements.",
        "Voici le bilan de la campagne d’e-mailing que {business} a menée pour présenter ses nouveautés : {sent} e-mails envoyés, {bounces} e-mails rejetés (bounces), {opened} e-mails ouverts, {clicks} clics et {unsubscribes} désabonnements.",
        "Pour sa campagne de printemps, {business} a envoyé {sent} e-mails. Le rapport signale {bounces} e-mails non délivrés (bounces), {opened} e-mails ouverts, {clicks} clics et {unsubscribes} désabonnements.",
    ),
    # ----------------------------------------------------------------------------------------------
    # Engagement. Difficulty 2 keeps the total and adds the likes and the other bases; difficulty 3
    # gives the parts of the engagement (the engine adds them up) and the three bases.
    # ----------------------------------------------------------------------------------------------
    ("engagement-twitter", 1): (
        "Sur Twitter (X), {business} a publié un tweet pour annoncer ses nouveautés. Ce tweet a été affiché {impressions} fois et a suscité {engagements} interactions (j’aime, réponses, partages…).",
        "{Business} analyse les statistiques de son dernier tweet sur Twitter (X) : {impressions} impressions et {engagements} engagements.",
        "Pour annoncer une offre spéciale, {business} a publié un tweet sur Twitter (X). D’après les statistiques du compte, ce tweet totalise {engagements} interactions pour {impressions} impressions.",
    ),
    ("engagement-twitter", 2): (
        "{Business} compte {followers} abonnés sur Twitter (X). Son dernier tweet a été vu par {reach} personnes, pour un total de {impressions} impressions, et a suscité {engagements} interactions, dont {likes} j’aime.",
        "Sur Twitter (X), {business} a publié un tweet annonçant une offre spéciale. Ce tweet a touché {reach} personnes et généré {impressions} impressions ; il totalise {engagements} engagements, dont {likes} j’aime. Le compte est suivi par {followers} abonnés.",
        "{Business} relève les statistiques de son tweet de la semaine sur Twitter (X) : {impressions} impressions, une portée de {reach} personnes et {engagements} interactions, parmi lesquelles {likes} j’aime. Le compte rassemble {followers} abonnés.",
    ),
    ("engagement-twitter", 3): (
        "Sur Twitter (X), {business} a publié un tweet qui a obtenu {likes} j’aime, {comments} commentaires (réponses) et {shares} partages (retweets). Ce tweet a été affiché {impressions} fois auprès de {reach} personnes ; le compte est suivi par {followers} abonnés.",
        "{Business} compte {followers} abonnés sur Twitter (X). Son tweet du week-end a généré {impressions} impressions pour une portée de {reach} personnes ; il a reçu {likes} j’aime, {comments} commentaires et {shares} partages.",
        "Pour annoncer un événement, {business} a publié un tweet sur Twitter (X). Bilan : {reach} personnes touchées, {impressions} impressions, {likes} j’aime, {shares} partages et {comments} commentaires. Le compte réunit {followers} abonnés.",
    ),
    ("engagement-linkedin", 1): (
        "Sur sa page LinkedIn, {business} a publié un post pour présenter son équipe. Cette publication a généré {impressions} impressions et {engagements} interactions.",
        "{Business} analyse sa dernière publication LinkedIn : {engagements} engagements (réactions, commentaires, partages…) pour {impressions} impressions.",
        "Pour annoncer un recrutement, {business} a publié un post sur LinkedIn. Les statistiques de cette publication indiquent {impressions} impressions et {engagements} interactions.",
    ),
    ("engagement-linkedin", 2): (
        "{Business} compte {followers} abonnés sur LinkedIn. Sa dernière publication a été vue par {reach} personnes, pour {impressions} impressions, et a obtenu {engagements} interactions, dont {likes} j’aime.",
        "Sur LinkedIn, {business} a publié un post pour annoncer un recrutement. Cette publication a touché {reach} personnes et généré {impressions} impressions ; elle totalise {engagements} engagements, dont {likes} j’aime. La page est suivie par {followers} abonnés.",
        "{Business} relève les statistiques de sa publication LinkedIn de la semaine : {impressions} impressions, {reach} personnes touchées et {engagements} interactions, dont {likes} j’aime. Sa page compte {followers} abonnés.",
    ),
    ("engagement-linkedin", 3): (
        "Sur LinkedIn, {business} a publié un post pour présenter son équipe. Cette publication a reçu {likes} j’aime, {comments} commentaires et {shares} partages ; elle a été affichée {impressions} fois auprès de {reach} personnes. La page compte {followers} abonnés.",
        "{Business}, dont la page LinkedIn compte {followers} abonnés, a publié un post pour annoncer un recrutement. Résultats de cette publication : {impressions} impressions, {reach} personnes touchées, {likes} j’aime, {comments} commentaires et {shares} partages.",
        "Pour partager son bilan de l’année, {business} a publié un post sur LinkedIn. Cette publication a généré {impressions} impressions pour une portée de {reach} personnes, et recueilli {likes} j’aime, {shares} partages et {comments} commentaires ; la page est suivie par {followers} abonnés.",
    ),
    ("engagement-facebook", 1): (
        "Sur sa page Facebook, {business} a publié une photo pour annoncer ses nouveautés. Cette publication a touché {reach} personnes et suscité {engagements} interactions.",
        "{Business} analyse sa dernière publication Facebook : une portée de {reach} personnes et {engagements} engagements (j’aime, commentaires, partages…).",
        "Pour annoncer ses portes ouvertes, {business} a publié un message sur Facebook. D’après les statistiques de la page, cette publication a atteint {reach} personnes et totalise {engagements} interactions.",
    ),
    ("engagement-facebook", 2): (
        "{Business} compte {followers} abonnés sur Facebook. Sa dernière publication a touché {reach} personnes et a été affichée {impressions} fois ; elle a recueilli {engagements} interactions, dont {likes} j’aime.",
        "Sur Facebook, {business} a publié une vidéo pour présenter une offre spéciale. Cette publication a été affichée {impressions} fois auprès de {reach} personnes et a généré {engagements} engagements, dont {likes} j’aime. La page rassemble {followers} abonnés.",
        "{Business} fait le point sur sa publication Facebook de la semaine : {reach} personnes touchées, {impressions} impressions et {engagements} interactions, parmi lesquelles {likes} j’aime. Sa page est suivie par {followers} abonnés.",
    ),
    ("engagement-facebook", 3): (
        "Sur sa page Facebook, suivie par {followers} abonnés, {business} a publié une vidéo. Cette publication a atteint {reach} personnes pour {impressions} impressions ; elle a reçu {likes} j’aime, {comments} commentaires et {shares} partages.",
        "{Business} a publié sur Facebook l’annonce de ses portes ouvertes. Résultats de cette publication : {impressions} impressions, une portée de {reach} personnes, {likes} j’aime, {shares} partages et {comments} commentaires. La page compte {followers} abonnés.",
        "Pour son anniversaire, {business} a publié un message sur Facebook. La publication a obtenu {likes} j’aime, {comments} commentaires et {shares} partages ; elle a été vue par {reach} personnes et affichée {impressions} fois. La page réunit {followers} abonnés.",
    ),
    ("engagement-instagram", 1): (
        "{Business} compte {followers} abonnés sur Instagram. Sa dernière publication a suscité {engagements} interactions (j’aime, commentaires, partages, enregistrements…).",
        "Sur Instagram, {business} a publié un post pour présenter ses nouveautés. Le compte est suivi par {followers} abonnés et la publication totalise {engagements} engagements.",
        "Pour annoncer une offre spéciale, {business} a publié un carrousel sur son compte Instagram, qui rassemble {followers} abonnés. Cette publication a obtenu {engagements} interactions.",
    ),
    ("engagement-instagram", 2): (
        "{Business} compte {followers} abonnés sur Instagram. Sa dernière publication a touché {reach} personnes pour {impressions} impressions, et a obtenu {engagements} interactions, dont {likes} j’aime.",
        "Sur Instagram, {business} a publié un post pour annoncer un événement. Cette publication a été affichée {impressions} fois auprès de {reach} personnes et a généré {engagements} engagements, dont {likes} j’aime. Le compte est suivi par {followers} abonnés.",
        "{Business} fait le point sur sa publication Instagram de la semaine : {impressions} impressions, {reach} comptes touchés et {engagements} interactions, parmi lesquelles {likes} j’aime. Le compte réunit {followers} abonnés.",
    ),
    ("engagement-instagram", 3): (
        "{Business} compte {followers} abonnés sur Instagram. Sa dernière publication a touché {reach} comptes pour {impressions} impressions ; elle a reçu {likes} j’aime, {comments} commentaires, {shares} partages et {saves} enregistrements.",
        "Sur Instagram, {business} a publié un carrousel pour présenter ses nouveautés. Résultats de cette publication : {impressions} impressions, {reach} comptes touchés, {likes} j’aime, {comments} commentaires, {shares} partages et {saves} enregistrements. Le compte est suivi par {followers} abonnés.",
        "Pour fêter son anniversaire, {business} a publié une vidéo sur son compte Instagram, qui rassemble {followers} abonnés. La publication a été vue par {reach} personnes et affichée {impressions} fois ; elle a obtenu {likes} j’aime, {saves} enregistrements, {shares} partages et {comments} commentaires.",
    ),
    # ----------------------------------------------------------------------------------------------
    # Social ads. Difficulty 2 adds the other ad quantities; difficulty 3 gives the CPM and the
    # impressions instead of the budget (cpc, cpe), the distractors of difficulty 2 otherwise.
    # ----------------------------------------------------------------------------------------------
    ("cpm", 1): (
        "{Business} a consacré un budget de {budget} à une campagne de social ads sur Instagram. La publicité a été affichée {impressions} fois.",
        "Pour promouvoir ses nouveautés, {business} a lancé une campagne sponsorisée sur Facebook avec un budget de {budget}. La campagne a généré {impressions} impressions.",
        "{Business} a investi {budget} dans une campagne publicitaire sur LinkedIn, qui a totalisé {impressions} impressions.",
    ),
    ("cpm", 2): (
        "{Business} a dépensé {budget} pour une campagne de social ads sur Facebook. Bilan : {impressions} impressions, {clicks} clics et {engagements} interactions.",
        "Pour sa campagne de rentrée sur Instagram, {business} a engagé un budget de {budget}. La publicité a été affichée {impressions} fois ; elle a obtenu {engagements} engagements et {clicks} clics vers le site.",
        "Avec un budget de {budget}, {business} a obtenu {clicks} clics, {engagements} interactions et {impressions} impressions grâce à une campagne sponsorisée sur LinkedIn.",
    ),
    ("cpm", 3): (
        "{Business} a mené une campagne de social ads sur Instagram pour annoncer une offre spéciale. Pour un budget de {budget}, la publicité a obtenu {engagements} interactions et {clicks} clics, et a été affichée {impressions} fois.",
        "Voici le bilan de la campagne sponsorisée que {business} a diffusée sur Facebook : un budget de {budget}, {clicks} clics, {impressions} impressions et {engagements} engagements.",
        "Pour gagner en notoriété, {business} a lancé une campagne publicitaire sur LinkedIn. Cette campagne a coûté {budget} et a produit {impressions} impressions, {clicks} clics et {engagements} interactions.",
    ),
    ("cpc", 1): (
        "{Business} a consacré un budget de {budget} à une campagne de publicité sur Facebook qui renvoie vers son site. La campagne a généré {clicks} clics.",
        "Pour promouvoir une offre spéciale, {business} a dépensé {budget} dans une campagne de social ads sur Instagram et obtenu {clicks} clics sur sa publicité.",
        "{Business} a payé {budget} pour une campagne sponsorisée sur LinkedIn ; les internautes ont cliqué {clicks} fois sur l’annonce.",
    ),
    ("cpc", 2): (
        "{Business} a lancé une campagne de social ads sur Facebook avec un budget de {budget}. La publicité a été affichée {impressions} fois ; elle a reçu {clicks} clics et suscité {engagements} interactions.",
        "Pour gagner en notoriété, {business} a investi {budget} dans une campagne sur Instagram. Résultats : {engagements} engagements, {impressions} impressions et {clicks} clics vers le site.",
        "{Business} a mené une campagne sponsorisée sur LinkedIn pour un budget de {budget} ; celle-ci a totalisé {impressions} impressions, {engagements} interactions et {clicks} clics.",
    ),
    ("cpc", 3): (
        "Pour sa campagne sur Facebook, {business} a acheté de l’espace publicitaire au CPM de {cpm}. La publicité a été affichée {impressions} fois ; elle a obtenu {clicks} clics et {engagements} interactions.",
        "Pour sa campagne de social ads sur Instagram, {business} a payé ses impressions au CPM de {cpm}. Résultats : {impressions} impressions, {engagements} engagements et {clicks} clics vers le site.",
        "{Business} a diffusé une campagne sponsorisée sur LinkedIn, facturée au CPM de {cpm}. L’annonce a totalisé {impressions} impressions, {clicks} clics et {engagements} interactions.",
    ),
    ("ctr", 1): (
        "{Business} a lancé une campagne de publicité sur Facebook : l’annonce a été affichée {impressions} fois et a reçu {clicks} clics.",
        "Pour promouvoir son offre de printemps, {business} a mené une campagne de social ads sur Instagram qui a généré {impressions} impressions et {clicks} clics.",
        "{Business} analyse sa dernière campagne sponsorisée sur LinkedIn : {clicks} clics pour {impressions} impressions.",
    ),
    ("ctr", 2): (
        "{Business} a diffusé une campagne de publicité sur Instagram. L’annonce a touché {reach} personnes, a été affichée {impressions} fois et a obtenu {clicks} clics.",
        "Pour gagner en notoriété, {business} a lancé une campagne sponsorisée sur Facebook : {impressions} impressions, une portée de {reach} personnes et {clicks} clics vers le site.",
        "Sur LinkedIn, {business} a mené une campagne publicitaire qui a atteint {reach} personnes. L’annonce a été affichée {impressions} fois au total et a reçu {clicks} clics.",
    ),
    ("ctr", 3): (
        "{Business} fait le bilan de sa campagne de social ads sur Facebook : {reach} personnes touchées, {impressions} affichages de l’annonce (impressions) et {clicks} clics.",
        "Pour annoncer ses portes ouvertes, {business} a diffusé une campagne sponsorisée sur Instagram. L’annonce a obtenu {clicks} clics ; elle a été affichée {impressions} fois auprès de {reach} personnes.",
        "{Business} a lancé une campagne publicitaire sur LinkedIn. Selon la régie, l’annonce a touché {reach} personnes pour {impressions} impressions et a généré {clicks} clics.",
    ),
    ("cpe", 1): (
        "{Business} a consacré un budget de {budget} à une campagne de social ads sur Instagram. La publicité a suscité {engagements} interactions (j’aime, commentaires, partages…).",
        "Pour gagner en notoriété, {business} a dépensé {budget} dans une campagne sponsorisée sur Facebook, qui a généré {engagements} engagements.",
        "{Business} analyse sa campagne publicitaire sur LinkedIn : un budget de {budget} pour {engagements} interactions obtenues.",
    ),
    ("cpe", 2): (
        "{Business} a investi {budget} dans une campagne sponsorisée sur Instagram. La publicité a été affichée {impressions} fois et a obtenu {engagements} interactions ainsi que {clicks} clics vers le site.",
        "Pour présenter ses nouveautés, {business} a lancé une campagne de social ads sur Facebook avec un budget de {budget}. Bilan : {clicks} clics, {impressions} impressions et {engagements} engagements.",
        "{Business} a mené une campagne publicitaire sur LinkedIn pour un budget de {budget} : {engagements} interactions, {clicks} clics et {impressions} impressions.",
    ),
    ("cpe", 3): (
        "{Business} a lancé une campagne de social ads sur Instagram, facturée au CPM de {cpm}. La publicité a été affichée {impressions} fois ; elle a suscité {engagements} interactions et obtenu {clicks} clics.",
        "Pour sa campagne sponsorisée sur Facebook, {business} a acheté {impressions} impressions au CPM de {cpm}. La publicité a obtenu {clicks} clics et {engagements} engagements.",
        "{Business} fait le bilan de sa campagne publicitaire sur LinkedIn : un CPM de {cpm}, {impressions} impressions, {engagements} interactions et {clicks} clics.",
    ),
    ("budget-cpm", 1): (
        "{Business} prépare une campagne de social ads sur Facebook. La régie publicitaire annonce un CPM de {cpm}, et l’objectif est d’obtenir {impressions} impressions.",
        "Pour sa campagne de rentrée sur Instagram, {business} vise {impressions} impressions. Le CPM constaté lors de ses campagnes précédentes est de {cpm}.",
        "{Business} souhaite que la publicité de sa prochaine campagne sur LinkedIn soit affichée {impressions} fois, à un CPM de {cpm}.",
    ),
    ("budget-cpm", 2): (
        "{Business} prépare une campagne sponsorisée sur Facebook, au CPM de {cpm}. L’objectif est de toucher {reach} personnes pour {impressions} impressions et d’obtenir {clicks} clics.",
        "Pour annoncer ses portes ouvertes, {business} prévoit une campagne de social ads sur Instagram : {impressions} impressions visées, une portée attendue de {reach} personnes et un objectif de {clicks} clics. La régie facture un CPM de {cpm}.",
        "{Business} planifie une campagne publicitaire sur LinkedIn. La campagne vise {impressions} impressions auprès de {reach} personnes, avec un objectif de {clicks} clics ; le CPM proposé est de {cpm}.",
    ),
    ("budget-cpm", 3): (
        "Pour gagner en notoriété, {business} prépare une campagne sur Instagram. Ses objectifs sont les suivants : {impressions} impressions, {reach} personnes touchées et {clicks} clics ; la régie propose un CPM de {cpm}.",
        "{Business} prévoit une campagne de social ads sur Facebook pour toucher {reach} personnes et obtenir {clicks} clics. Pour y parvenir, il faut viser {impressions} impressions, achetées au CPM de {cpm}.",
        "Avant de lancer sa campagne sponsorisée sur LinkedIn, {business} fixe ses objectifs : {clicks} clics, {reach} personnes touchées et {impressions} impressions. Le CPM annoncé est de {cpm}.",
    ),
    # ----------------------------------------------------------------------------------------------
    # Conversion and profitability. Difficulty 3 gives the media and production costs instead of
    # the cost (the engine adds them up).
    # ----------------------------------------------------------------------------------------------
    ("taux-conversion-concours", 1): (
        "{Business} a organisé un jeu-concours sur Instagram. La publication du jeu a été vue {views} fois et {participants} personnes ont participé.",
        "Pour fêter son anniversaire, {business} a lancé un jeu-concours sur Facebook, qui a enregistré {views} vues et {participants} participants.",
        "{Business} dresse le bilan de son jeu-concours en ligne : {participants} participants pour {views} vues de la page du jeu.",
    ),
    ("taux-conversion-concours", 2): (
        "{Business}, qui compte {followers} abonnés sur Instagram, a organisé un jeu-concours. La publication du jeu a été vue {views} fois et a attiré {participants} participants.",
        "Sur Facebook, {business} rassemble {followers} abonnés. Son jeu-concours de printemps a enregistré {views} vues et {participants} participations.",
        "Pour annoncer ses portes ouvertes, {business} a lancé un jeu-concours sur son compte Instagram, suivi par {followers} abonnés. Le jeu a été vu {views} fois et {participants} personnes y ont participé.",
    ),
    ("taux-conversion-concours", 3): (
        "{Business} a organisé un jeu-concours sur Facebook pour gagner en notoriété. Sa page compte {followers} abonnés ; la publication du jeu a obtenu {views} vues et {participants} participations.",
        "Sur Instagram, où son compte est suivi par {followers} abonnés, {business} a lancé un jeu-concours pour son anniversaire. Le jeu a enregistré {views} vues et {participants} participants.",
        "{Business} fait le bilan de son jeu-concours sur Instagram. Le compte réunit {followers} abonnés, la publication du jeu a été vue {views} fois et {participants} personnes ont participé.",
    ),
    ("roi", 1): (
        "{Business} a mené une campagne de social ads qui a coûté {cost}. Les ventes qu’elle a générées ont dégagé une marge de {gain}, avant déduction du coût de la campagne.",
        "Pour sa campagne d’e-mailing de fin d’année, {business} a dépensé {cost} ; la campagne a généré un chiffre d’affaires de {gain}. Le gain à retenir est ce chiffre d’affaires, avant déduction du coût.",
        "{Business} évalue sa dernière campagne de communication, qui a coûté {cost} et dont les ventes ont dégagé une marge de {gain}, avant déduction de ce coût.",
    ),
    ("roi", 2): (
        "{Business} a investi {cost} dans une campagne de social ads. Cette campagne a attiré {customers} nouveaux clients, et les ventes qu’elle a générées ont dégagé une marge de {gain}, avant déduction du coût de la campagne.",
        "Pour annoncer ses portes ouvertes, {business} a mené une campagne de communication d’un coût de {cost}. Cette campagne a généré un chiffre d’affaires de {gain} et permis de conquérir {customers} nouveaux clients. Le gain à retenir est ce chiffre d’affaires, avant déduction du coût.",
        "{Business} fait le bilan de sa campagne d’e-mailing : un coût de {cost}, une marge de {gain} sur les ventes générées (avant déduction du coût) et {customers} nouveaux clients.",
    ),
    ("roi", 3): (
        "{Business} a lancé une campagne publicitaire qui a nécessité {media_cost} d’achat d’espace et {production_cost} de frais de création. Cette campagne a attiré {customers} nouveaux clients ; les ventes qu’elle a générées ont dégagé une marge de {gain}, avant déduction de ces coûts.",
        "Pour sa campagne de social ads, {business} a payé {production_cost} à une agence pour la création des visuels et {media_cost} d’achat d’espace publicitaire. Cette campagne a généré un chiffre d’affaires de {gain} et permis d’acquérir {customers} nouveaux clients. Le gain à retenir est ce chiffre d’affaires, avant déduction des coûts.",
        "{Business} évalue sa campagne de rentrée : {media_cost} d’achat d’espace publicitaire, {production_cost} de frais de création, une marge de {gain} sur les ventes générées (avant déduction de ces coûts) et {customers} nouveaux clients.",
    ),
    ("roas", 1): (
        "{Business} a dépensé {cost} pour une campagne de publicité sur Instagram. Les ventes attribuées à cette campagne représentent un chiffre d’affaires de {revenue}.",
        "Pour présenter ses nouveautés, {business} a mené une campagne de social ads d’un coût de {cost}, qui a généré {revenue} de chiffre d’affaires.",
        "{Business} analyse sa campagne sponsorisée sur Facebook : {cost} de dépenses publicitaires pour un chiffre d’affaires généré de {revenue}.",
    ),
    ("roas", 2): (
        "{Business} a investi {cost} dans une campagne de publicité sur Facebook. Cette campagne a attiré {customers} nouveaux clients et généré un chiffre d’affaires de {revenue}.",
        "Pour sa campagne de fin d’année sur Instagram, {business} a dépensé {cost}. Résultat : {customers} nouveaux clients et {revenue} de chiffre d’affaires.",
        "{Business} fait le bilan de sa campagne de social ads : un coût de {cost}, {customers} nouveaux clients et un chiffre d’affaires de {revenue}.",
    ),
    ("roas", 3): (
        "{Business} a mené une campagne publicitaire sur Instagram : {media_cost} d’achat d’espace et {production_cost} de frais de création. Cette campagne a généré un chiffre d’affaires de {revenue} et attiré {customers} nouveaux clients. La dépense à retenir pour le ROAS est ici le coût total de la campagne, frais de création compris.",
        "Pour sa campagne de social ads de printemps, {business} a payé {production_cost} de frais de création et {media_cost} d’achat d’espace publicitaire. Les ventes attribuées à la campagne s’élèvent à {revenue}, et {customers} nouveaux clients ont été conquis. La dépense à retenir pour le ROAS est ici le coût total de la campagne, frais de création compris.",
        "{Business} évalue sa campagne sponsorisée sur Facebook. Achat d’espace : {media_cost} ; frais de création : {production_cost} ; chiffre d’affaires généré : {revenue} ; nouveaux clients : {customers}. La dépense à retenir pour le ROAS est le coût total de la campagne, frais de création compris.",
    ),
    ("cout-acquisition", 1): (
        "{Business} a dépensé {cost} dans une campagne de social ads qui lui a permis d’acquérir {customers} nouveaux clients.",
        "Pour conquérir de nouveaux clients, {business} a mené une campagne de social ads d’un coût de {cost}. Cette campagne a permis d’acquérir {customers} nouveaux clients.",
        "{Business} fait le bilan de sa campagne de parrainage : un coût total de {cost} pour {customers} nouveaux clients.",
    ),
    ("cout-acquisition", 2): (
        "{Business} a investi {cost} dans une campagne sponsorisée sur Facebook. Cette campagne a attiré {customers} nouveaux clients, qui ont généré un chiffre d’affaires de {revenue}.",
        "Pour sa campagne de rentrée, {business} a dépensé {cost} ; la campagne a attiré {customers} nouveaux clients et rapporté {revenue} de chiffre d’affaires.",
        "{Business} analyse sa campagne de social ads : un coût de {cost}, un chiffre d’affaires de {revenue} et {customers} nouveaux clients.",
    ),
    ("cout-acquisition", 3): (
        "{Business} a lancé une campagne publicitaire sur Instagram : {media_cost} d’achat d’espace et {production_cost} de frais de création. Cette campagne a attiré {customers} nouveaux clients et généré {revenue} de chiffre d’affaires.",
        "Pour sa campagne de fin d’année, {business} a payé {production_cost} de frais de création et {media_cost} d’achat d’espace publicitaire. La campagne a permis de conquérir {customers} nouveaux clients, pour un chiffre d’affaires de {revenue}.",
        "{Business} évalue sa campagne de social ads. Achat d’espace : {media_cost} ; frais de création : {production_cost} ; nouveaux clients : {customers} ; chiffre d’affaires : {revenue}.",
    ),
}

# The KPIs added after the seed (issue 15) have their statements in their own module.
TEMPLATES.update(ADDED_TEMPLATES)
