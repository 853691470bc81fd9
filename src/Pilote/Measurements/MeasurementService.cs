using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;

namespace Pilote.Measurements;

/// <summary>A measurement typed by a person, with what an import would have said of it (a day outside the action's period).</summary>
public sealed record RecordedMeasurement(Measurement Measurement, IReadOnlyList<(string French, string English)> Warnings);

/// <summary>Records a measurement typed by a person (imports have their own path, in bulk).</summary>
public sealed class MeasurementService(PiloteDb db, TimeProvider clock)
{
    public async Task<RecordedMeasurement> AddAsync(int actionId, string metric, string date, string? endDate, string value, CancellationToken ct = default)
    {
        var action = await db.Actions.Include(a => a.Plan).Include(a => a.Kpis).FirstOrDefaultAsync(a => a.Id == actionId, ct)
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
        // Stored all the same (a late correction is the user's call), but said as an import says it: a day outside the
        // action's period counts in no KPI, and the dashboard would stay as it was with nothing to tell why.
        var row = new MeasurementRow(actionId, definition.Key, start, end, amount);
        return new RecordedMeasurement(measurement, [.. MeasuredPeriod.Outside([row], [action])]);
    }
}
