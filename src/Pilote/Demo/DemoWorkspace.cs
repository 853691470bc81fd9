using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Measurements;
using Pilote.Plans;
using Pilote.Strategy;

namespace Pilote.Demo;

/// <summary>
/// The demo workspace: LocalScope's launch plan with 13 weeks of measurements, the source's mini-case, and the
/// NutriBoost counter-example. Deterministic: the same numbers for the same day. The LocalScope plan is placed so
/// that today sits in its 14th week, so a newcomer sees a plan in flight.
/// </summary>
public sealed partial class DemoWorkspace(PiloteDb db, TimeProvider clock)
{
    public const string Slug = "demo";
    public const string LocalScopeName = "LocalScope — lancement";
    public const string MiniCaseName = "Plan KPI-driven — exemple";
    public const string NutriBoostName = "NutriBoost — Vitalité Boost";
    public const int MeasuredWeeks = 13;

    private Dictionary<string, Channel> _channels = [];
    private Dictionary<string, KpiDefinition> _kpis = [];
    private readonly List<(PlanAction Action, List<(string Metric, DateOnly Start, DateOnly End, decimal Value)> Points)> _series = [];

    /// <summary>The first day of the LocalScope plan for a given today: the Monday 13 weeks before this week's.</summary>
    public static DateOnly LocalScopeStart(DateOnly today) => Monday(today).AddDays(-7 * MeasuredWeeks);

    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Loads the demo workspace. An existing one is kept, or replaced when <paramref name="replace"/> is set.</summary>
    public async Task<Workspace> LoadAsync(bool replace, CancellationToken ct = default)
    {
        var existing = await db.Workspaces.FirstOrDefaultAsync(w => w.Slug == Slug, ct);
        if (existing is not null && !replace)
            return existing;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (existing is not null)
            await DeleteAsync(existing.Id, ct);
        var workspace = await WorkspaceService.CreateAsync(db, clock, "Démo — LocalScope & NutriBoost", Slug, ct);
        _channels = await db.Channels.Where(c => c.WorkspaceId == workspace.Id).ToDictionaryAsync(c => c.Key, ct);
        _kpis = await db.KpiDefinitions.Where(k => k.WorkspaceId == workspace.Id).ToDictionaryAsync(k => k.Key, ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

        var products = AddStrategy(workspace.Id);
        await db.SaveChangesAsync(ct);
        var localScope = BuildLocalScope(workspace.Id, LocalScopeStart(today), products);
        var miniCase = BuildMiniCase(workspace.Id, today);
        var nutriBoost = BuildNutriBoost(workspace.Id, today);
        db.Plans.AddRange(localScope, miniCase, nutriBoost);
        await db.SaveChangesAsync(ct);

        var recordedAt = clock.GetUtcNow();
        foreach (var (action, points) in _series)
            db.Measurements.AddRange(points.Select(p => new Measurement
            {
                ActionId = action.Id, Metric = p.Metric, PeriodStart = p.Start, PeriodEnd = p.End,
                Value = p.Value, Source = "demo", RecordedAt = recordedAt,
            }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return workspace;
    }

    private async Task DeleteAsync(int workspaceId, CancellationToken ct)
    {
        var planIds = db.Plans.Where(p => p.WorkspaceId == workspaceId).Select(p => p.Id);
        var actionIds = db.Actions.Where(a => planIds.Contains(a.PlanId)).Select(a => a.Id);
        await db.Measurements.Where(m => actionIds.Contains(m.ActionId)).ExecuteDeleteAsync(ct);
        await db.ImportBatches.Where(b => b.WorkspaceId == workspaceId).ExecuteDeleteAsync(ct);
        await db.Reviews.Where(r => planIds.Contains(r.PlanId)).ExecuteDeleteAsync(ct);
        await db.Actions.Where(a => planIds.Contains(a.PlanId)).ExecuteDeleteAsync(ct);
        await db.Plans.Where(p => p.WorkspaceId == workspaceId).ExecuteDeleteAsync(ct);
        await db.Workspaces.Where(w => w.Id == workspaceId).ExecuteDeleteAsync(ct);
    }

    private Dictionary<string, Product> AddStrategy(int workspaceId)
    {
        var products = new Dictionary<string, Product>
        {
            ["rapport"] = new() { WorkspaceId = workspaceId, Name = "Rapport thématique pays (PDF)", Description = "« Les habitudes alimentaires au Maroc post-Covid », « Rapport culture digitale en Égypte »", PriceMin = 800, PriceMax = 2500, PriceUnit = "par rapport" },
            ["flow"] = new() { WorkspaceId = workspaceId, Name = "Abonnement « Insights Flow »", Description = "Flux d'infos bimensuel et briefs express (Slack, email, app)", PriceMin = 300, PriceMax = 500, PriceUnit = "par mois" },
            ["saas"] = new() { WorkspaceId = workspaceId, Name = "Accès à la plateforme (SaaS)", Description = "Dashboards d'insights évolutifs et codebook culturel", PriceMin = 5000, PriceMax = 25000, PriceUnit = "par an" },
            ["custom"] = new() { WorkspaceId = workspaceId, Name = "Étude sur demande", Description = "Étude spécifique ou rapport commandité", PriceMin = 10000, PriceUnit = "par étude" },
        };
        db.Products.AddRange(products.Values);
        db.Personas.AddRange(
            new Persona { WorkspaceId = workspaceId, Name = "Cabinets de conseil stratégique", Usage = "Projets d'expansion, transformation culturelle, RH, marketing" },
            new Persona { WorkspaceId = workspaceId, Name = "Institutions & bailleurs", Usage = "Appels à projets, diagnostics territoriaux" },
            new Persona { WorkspaceId = workspaceId, Name = "Agences de design & branding", Usage = "Adapter les campagnes : codes visuels, messages, produits" },
            new Persona { WorkspaceId = workspaceId, Name = "Marques internationales", Usage = "Localiser les produits, packs, storytelling" },
            new Persona { WorkspaceId = workspaceId, Name = "ONG & think tanks", Usage = "Affiner leur connaissance des contextes" });
        return products;
    }

    private PlanAction Action(Plan plan, string title, string channel, ActionStatus status, string aim, string? owner,
        DateOnly? start, DateOnly? due, decimal? budget, params (string Kpi, string Target)[] kpis)
    {
        var action = new PlanAction
        {
            Title = title, ChannelId = _channels[channel].Id, Status = status, Aim = aim, Owner = owner,
            Start = start, Due = due, PlannedBudget = budget, Position = plan.Actions.Count,
        };
        foreach (var (key, text) in kpis)
        {
            var kpi = _kpis[key];
            var actionKpi = new ActionKpi { KpiId = kpi.Id, Kpi = kpi, Kind = kpi.DefaultKind };
            ActionTargets.Apply(actionKpi, text, ActionTargets.Parse(text, kpi, null, plan.Culture), plan.CreatedAt, owner);
            action.Kpis.Add(actionKpi);
        }
        plan.Actions.Add(action);
        return action;
    }

    private List<(string Metric, DateOnly Start, DateOnly End, decimal Value)> Series(PlanAction action)
    {
        var points = new List<(string, DateOnly, DateOnly, decimal)>();
        _series.Add((action, points));
        return points;
    }

    private static void Comment(PlanAction action, string author, DateTimeOffset at, string text, CommentKind kind = CommentKind.Comment) =>
        action.Comments.Add(new ActionComment { Author = author, At = at, Text = text, Kind = kind });

    private static DateTimeOffset At(DateOnly day, int hour = 9) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
}
