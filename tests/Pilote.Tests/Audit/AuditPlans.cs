using Pilote.Actions;
using Pilote.Audit;
using Pilote.Kpis;
using Pilote.Objectives;
using Pilote.Plans;
using Pilote.Targets;

namespace Pilote.Tests.Audit;

/// <summary>A complete plan in memory (nothing for the audit to say), which each test breaks in one place.</summary>
internal sealed class AuditPlans
{
    public static readonly DateOnly AsOf = new(2027, 2, 15);

    public static readonly Channel Sea = new() { Id = 1, Key = "sea", Name = "SEA" };
    public static readonly Channel Seo = new() { Id = 2, Key = "seo", Name = "SEO" };

    public static readonly KpiDefinition Cpl = new() { Id = 1, Key = "cpl", Name = "CPL", Expression = "spend / leads", Unit = KpiUnit.Currency, Direction = Direction.LowerIsBetter, DefaultKind = TargetKind.Rate };
    public static readonly KpiDefinition Trafic = new() { Id = 2, Key = "trafic", Name = "Trafic", Expression = "sessions", Unit = KpiUnit.Count, Direction = Direction.HigherIsBetter, DefaultKind = TargetKind.Cumulative };
    public static readonly KpiDefinition OpenRate = new() { Id = 3, Key = "taux_ouverture", Name = "Taux d'ouverture", Expression = "unique_opens / delivered", Unit = KpiUnit.Percent, Direction = Direction.HigherIsBetter, DefaultKind = TargetKind.Rate };

    public Plan Plan { get; }
    public Objective Leads { get; }
    public PlanAction Ads { get; }
    public PlanAction Articles { get; }
    public Dictionary<int, MeasuredSpan> Measured { get; } = [];
    public DateOnly? LastReview { get; set; } = AsOf.AddDays(-3);

    public AuditPlans()
    {
        Plan = new Plan { Id = 1, Name = "Lancement T1", Start = new DateOnly(2027, 1, 4), End = new DateOnly(2027, 3, 28), Budget = 20_000m };
        Leads = new Objective { Id = 1, PlanId = 1, Statement = "Générer 500 leads", KpiKey = "leads", TargetText = "500", Comparator = Comparator.AtLeast, TargetValue = 500, Deadline = Plan.End, Owner = "Salma" };
        Plan.Objectives.Add(Leads);
        Ads = Action(1, "Google Ads", Sea, 12_000m, 4_000m, (Cpl, "<40 €", 40m), "t1-sea");
        Articles = Action(2, "Articles SEO", Seo, 0m, 0m, (Trafic, "5 000", 5000m), "t1-seo");
        Articles.PlannedBudget = null;
        Measured[1] = new MeasuredSpan(AsOf.AddDays(-1), 120);
        Measured[2] = new MeasuredSpan(AsOf.AddDays(-2), 40);
    }

    public PlanAction Action(int id, string title, Channel channel, decimal budget, decimal spent, (KpiDefinition Kpi, string Text, decimal Value) kpi, string? code)
    {
        var action = new PlanAction
        {
            Id = id, PlanId = 1, Title = title, ChannelId = channel.Id, Channel = channel, Owner = "Salma", Start = Plan.Start, Due = Plan.End,
            Status = ActionStatus.Live, PlannedBudget = budget, Spent = spent,
        };
        action.Kpis.Add(new ActionKpi
        {
            Id = id * 10, ActionId = id, KpiId = kpi.Kpi.Id, Kpi = kpi.Kpi, TargetText = kpi.Text, Kind = kpi.Kpi.DefaultKind,
            Comparator = kpi.Kpi.Direction == Direction.LowerIsBetter ? Comparator.LessThan : Comparator.AtLeast, TargetValue = kpi.Value,
        });
        if (code is not null)
            action.TrackingCodes.Add(new TrackingCode { ActionId = id, Kind = TrackingKind.UtmCampaign, Value = code, Normalized = code.ToLowerInvariant() });
        action.Objectives.Add(new ActionObjective { ActionId = id, ObjectiveId = Leads.Id });
        Plan.Actions.Add(action);
        return action;
    }

    public AuditResult Run(bool french = true) => PlanAudit.Run(new AuditInput(
        Plan, AsOf, Measured,
        new Dictionary<int, IReadOnlySet<string>>
        {
            [Sea.Id] = new HashSet<string> { "cpc", "cpl", "taux_conversion" },
            [Seo.Id] = new HashSet<string> { "trafic", "position_moyenne" },
        },
        LastReview), french);

    /// <summary>The findings of one rule, as (subject type, subject id, severity).</summary>
    public List<(string Type, int Id, Severity Severity)> Fired(string rule) =>
        [.. Run().Findings.Where(f => f.Rule == rule).Select(f => (f.SubjectType, f.SubjectId, f.Severity))];
}
