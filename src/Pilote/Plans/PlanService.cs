using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;

namespace Pilote.Plans;

public sealed record PlanFields(
    string Name,
    string? Template = null,
    string? Start = null,
    string? End = null,
    string? Budget = null,
    string? Currency = null,
    string? Description = null,
    string? Culture = null);

/// <summary>What may change on a plan; null leaves a field as it is.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PlanEdit(
    string? Name = null,
    string? Start = null,
    string? End = null,
    string? Budget = null,
    string? Currency = null,
    string? Description = null,
    string? Culture = null);

public sealed class PlanService(PiloteDb db, TimeProvider clock)
{
    /// <summary>Edits a plan's header. With an expected version, a stale edit is refused rather than overwriting another one.</summary>
    public async Task<Plan> UpdateAsync(int planId, PlanEdit c, int? expectedVersion = null, CancellationToken ct = default)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException($"plan #{planId} not found") { French = $"plan n°{planId} introuvable" };
        Versions.Expect(db, plan, expectedVersion, $"plan #{plan.Id} '{plan.Name}'", $"le plan n°{plan.Id} « {plan.Name} »");
        if (c.Name is not null)
            plan.Name = string.IsNullOrWhiteSpace(c.Name) ? throw new PiloteInputException("--name : un plan a besoin d'un nom", "--name: a plan needs a name") : c.Name.Trim();
        if (c.Start is not null)
            plan.Start = Inputs.ParseDate(c.Start, "--start");
        if (c.End is not null)
            plan.End = Inputs.ParseDate(c.End, "--end");
        if (plan.End < plan.Start)
            throw new PiloteInputException($"--end : {plan.End:dd/MM/yyyy} précède --start {plan.Start:dd/MM/yyyy}", $"--end: {plan.End:yyyy-MM-dd} is before --start {plan.Start:yyyy-MM-dd}");
        if (c.Budget is not null)
            plan.Budget = Inputs.ParseOptionalAmount(c.Budget, "--budget");
        if (c.Currency is not null)
            plan.Currency = ParseCurrency(c.Currency);
        if (c.Description is not null)
            plan.Description = string.IsNullOrWhiteSpace(c.Description) ? null : c.Description.Trim();
        if (c.Culture is not null)
            plan.Culture = ParseCulture(c.Culture);
        await SaveAsync(planId, ct);
        return plan;
    }

    /// <summary>Deletes a plan with its objectives, actions, measurements and reviews (import records stay, unlinked).</summary>
    public async Task DeleteAsync(int planId, int? expectedVersion = null, CancellationToken ct = default)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException($"plan #{planId} not found") { French = $"plan n°{planId} introuvable" };
        Versions.Expect(db, plan, expectedVersion, $"plan #{plan.Id} '{plan.Name}'", $"le plan n°{plan.Id} « {plan.Name} »");
        db.Plans.Remove(plan);
        await SaveAsync(planId, ct);
    }

    private async Task SaveAsync(int planId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Version).FirstOrDefaultAsync(ct);
            throw Versions.ChangedMeanwhile($"plan #{planId}", $"le plan n°{planId}", current);
        }
    }

    private static string ParseCurrency(string? text)
    {
        var currency = (text ?? "EUR").Trim().ToUpperInvariant();
        if (!Inputs.IsCurrencyCode(currency))
            throw new PiloteInputException($"--currency : « {text} » n'est pas un code de devise ISO (EUR, USD, GBP…)", $"--currency: '{text}' is not an ISO currency code (EUR, USD, GBP…)");
        return currency;
    }

    /// <summary>
    /// A new plan's row as <see cref="CreateAsync"/> stores it, its fields checked and defaulted, not stored: an import
    /// inserts it with its actions (<see cref="EntityRows"/>).
    /// </summary>
    public Plan Draft(int workspaceId, PlanFields f)
    {
        if (string.IsNullOrWhiteSpace(f.Name))
            throw new PiloteInputException("--name : un plan a besoin d'un nom", "--name: a plan needs a name");
        var template = ParseTemplate(f.Template);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var quarterStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        var start = Inputs.ParseOptionalDate(f.Start, "--start") ?? quarterStart;
        var end = Inputs.ParseOptionalDate(f.End, "--end") ?? start.AddMonths(3).AddDays(-1);
        if (end < start)
            throw new PiloteInputException($"--end : {end:dd/MM/yyyy} précède --start {start:dd/MM/yyyy}", $"--end: {end:yyyy-MM-dd} is before --start {start:yyyy-MM-dd}");
        var currency = ParseCurrency(f.Currency);
        return new Plan
        {
            WorkspaceId = workspaceId,
            Name = f.Name.Trim(),
            Description = f.Description,
            Start = start,
            End = end,
            Budget = Inputs.ParseOptionalAmount(f.Budget, "--budget"),
            Currency = currency,
            Culture = ParseCulture(f.Culture),
            Template = template,
            CreatedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>
    /// Creates a plan. The numérique template starts with the seven digital levers, each with its channel's KPIs
    /// and no target yet, ready to fill. Without dates, the plan runs over the current quarter.
    /// </summary>
    public async Task<Plan> CreateAsync(int workspaceId, PlanFields f, CancellationToken ct = default)
    {
        var plan = Draft(workspaceId, f);
        if (plan.Template == PlanTemplate.Numerique)
        {
            var channels = await db.Channels.Include(c => c.Kpis).ThenInclude(k => k.Kpi)
                .Where(c => c.WorkspaceId == workspaceId && CatalogSeed.DigitalLevers.Contains(c.Key))
                .ToListAsync(ct);
            var position = 0;
            foreach (var key in CatalogSeed.DigitalLevers)
            {
                var channel = channels.Single(c => c.Key == key);
                var action = new PlanAction
                {
                    Title = channel.Name, ChannelId = channel.Id, Aim = channel.Aim, Position = position++,
                    Kind = ActionKind.Recurring, Periodicity = Periodicity.Monthly, Status = ActionStatus.Planned,
                };
                foreach (var ck in channel.Kpis.OrderBy(k => k.Position))
                    action.Kpis.Add(new ActionKpi { KpiId = ck.KpiId, Kind = ck.Kpi!.DefaultKind });
                plan.Actions.Add(action);
            }
        }
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return plan;
    }

    /// <summary>The culture amounts and dates of the plan are written in (fr-FR by default).</summary>
    public static string ParseCulture(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "fr-FR";
        try
        {
            var culture = System.Globalization.CultureInfo.GetCultureInfo(text.Trim(), predefinedOnly: true);
            if (culture.IsNeutralCulture || string.IsNullOrEmpty(culture.Name))
                throw new System.Globalization.CultureNotFoundException();
            return culture.Name;
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            throw new PiloteInputException($"--culture : « {text} » n'est pas une culture (exemples : fr-FR, fr-BE, en-GB, en-US)", $"--culture: '{text}' is not a culture (examples: fr-FR, fr-BE, en-GB, en-US)");
        }
    }

    public static PlanTemplate ParseTemplate(string? text) => ActionWords.Fold(text ?? "kpi-driven") switch
    {
        "kpidriven" or "kpi" => PlanTemplate.KpiDriven,
        "numerique" or "digital" => PlanTemplate.Numerique,
        "vierge" or "blank" or "empty" => PlanTemplate.Vierge,
        _ => throw new PiloteInputException($"--template : « {text} » n'est pas un modèle (utilisez kpi-driven, numerique ou vierge)", $"--template: '{text}' is not a template (use kpi-driven, numerique or vierge)"),
    };
}
