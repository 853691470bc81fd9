using Pilote.Actions;
using Pilote.Plans;

namespace Pilote.Demo;

public sealed partial class DemoWorkspace
{
    /// <summary>The source document's mini-case, exactly: three actions, their KPI, target and status.</summary>
    private Plan BuildMiniCase(int workspaceId, DateOnly today)
    {
        var start = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        var plan = new Plan
        {
            WorkspaceId = workspaceId, Name = MiniCaseName, Start = start, End = start.AddMonths(3).AddDays(-1),
            Currency = "EUR", Culture = "fr-FR", Template = PlanTemplate.KpiDriven, CreatedAt = At(start),
            Description = "Le mini-cas du modèle « Plan d'action marketing KPI-driven ».",
        };
        Action(plan, "Emailing segmentation « Inactifs 90j »", "emailing", ActionStatus.InProgress, "Réactivation", null,
            null, null, null, ("taux_ouverture", ">25%"));
        Action(plan, "SEA campagne produit", "sea", ActionStatus.Ready, "Génération de leads", null,
            null, null, null, ("cpl", "<3€"));
        Action(plan, "Publication reels TikTok", "social", ActionStatus.Live, "Visibilité & viralité", null,
            null, null, null, ("partages", "1000"));
        return plan;
    }

    /// <summary>
    /// The counter-example: a "360" launch with no quantified objective, no KPI, no tracking and its budget spent.
    /// Every gap is kept as the source tells it, so that the plan audit can find each one.
    /// </summary>
    private Plan BuildNutriBoost(int workspaceId, DateOnly today)
    {
        var year = today.Month >= 7 ? today.Year : today.Year - 1;
        var start = new DateOnly(year, 4, 1);
        var end = new DateOnly(year, 6, 30);
        var plan = new Plan
        {
            WorkspaceId = workspaceId, Name = NutriBoostName, Start = start, End = end, Budget = 80_000m,
            Currency = "EUR", Culture = "fr-FR", Template = PlanTemplate.Vierge, CreatedAt = At(start.AddDays(-10)),
            Description = "Lancement de la gamme « Vitalité Boost » (actifs de 30 à 50 ans), campagne dite « 360 » — T2. "
                + "Aucun KPI défini en amont, pas de suivi en temps réel, reporting improvisé après coup.",
        };
        plan.Objectives.Add(new Objectives.Objective { Statement = "Faire connaître la gamme Vitalité Boost", Owner = "Direction marketing" });
        var rows = new (string Title, string Channel, string Aim, string Tracking, decimal Budget)[]
        {
            ("Publications réseaux sociaux Vitalité Boost", "social", "Visibilité", "Nombre de publications (sans tracking)", 16_000m),
            ("Campagne d'influenceurs", "influence", "Crédibilité produit", "Aucun contrat de publication ni lien tracké", 20_000m),
            ("Emailing de lancement", "emailing", "Conversion", "Envoi massif sans segmentation", 6_000m),
            ("Activation en points de vente", "pos", "Drive-to-store", "Pas de code promo ni système de mesure", 14_000m),
            ("Ads Google", "sea", "Acquisition", "Budget dépensé sans suivi du coût/conversion", 24_000m),
        };
        foreach (var row in rows)
        {
            var action = Action(plan, row.Title, row.Channel, ActionStatus.Done, row.Aim, "Équipe marketing", start, end, row.Budget);
            action.Spent = row.Budget;
            action.Kind = ActionKind.OneOff;
            Comment(action, "Équipe marketing", At(end.AddDays(30)), $"Suivi mis en place : {row.Tracking}.");
        }
        return plan;
    }
}
