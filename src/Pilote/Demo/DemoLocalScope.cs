using Pilote.Actions;
using Pilote.Objectives;
using Pilote.Plans;
using Pilote.Strategy;

namespace Pilote.Demo;

public sealed partial class DemoWorkspace
{
    private const string Salma = "Salma Benali";
    private const string Karim = "Karim Haddad";
    private const string Nadia = "Nadia El Amrani";
    private const string Youssef = "Youssef Tazi";
    private const string Ines = "Inès Mansour";

    /// <summary>The seven newsletter sends, as Mailchimp would report them: the worked example of the tests.</summary>
    public static readonly (int Day, int Delivered, int UniqueOpens, int UniqueClicks)[] NewsletterSends =
    [
        (2, 1812, 598, 81), (16, 1830, 631, 88), (30, 1845, 640, 92), (44, 1861, 615, 79),
        (58, 1870, 660, 95), (72, 1884, 652, 90), (86, 1902, 671, 97),
    ];

    /// <summary>Weekly downloads of the first MVP report (six weeks).</summary>
    public static readonly int[] PilotReportDownloads = [38, 61, 84, 72, 51, 34];

    private Plan BuildLocalScope(int workspaceId, DateOnly s, Dictionary<string, Product> products)
    {
        var end = s.AddDays(7 * 26 - 1);
        var measuredDays = 7 * MeasuredWeeks;
        var plan = new Plan
        {
            WorkspaceId = workspaceId, Name = LocalScopeName, Start = s, End = end, Budget = 120_000m,
            Currency = "EUR", Culture = "fr-FR", Template = PlanTemplate.KpiDriven, CreatedAt = At(s.AddDays(-7)),
            Description = "Lancement de LocalScope, intelligence culturelle pour décideurs (monde arabe et Afrique) : "
                + "MVP, acquisition B2B et premiers abonnements Insights Flow.",
        };
        var leads = Objective(plan, "Générer 400 leads qualifiés B2B d'ici la fin du semestre", "leads", "400", end, Salma);
        var subscriptions = Objective(plan, "Signer 12 abonnements « Insights Flow » d'ici la fin du semestre", "conversions", "12", end, Karim);
        var opens = Objective(plan, "Atteindre 30 % d'ouverture sur les e-mails aux décideurs", "taux_ouverture", ">30%", end, Nadia);
        var traffic = Objective(plan, "Attirer 20 000 visites organiques sur le semestre", "trafic", "20 000", end, Youssef);
        var gulf = Objective(plan, "Gagner en notoriété dans le Golfe", null, null, null, Ines);

        // MVP 1: the first, very targeted report.
        var report = Action(plan, "MVP — Rapport « Comportement digital des femmes marocaines 18–35 ans »", "content",
            ActionStatus.Done, "Valider l'intérêt pour un premier rapport", Youssef, s, s.AddDays(41), 6_000m, ("telechargements", "300"));
        report.Kind = ActionKind.OneOff; report.ProductId = null; report.Product = products["rapport"]; report.Spent = 5_400m;
        report.Tools = "Notion, Canva"; report.Team = "Contenu";
        Link(report, traffic);
        var reportPoints = Series(report);
        for (var w = 0; w < PilotReportDownloads.Length; w++)
            reportPoints.Add(("downloads", s.AddDays(7 * w), s.AddDays(7 * w + 6), PilotReportDownloads[w]));

        // MVP 2: feedback and pricing from 3 to 5 firms.
        var outreach = Action(plan, "MVP — Démarcher 3 à 5 cabinets pour feedback et pricing", "direct_sales",
            ActionStatus.Done, "Feedback et prix acceptables", Karim, s, s.AddDays(27), 500m, ("rendez_vous", "5"));
        outreach.Spent = 350m; outreach.Team = "Ventes"; outreach.Product = products["flow"];
        Link(outreach, subscriptions);
        var meetings = Series(outreach);
        foreach (var d in new[] { 3, 8, 12, 16, 20, 24 })
            meetings.Add(("meetings", s.AddDays(d), s.AddDays(d), 1));

        // MVP 3: a private landing page and report catalogue, A/B tested.
        var landing = Action(plan, "MVP — Landing page privée et catalogue de rapports (test A/B)", "ab_testing",
            ActionStatus.Live, "Convertir les visiteurs en demandes d'accès", Salma, s.AddDays(7), end, 3_000m, ("taux_conversion", ">3%"));
        landing.Tools = "Webflow, Google Optimize"; landing.Team = "Growth"; landing.Kind = ActionKind.Background;
        Code(landing, "ls-landing-catalogue");
        Link(landing, leads);
        Daily(landing, s.AddDays(7), measuredDays - 7, 301, (d, r) =>
        [
            ("clicks", r.Count(300, 0.1)),
            ("conversions", r.Count(300 * (0.022 + 0.014 * d / 84.0), 0.1)),
        ]);
        landing.Spent = 1_900m;

        var seo = Action(plan, "Articles piliers « Codes culturels MENA »", "seo", ActionStatus.Live,
            "Visibilité organique", Youssef, s, end, 7_000m, ("trafic", "20 000"), ("position_moyenne", "top 10"));
        seo.Kind = ActionKind.Background; seo.Periodicity = Periodicity.Weekly; seo.Tools = "Semrush, WordPress"; seo.Team = "Contenu";
        Link(seo, traffic);
        Daily(seo, s, measuredDays, 401, (d, r) =>
        [
            ("sessions", r.Count(80 + 1.0 * d, 0.12)),
            ("impressions", r.Count(1500 + 20 * d, 0.1)),
            ("avg_position", Math.Round(r.Around(18 - 10.0 * d / 90, 0.05), 1)),
        ]);
        seo.Spent = 3_200m;

        var sea = Action(plan, "Campagne Google Ads « rapports pays »", "sea", ActionStatus.Live,
            "Acquisition de leads", Salma, s, end, 24_000m, ("cpl", "<40 €"), ("taux_conversion", ">5%"));
        sea.Kind = ActionKind.Recurring; sea.Periodicity = Periodicity.Daily; sea.Tools = "Google Ads"; sea.Team = "Growth";
        sea.Product = products["rapport"];
        Code(sea, "ls-sea-rapports-pays");
        Link(sea, leads);
        var seaLeads = new Drip();
        Daily(sea, s, measuredDays, 501, (d, r) =>
        {
            var l = seaLeads.Next(r.Around(2.3, 0.3));
            return [("spend", r.Money(120)), ("clicks", r.Count(60, 0.1)), ("leads", l), ("conversions", l)];
        });
        Comment(sea, Salma, At(s.AddDays(56)), "CPL trop élevé sur les requêtes génériques : 40 mots-clés exclus.", CommentKind.Adjustment);

        var linkedInAds = Action(plan, "LinkedIn Ads « Insights Flow » auprès des cabinets", "social_ads", ActionStatus.Live,
            "Leads décideurs", Salma, s.AddDays(14), end, 15_000m, ("cpl", "<60 €"), ("ctr", ">0,5%"));
        linkedInAds.Kind = ActionKind.Recurring; linkedInAds.Periodicity = Periodicity.Daily; linkedInAds.Tools = "LinkedIn Campaign Manager";
        linkedInAds.Product = products["flow"]; linkedInAds.Team = "Growth";
        Code(linkedInAds, "ls-linkedin-insights-flow");
        Link(linkedInAds, leads);
        var liLeads = new Drip();
        Daily(linkedInAds, s.AddDays(14), measuredDays - 14, 601, (d, r) =>
            [("spend", r.Money(90)), ("impressions", r.Count(9000, 0.1)), ("clicks", r.Count(50, 0.15)), ("leads", liLeads.Next(r.Around(1.45, 0.3)))]);

        var newsletter = Action(plan, "Newsletter décideurs bimensuelle", "emailing", ActionStatus.Live,
            "Réengagement et conversion en abonnés", Nadia, s, end, 2_400m, ("taux_ouverture", ">30%"), ("ctr_email", ">4%"));
        newsletter.Kind = ActionKind.Recurring; newsletter.Periodicity = Periodicity.Monthly; newsletter.Tools = "Mailchimp";
        newsletter.Team = "CRM"; newsletter.Product = products["flow"]; newsletter.Spent = 1_100m;
        Code(newsletter, "ls-newsletter-decideurs");
        Link(newsletter, opens); Link(newsletter, subscriptions);
        var sends = Series(newsletter);
        foreach (var (day, delivered, uniqueOpens, uniqueClicks) in NewsletterSends)
        {
            var date = s.AddDays(day);
            sends.Add(("delivered", date, date, delivered));
            sends.Add(("unique_opens", date, date, uniqueOpens));
            sends.Add(("unique_clicks", date, date, uniqueClicks));
        }

        var inactive = Action(plan, "Relance « Inactifs 90j » segmentée", "emailing", ActionStatus.InProgress,
            "Réactivation", Nadia, s.AddDays(21), end, 800m, ("taux_ouverture", ">25%"));
        inactive.Kind = ActionKind.Recurring; inactive.Periodicity = Periodicity.Weekly; inactive.Tools = "Mailchimp"; inactive.Team = "CRM";
        inactive.Spent = 300m;
        Code(inactive, "ls-relance-inactifs-90j");
        Link(inactive, opens);
        var inactiveRandom = new DemoRandom(801);
        var inactivePoints = Series(inactive);
        for (var d = 21; d < measuredDays; d += 7)
        {
            var delivered = inactiveRandom.Count(900, 0.05);
            inactivePoints.Add(("delivered", s.AddDays(d), s.AddDays(d), delivered));
            inactivePoints.Add(("unique_opens", s.AddDays(d), s.AddDays(d), Math.Round(delivered * inactiveRandom.Around(0.19, 0.08))));
        }

        var organic = Action(plan, "LinkedIn organique : un insight par jour ouvré", "social", ActionStatus.Live,
            "Notoriété / Engagement", Ines, s, end, 1_500m, ("interactions", "6 000"), ("partages", "1 000"));
        organic.Kind = ActionKind.Recurring; organic.Periodicity = Periodicity.Daily; organic.Tools = "LinkedIn, Buffer"; organic.Team = "Social";
        organic.Spent = 700m;
        Link(organic, gulf);
        var interactions = new Drip();
        var shares = new Drip();
        Daily(organic, s, measuredDays, 901, (d, r) =>
            [("interactions", interactions.Next(r.Around(25 + 0.3 * d, 0.2))), ("shares", shares.Next(r.Around(4.6, 0.3)))]);

        var influence = Action(plan, "Partenariats avec 5 voix locales (journalistes, chercheurs, artistes)", "influence", ActionStatus.Live,
            "Crédibilité / Buzz", Ines, s.AddDays(7), end, 9_000m, ("taux_engagement", ">3%"), ("ugc", "40"));
        influence.Kind = ActionKind.Recurring; influence.Periodicity = Periodicity.Weekly; influence.Team = "Social"; influence.Spent = 4_500m;
        Code(influence, "ls-influence-voix-locales");
        Link(influence, gulf);
        var ugc = new Drip();
        var influenceInteractions = new Drip();
        Daily(influence, s.AddDays(7), measuredDays - 7, 1001, (d, r) =>
            [("interactions", influenceInteractions.Next(r.Around(40, 0.25))), ("ugc", ugc.Next(r.Around(0.15, 0.5)))]);
        // Reach is a unique count: the platform reports it for the period so far, never summed across days.
        var reachPoints = Series(influence);
        var reachRandom = new DemoRandom(1002);
        for (var w = 1; w < MeasuredWeeks; w++)
            reachPoints.Add(("reach", s.AddDays(7), s.AddDays(7 * w + 6), reachRandom.Count(7300 * w, 0.03)));

        var crm = Action(plan, "Programme de fidélité des abonnés (briefs express offerts)", "crm", ActionStatus.Live,
            "Fidélisation", Karim, s, end, 4_000m, ("taux_reachat", ">35%"), ("ltv", "> 1 500 €"));
        crm.Kind = ActionKind.Background; crm.Tools = "HubSpot CRM"; crm.Team = "Ventes"; crm.Product = products["flow"]; crm.Spent = 1_600m;
        Link(crm, subscriptions);
        var crmPoints = Series(crm);
        for (var w = 0; w < MeasuredWeeks; w++)
        {
            var day = s.AddDays(7 * w + 6);
            var customers = 20 + 2 * w;
            crmPoints.Add(("customers", day, day, customers));
            crmPoints.Add(("repeat_customers", day, day, Math.Round(customers * 0.39m)));
            crmPoints.Add(("ltv", day, day, 1_320m + 5m * w));
        }

        var webinar = Action(plan, "Webinaire mensuel « Décoder le Golfe » et replays", "content", ActionStatus.Live,
            "Expertise", Youssef, s, end, 5_000m, ("temps_moyen_page", "> 2 min"), ("telechargements", "800"));
        webinar.Kind = ActionKind.Recurring; webinar.Periodicity = Periodicity.Monthly; webinar.Tools = "Zoom, Webflow"; webinar.Team = "Contenu";
        webinar.Spent = 2_300m;
        Code(webinar, "ls-webinaire-golfe");
        Link(webinar, traffic);
        var pageviews = new Drip();
        var downloads = new Drip();
        Daily(webinar, s, measuredDays, 1201, (d, r) =>
            [("pageviews", pageviews.Next(r.Around(60, 0.2))), ("avg_time_on_page", Math.Round(r.Around(135, 0.15))), ("downloads", downloads.Next(r.Around(4.5, 0.3)))]);

        var display = Action(plan, "Bannières sur les médias du conseil", "display", ActionStatus.Paused,
            "Notoriété auprès des cabinets", Salma, s, end, 8_000m, ("ctr", ">0,35%"));
        display.Kind = ActionKind.Recurring; display.Periodicity = Periodicity.Daily; display.Team = "Growth";
        Code(display, "ls-display-medias-conseil");
        var displayClicks = new Drip();
        Daily(display, s, 56, 1301, (d, r) =>
            [("impressions", r.Count(20_000, 0.1)), ("clicks", displayClicks.Next(r.Around(50, 0.2))), ("spend", r.Money(45))]);
        Comment(display, Salma, At(s.AddDays(56)), "CTR à 0,25 % depuis 8 semaines : campagne mise en pause, budget à réallouer.", CommentKind.Adjustment);

        var today = s.AddDays(7 * MeasuredWeeks);
        var forum = Action(plan, "Stand au salon Africa CEO Forum", "events", ActionStatus.Planned,
            "Rendez-vous qualifiés avec des décideurs", Karim, today.AddDays(30), today.AddDays(32), 12_000m, ("rendez_vous", "40"), ("leads", "150"));
        forum.Team = "Ventes"; forum.Product = products["saas"];
        Code(forum, "FORUM-LS");
        Link(forum, leads);

        var whatsapp = Action(plan, "Flux privé WhatsApp « Insights Flow »", "messaging", ActionStatus.Live,
            "Relation client et rétention", Nadia, s.AddDays(14), end, 1_200m, ("taux_lecture", ">70%"));
        whatsapp.Kind = ActionKind.Recurring; whatsapp.Periodicity = Periodicity.Weekly; whatsapp.Tools = "WhatsApp Business";
        whatsapp.Team = "CRM"; whatsapp.Product = products["flow"]; whatsapp.Spent = 400m;
        Link(whatsapp, subscriptions);
        var waRandom = new DemoRandom(1501);
        var waPoints = Series(whatsapp);
        for (var w = 2; w < MeasuredWeeks; w++)
        {
            var day = s.AddDays(7 * w + 1);
            var sent = 300 + 10 * w;
            waPoints.Add(("messages_sent", day, day, sent));
            waPoints.Add(("messages_read", day, day, Math.Round(sent * waRandom.Around(0.66, 0.02))));
        }

        var bookstores = Action(plan, "Dépôt-vente des rapports en librairies d'affaires", "pos", ActionStatus.Live,
            "Ventes de rapports hors ligne", Karim, s, end, 2_000m, ("codes_promo", "120"));
        bookstores.Kind = ActionKind.Background; bookstores.Team = "Ventes"; bookstores.Product = products["rapport"]; bookstores.Spent = 900m;
        Code(bookstores, "LOCALSCOPE10", TrackingKind.PromoCode);
        Link(bookstores, subscriptions);
        var redemptions = new Drip();
        Daily(bookstores, s, measuredDays, 1601, (d, r) => [("redemptions", redemptions.Next(r.Around(0.48, 0.5)))]);

        foreach (var (action, points) in _series.Where(x => plan.Actions.Contains(x.Action)))
        {
            var spend = points.Where(p => p.Metric == "spend").Sum(p => p.Value);
            if (spend > 0)
                action.Spent = spend;
        }
        return plan;
    }

    private Objective Objective(Plan plan, string statement, string? kpi, string? target, DateOnly? deadline, string? owner)
    {
        var objective = new Objective { Statement = statement, KpiKey = kpi, TargetText = target, Deadline = deadline, Owner = owner };
        if (kpi is not null && target is not null)
        {
            var parsed = ActionTargets.Parse(target, _kpis[kpi], null, plan.Culture);
            objective.Comparator = parsed.Comparator;
            objective.TargetValue = parsed.Value;
            objective.TargetUpper = parsed.UpperValue;
        }
        plan.Objectives.Add(objective);
        return objective;
    }

    private static void Link(PlanAction action, Objective objective) =>
        action.Objectives.Add(new ActionObjective { Action = action, Objective = objective });

    private static void Code(PlanAction action, string value, TrackingKind kind = TrackingKind.UtmCampaign) =>
        action.TrackingCodes.Add(new TrackingCode { Kind = kind, Value = value, Normalized = TrackingCodes.Normalize(value) });

    private void Daily(PlanAction action, DateOnly first, int days, ulong seed, Func<int, DemoRandom, (string, decimal)[]> day)
    {
        var points = Series(action);
        var random = new DemoRandom(seed);
        for (var d = 0; d < days; d++)
            foreach (var (metric, value) in day(d, random))
                points.Add((metric, first.AddDays(d), first.AddDays(d), value));
    }

    /// <summary>Whole counts from a fractional daily rate (2.3 leads a day) without rounding the rate away.</summary>
    private sealed class Drip
    {
        private decimal _carry;

        public decimal Next(decimal rate)
        {
            _carry += Math.Max(0, rate);
            var whole = Math.Floor(_carry);
            _carry -= whole;
            return whole;
        }
    }
}
