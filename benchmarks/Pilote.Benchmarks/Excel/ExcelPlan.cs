using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Data;
using Pilote.Measurements;
using Pilote.Objectives;
using Pilote.Plans;
using Pilote.Reviews;

namespace Pilote.Benchmarks.Excel;

/// <summary>
/// A generated plan of N actions in an SQLite file, the shape of a real one: every action has a channel from the
/// catalog, an aim, an owner, dates, a status, a budget, one KPI with a target and two weeks of measurements, a
/// comment, a tracking code and a link to one of ten objectives; a review carries a few decisions.
/// </summary>
public static class ExcelPlan
{
    public const string Name = "Plan généré pour le banc d'essai";
    private static readonly DateOnly Start = new(2026, 1, 1);

    // The KPI each channel's actions are measured by, and the metrics it needs.
    private static readonly Dictionary<string, (string Kpi, string Target, string[] Metrics)> ByChannel = new()
    {
        ["seo"] = ("trafic", "20 000", ["sessions"]),
        ["sea"] = ("cpc", "<1,50 €", ["spend", "clicks"]),
        ["emailing"] = ("taux_ouverture", ">25%", ["unique_opens", "delivered"]),
        ["social"] = ("interactions", "5 000", ["interactions"]),
        ["content"] = ("telechargements", "1 000", ["downloads"]),
        ["influence"] = ("ugc", "200", ["ugc"]),
    };

    private static readonly string[] Owners = ["Camille", "Julien", "Sarah", "Thomas", "Inès", "Hugo", "Léa", "Karim"];

    public static async Task<int> SeedAsync(DatabaseTarget target, int count)
    {
        var clock = TimeProvider.System;
        int planId;
        await using (var db = target.Open())
        {
            var ws = await WorkspaceService.CreateAsync(db, clock, "Banc d'essai", "bench");
            var plan = await new PlanService(db, clock).CreateAsync(ws.Id, new PlanFields(Name, Template: "vierge",
                Start: "2026-01-01", End: "2026-12-31", Budget: "5000000", Description: $"{count} actions générées"));
            planId = plan.Id;
            for (var i = 0; i < 10; i++)
                db.Objectives.Add(new Objective { PlanId = plan.Id, Statement = $"Objectif {i + 1} : générer 5 000 leads qualifiés d'ici la fin du trimestre", Owner = Owners[i % Owners.Length], Deadline = Start.AddDays(90 * (i % 4 + 1)) });
            await db.SaveChangesAsync();
        }

        await using (var db = target.Open())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var plan = await db.Plans.SingleAsync(p => p.Id == planId);
            var objectives = await db.Objectives.Where(o => o.PlanId == planId).Select(o => o.Id).ToListAsync();
            var channels = await db.Channels.Where(c => c.WorkspaceId == plan.WorkspaceId && ByChannel.Keys.Contains(c.Key)).ToListAsync();
            var kpis = await db.KpiDefinitions.Where(k => k.WorkspaceId == plan.WorkspaceId).ToDictionaryAsync(k => k.Key);
            var statuses = Enum.GetValues<ActionStatus>();
            var now = clock.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync();
            var batch = new List<(PlanAction Action, string[] Metrics, int Index)>();
            for (var i = 0; i < count; i++)
            {
                var channel = channels[i % channels.Count];
                var (kpiKey, targetText, metrics) = ByChannel[channel.Key];
                var kpi = kpis[kpiKey];
                var start = Start.AddDays(i % 300);
                var action = new PlanAction
                {
                    PlanId = planId, Title = $"Action {i + 1} — {channel.Name} : campagne vague {i % 12 + 1}", ChannelId = channel.Id,
                    Aim = $"Atteindre {targetText} sur {kpi.Name} pour la gamme {i % 20 + 1}", Owner = Owners[i % Owners.Length],
                    Team = i % 3 == 0 ? "Acquisition" : "Marque", Start = start, Due = start.AddDays(28 + i % 60),
                    Status = statuses[i % statuses.Length], PlannedBudget = 500 + i % 97 * 25, Spent = i % 5 == 0 ? 0 : 100 + i % 89 * 10,
                    Kind = ActionKind.OneOff, Position = i, Tools = i % 4 == 0 ? "HubSpot" : null,
                };
                action.Objectives.Add(new ActionObjective { ObjectiveId = objectives[i % objectives.Count] });
                var actionKpi = new ActionKpi { KpiId = kpi.Id, Kind = kpi.DefaultKind };
                ActionTargets.Apply(actionKpi, targetText, ActionTargets.Parse(targetText, kpi, null, "fr-FR"), now, "bench");
                action.Kpis.Add(actionKpi);
                action.Comments.Add(new ActionComment { Author = "bench", At = now, Kind = CommentKind.Comment, Text = $"Brief validé, lancement semaine {i % 52 + 1}" });
                action.TrackingCodes.Add(new TrackingCode { Kind = TrackingKind.UtmCampaign, Value = $"bench-{i + 1}", Normalized = TrackingCodes.Normalize($"bench-{i + 1}") });
                db.Actions.Add(action);
                batch.Add((action, metrics, i));
                if (batch.Count == 2_000 || i == count - 1)
                {
                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync();
                    foreach (var (a, m, index) in batch)
                        for (var week = 0; week < 2; week++)
                            foreach (var metric in m)
                                db.Measurements.Add(new Measurement
                                {
                                    ActionId = a.Id, Metric = metric, PeriodStart = a.Start!.Value.AddDays(7 * week),
                                    PeriodEnd = a.Start!.Value.AddDays(7 * week + 6), Value = 100 + (index * 7 + week * 13) % 400,
                                    Source = "bench", RecordedAt = now,
                                });
                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                    batch.Clear();
                }
            }
            var review = new Review { PlanId = planId, WeekStart = new DateOnly(2026, 3, 2), CreatedAt = now, CreatedBy = "bench", Snapshot = "{}" };
            var first = await db.Actions.Where(a => a.PlanId == planId).OrderBy(a => a.Id).Select(a => a.Id).Take(40).ToListAsync();
            foreach (var (id, k) in first.Select((id, k) => (id, k)))
                review.Decisions.Add(new ReviewDecision
                {
                    ActionId = id, Recommended = k % 3 == 0 ? "stop" : "amplify", Verdict = (DecisionVerdict)(k % 3),
                    Chosen = k % 3 == 1 ? "maintain" : k % 3 == 0 ? "stop" : null, Reason = $"Arbitrage de la revue, cas {k}",
                    DecidedBy = "bench", DecidedAt = now,
                });
            db.Reviews.Add(review);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        return planId;
    }

    public static string DbPath(string folder, int count) =>
        Path.Combine(folder, $"excel-plan-{count.ToString(CultureInfo.InvariantCulture)}.db");
}
