using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;

namespace Pilote.Measurements;

/// <summary>Records a measurement typed by a person (imports have their own path, in bulk).</summary>
public sealed class MeasurementService(PiloteDb db, TimeProvider clock)
{
    public async Task<Measurement> AddAsync(int actionId, string metric, string date, string? endDate, string value, CancellationToken ct = default)
    {
        var action = await db.Actions.Include(a => a.Plan).FirstOrDefaultAsync(a => a.Id == actionId, ct)
            ?? throw new NotFoundException($"action #{actionId} not found") { French = $"action n°{actionId} introuvable" };
        var definition = await CatalogLookup.MetricAsync(db, action.Plan!.WorkspaceId, metric, ct: ct);
        var start = Inputs.ParseDate(date, "--date");
        var end = endDate is null ? start : Inputs.ParseDate(endDate, "--end");
        if (end < start)
            throw new PiloteInputException($"--end : {end:dd/MM/yyyy} précède --date {start:dd/MM/yyyy}", $"--end: {end:yyyy-MM-dd} is before --date {start:yyyy-MM-dd}");
        var amount = Inputs.ParseAmount(value, "--value");
        var measurement = new Measurement
        {
            ActionId = actionId,
            Metric = definition.Key,
            PeriodStart = start,
            PeriodEnd = end,
            Value = amount,
            Source = "manual",
            RecordedAt = clock.GetUtcNow(),
        };
        db.Measurements.Add(measurement);
        await db.SaveChangesAsync(ct);
        return measurement;
    }
}
