using BenchmarkDotNet.Attributes;
using Pilote.Actions;
using Pilote.Kpis;
using Pilote.Office.Plans;
using Pilote.Plans;

namespace Pilote.Benchmarks.Excel;

/// <summary>A 50-action plan written as each workbook once warm (goal: under 10 ms), into memory.</summary>
[MemoryDiagnoser]
public class SmallPlanExport
{
    private PlanReport _report = null!;
    private readonly DateTimeOffset _now = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        var plan = new Plan { Id = 1, Name = "Plan de 50 actions", Start = new DateOnly(2026, 1, 1), End = new DateOnly(2026, 12, 31), Budget = 50_000m };
        var channels = new[] { "SEO", "SEA", "Emailing", "Réseaux sociaux", "Content marketing" }
            .Select((n, i) => new Channel { Id = i + 1, Key = n.ToLowerInvariant(), Name = n }).ToList();
        var kpi = new KpiDefinition { Id = 1, Key = "leads", Name = "Leads", Expression = "leads", Unit = KpiUnit.Count, Direction = Direction.HigherIsBetter };
        for (var i = 0; i < 50; i++)
        {
            var action = new PlanAction
            {
                Id = i + 1, Title = $"Action {i + 1} — campagne vague {i % 6 + 1}", Channel = channels[i % channels.Count], ChannelId = i % channels.Count + 1,
                Aim = "Générer 5 000 leads qualifiés d'ici la fin du trimestre", Owner = "Camille", Start = plan.Start.AddDays(i), Due = plan.Start.AddDays(i + 45),
                Status = (ActionStatus)(i % 7), PlannedBudget = 1_000 + i * 10, Spent = 400 + i, Position = i, Version = 1,
            };
            action.Kpis.Add(new ActionKpi { Id = i + 1, KpiId = 1, Kpi = kpi, TargetText = "1 000", Comparator = Targets.Comparator.AtLeast, TargetValue = 1000, Version = 1 });
            action.Comments.Add(new ActionComment { Id = i + 1, Author = "bench", At = _now, Text = "Brief validé" });
            plan.Actions.Add(action);
        }
        var specs = new Dictionary<string, MetricSpec> { ["leads"] = new("leads", Aggregation.Sum) };
        _report = PlanReportBuilder.Build(plan, specs, _ => [new MetricPoint("leads", plan.Start, plan.Start.AddDays(6), 120)], new DateOnly(2026, 6, 30));
    }

    [Benchmark]
    public long KpiDriven()
    {
        using var memory = new MemoryStream();
        KpiDrivenWorkbook.Write(_report, ["SEO", "SEA", "Emailing", "Réseaux sociaux", "Content marketing"], memory, true, _now, []);
        return memory.Length;
    }

    [Benchmark]
    public long Complet()
    {
        using var memory = new MemoryStream();
        CompletWorkbook.Write(_report, [], [], memory, _now);
        return memory.Length;
    }
}
