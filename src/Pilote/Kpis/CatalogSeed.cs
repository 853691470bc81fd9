using Pilote.Targets;

namespace Pilote.Kpis;

/// <summary>
/// The default channel, KPI and metric catalog every new workspace starts with: the source document's
/// "KPI par canal" table, the usual acquisition ratios, and channels for offline, points of sale and messaging.
/// </summary>
public static class CatalogSeed
{
    private static readonly (string Key, string Fr, string En, Aggregation Agg, string? Weight, KpiUnit Unit)[] MetricRows =
    [
        ("impressions", "Impressions", "Impressions", Aggregation.Sum, null, KpiUnit.Count),
        ("clicks", "Clics", "Clicks", Aggregation.Sum, null, KpiUnit.Count),
        ("sessions", "Sessions", "Sessions", Aggregation.Sum, null, KpiUnit.Count),
        ("users", "Utilisateurs", "Users", Aggregation.Distinct, null, KpiUnit.Count),
        ("pageviews", "Pages vues", "Page views", Aggregation.Sum, null, KpiUnit.Count),
        ("avg_time_on_page", "Temps moyen par page", "Average time on page", Aggregation.Weighted, "pageviews", KpiUnit.Seconds),
        ("avg_position", "Position moyenne", "Average position", Aggregation.Weighted, "impressions", KpiUnit.Rank),
        ("conversions", "Conversions", "Conversions", Aggregation.Sum, null, KpiUnit.Count),
        ("leads", "Leads", "Leads", Aggregation.Sum, null, KpiUnit.Count),
        ("spend", "Dépenses", "Spend", Aggregation.Sum, null, KpiUnit.Currency),
        ("revenue", "Chiffre d'affaires", "Revenue", Aggregation.Sum, null, KpiUnit.Currency),
        ("delivered", "E-mails délivrés", "Delivered emails", Aggregation.Sum, null, KpiUnit.Count),
        ("unique_opens", "Ouvertures uniques", "Unique opens", Aggregation.Sum, null, KpiUnit.Count),
        ("unique_clicks", "Clics uniques", "Unique clicks", Aggregation.Sum, null, KpiUnit.Count),
        ("reach", "Couverture", "Reach", Aggregation.Distinct, null, KpiUnit.Count),
        ("interactions", "Interactions", "Interactions", Aggregation.Sum, null, KpiUnit.Count),
        ("shares", "Partages", "Shares", Aggregation.Sum, null, KpiUnit.Count),
        ("ugc", "Contenus UGC", "UGC posts", Aggregation.Sum, null, KpiUnit.Count),
        ("downloads", "Téléchargements", "Downloads", Aggregation.Sum, null, KpiUnit.Count),
        ("customers", "Clients", "Customers", Aggregation.Last, null, KpiUnit.Count),
        ("repeat_customers", "Clients ayant racheté", "Repeat customers", Aggregation.Last, null, KpiUnit.Count),
        ("ltv", "Valeur vie client", "Customer lifetime value", Aggregation.Last, null, KpiUnit.Currency),
        ("followers", "Abonnés", "Followers", Aggregation.Last, null, KpiUnit.Count),
        ("posts", "Publications", "Posts", Aggregation.Sum, null, KpiUnit.Count),
        ("store_visits", "Visites en magasin", "Store visits", Aggregation.Sum, null, KpiUnit.Count),
        ("redemptions", "Codes promo utilisés", "Promo code redemptions", Aggregation.Sum, null, KpiUnit.Count),
        ("meetings", "Rendez-vous", "Meetings", Aggregation.Sum, null, KpiUnit.Count),
        ("messages_sent", "Messages envoyés", "Messages sent", Aggregation.Sum, null, KpiUnit.Count),
        ("messages_read", "Messages lus", "Messages read", Aggregation.Sum, null, KpiUnit.Count),
    ];

    private static readonly (string Key, string Fr, string En, string Expr, KpiUnit Unit, Direction Dir, TargetKind Kind)[] KpiRows =
    [
        ("trafic", "Trafic", "Traffic", "sessions", KpiUnit.Count, Direction.HigherIsBetter, TargetKind.Cumulative),
        ("position_moyenne", "Position moyenne", "Average position", "avg_position", KpiUnit.Rank, Direction.LowerIsBetter, TargetKind.Rate),
        ("cpc", "CPC", "CPC", "spend / clicks", KpiUnit.Currency, Direction.LowerIsBetter, TargetKind.Rate),
        ("taux_conversion", "Taux de conversion", "Conversion rate", "conversions / clicks", KpiUnit.Percent, Direction.HigherIsBetter, TargetKind.Rate),
        ("taux_ouverture", "Taux d'ouverture", "Open rate", "unique_opens / delivered", KpiUnit.Percent, Direction.HigherIsBetter, TargetKind.Rate),
        ("ctr_email", "CTR emailing", "Email click rate", "unique_clicks / delivered", KpiUnit.Percent, Direction.HigherIsBetter, TargetKind.Rate),
        ("ctr", "CTR", "Click-through rate", "clicks / impressions", KpiUnit.Percent, Direction.HigherIsBetter, TargetKind.Rate),
        ("reach", "Reach", "Reach", "reach", KpiUnit.Count, Direction.HigherIsBetter, TargetKind.Cumulative),
        ("interactions", "Interactions", "Interactions", "interactions", KpiUnit.Count, Direction.HigherIsBetter, TargetKind.Cumulative),
        ("taux_engagement", "Taux d'engagement", "Engagement rate", "interactions / reach", KpiUnit.Percent, Direction.HigherIsBetter, TargetKind.Rate),
        ("ugc", "UGC généré", "UGC generated", "ugc", KpiUnit.Count, Direction.HigherIsBetter, TargetKind.Cumulative),
        ("ltv", "LTV", "LTV", "ltv", KpiUnit.Currency, Direction.HigherIsBetter, TargetKind.Rate),
        ("taux_reachat", "Taux de réachat", "Repeat purchase rate", "repeat_customers / customers", KpiUnit.Percent, Direction.HigherIsBetter, TargetKind.Rate),
        ("temps_moyen_page", "Temps moyen par page", "Average time on page", "avg_time_on_page", KpiUnit.Seconds, Direction.HigherIsBetter, TargetKind.Rate),
        ("telechargements", "Téléchargements", "Downloads", "downloads", KpiUnit.Count, Direction.HigherIsBetter, TargetKind.Cumulative),
        ("leads", "Leads", "Leads", "leads", KpiUnit.Count, Direction.HigherIsBetter, TargetKind.Cumulative),
        ("conversions", "Conversions", "Conversions", "conversions", KpiUnit.Count, Direction.HigherIsBetter, TargetKind.Cumulative),
        ("partages", "Partages", "Shares", "shares", KpiUnit.Count, Direction.HigherIsBetter, TargetKind.Cumulative),
        ("cpl", "CPL", "CPL", "spend / leads", KpiUnit.Currency, Direction.LowerIsBetter, TargetKind.Rate),
        ("cpa", "CPA", "CPA", "spend / conversions", KpiUnit.Currency, Direction.LowerIsBetter, TargetKind.Rate),
        ("roas", "ROAS", "ROAS", "revenue / spend", KpiUnit.Ratio, Direction.HigherIsBetter, TargetKind.Rate),
        ("roi", "ROI", "ROI", "(revenue - spend) / spend", KpiUnit.Percent, Direction.HigherIsBetter, TargetKind.Rate),
        ("chiffre_affaires", "Chiffre d'affaires", "Revenue", "revenue", KpiUnit.Currency, Direction.HigherIsBetter, TargetKind.Cumulative),
        ("codes_promo", "Codes promo utilisés", "Promo codes redeemed", "redemptions", KpiUnit.Count, Direction.HigherIsBetter, TargetKind.Cumulative),
        ("visites_magasin", "Visites en magasin", "Store visits", "store_visits", KpiUnit.Count, Direction.HigherIsBetter, TargetKind.Cumulative),
        ("rendez_vous", "Rendez-vous", "Meetings", "meetings", KpiUnit.Count, Direction.HigherIsBetter, TargetKind.Cumulative),
        ("taux_lecture", "Taux de lecture", "Read rate", "messages_read / messages_sent", KpiUnit.Percent, Direction.HigherIsBetter, TargetKind.Rate),
    ];

    private static readonly (string Key, string Fr, string En, ChannelFamily Family, string Aim, string[] Kpis)[] ChannelRows =
    [
        ("seo", "SEO", "SEO", ChannelFamily.Digital, "Visibilité organique", ["trafic", "position_moyenne"]),
        ("sea", "SEA", "Search ads", ChannelFamily.Digital, "Acquisition", ["cpc", "taux_conversion", "cpl"]),
        ("emailing", "Emailing", "Email", ChannelFamily.Digital, "Réengagement", ["taux_ouverture", "ctr_email"]),
        ("social", "Réseaux sociaux", "Social media", ChannelFamily.Digital, "Notoriété / Engagement", ["reach", "interactions", "partages"]),
        ("social_ads", "Publicité sociale", "Social ads", ChannelFamily.Digital, "Acquisition", ["ctr", "cpl", "roas"]),
        ("influence", "Influence", "Influence", ChannelFamily.Digital, "Crédibilité / Buzz", ["taux_engagement", "ugc"]),
        ("crm", "CRM", "CRM", ChannelFamily.Digital, "Fidélisation", ["ltv", "taux_reachat"]),
        ("content", "Content marketing", "Content marketing", ChannelFamily.Digital, "Expertise", ["temps_moyen_page", "telechargements"]),
        ("display", "Affichage digital", "Digital display", ChannelFamily.Digital, "Notoriété", ["reach", "ctr"]),
        ("ab_testing", "A/B testing & analytics", "A/B testing & analytics", ChannelFamily.Digital, "Optimisation", ["taux_conversion"]),
        ("events", "Événements & salons", "Events & trade shows", ChannelFamily.Offline, "Rencontres qualifiées", ["rendez_vous", "leads"]),
        ("pos", "Points de vente", "Points of sale", ChannelFamily.PointOfSale, "Drive-to-store", ["codes_promo", "visites_magasin"]),
        ("messaging", "Messageries instantanées", "Messaging apps", ChannelFamily.Messaging, "Relation client", ["taux_lecture", "conversions"]),
        ("direct_sales", "Prospection directe", "Direct outreach", ChannelFamily.Offline, "Ventes B2B", ["rendez_vous", "conversions"]),
    ];

    /// <summary>The numérique template's seven digital levers, by channel key.</summary>
    public static readonly string[] DigitalLevers = ["seo", "sea", "emailing", "social", "content", "influence", "ab_testing"];

    /// <summary>Adds the default catalog to a workspace (the caller saves).</summary>
    public static void Seed(Data.PiloteDb db, int workspaceId)
    {
        foreach (var m in MetricRows)
            db.MetricDefinitions.Add(new MetricDefinition
            {
                WorkspaceId = workspaceId, Key = m.Key, Name = m.Fr, NameEn = m.En,
                Aggregation = m.Agg, WeightMetric = m.Weight, Unit = m.Unit,
            });
        var kpis = KpiRows.ToDictionary(k => k.Key, k => new KpiDefinition
        {
            WorkspaceId = workspaceId, Key = k.Key, Name = k.Fr, NameEn = k.En, Expression = k.Expr,
            Unit = k.Unit, Direction = k.Dir, DefaultKind = k.Kind,
        });
        db.KpiDefinitions.AddRange(kpis.Values);
        var position = 0;
        foreach (var c in ChannelRows)
        {
            var channel = new Channel
            {
                WorkspaceId = workspaceId, Key = c.Key, Name = c.Fr, NameEn = c.En, Family = c.Family,
                Aim = c.Aim, Position = position++,
            };
            var kpiPosition = 0;
            foreach (var key in c.Kpis)
                channel.Kpis.Add(new ChannelKpi { Kpi = kpis[key], Position = kpiPosition++ });
            db.Channels.Add(channel);
        }
    }
}
