using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Pilote.Data;

namespace Pilote.Measurements;

/// <summary>
/// Keeps <see cref="MeasurementTotal"/> and each action's spent amount in step with the measurements, inside the
/// caller's transaction. Bulk paths (an import, an undo) call it around their SQL; measurements saved through EF
/// (<c>measures add</c>, <c>assign</c>, the demo) go through <see cref="PiloteDb"/>'s SaveChanges, which calls it.
/// </summary>
public static class MeasurementTotals
{
    /// <summary>The metric whose imported values make up an action's spent amount (cost, amount spent).</summary>
    public const string Spend = "spend";

    internal const string Upsert = """
        INSERT INTO measurement_totals ("ActionId", "Metric", "PeriodStart", "PeriodEnd", "Micros", "Points")
        {0}
        ON CONFLICT ("ActionId", "Metric", "PeriodStart", "PeriodEnd") DO UPDATE
        SET "Micros" = measurement_totals."Micros" + excluded."Micros", "Points" = measurement_totals."Points" + excluded."Points"
        """;

    internal const string UpsertMonth = """
        INSERT INTO measurement_months ("ActionId", "Month", "Metric", "Micros", "Points")
        {0}
        ON CONFLICT ("ActionId", "Month", "Metric") DO UPDATE
        SET "Micros" = measurement_months."Micros" + excluded."Micros", "Points" = measurement_months."Points" + excluded."Points"
        """;

    /// <summary>
    /// Adds (sign 1, after writing) or takes away (sign -1, before deleting) a batch's measurements, in one statement.
    /// On SQLite a decimal is text: it goes through a double on its way to millionths, exact below a billion.
    /// </summary>
    public static async Task ApplyBatchAsync(PiloteDb db, int batchId, int sign, CancellationToken ct)
    {
        var micros = db.Database.IsNpgsql()
            ? "ROUND(m.\"Value\" * 1000000)::bigint"
            : "CAST(ROUND(CAST(m.\"Value\" AS REAL) * 1000000) AS INTEGER)";
        var select = $"""
            SELECT m."ActionId", m."Metric", m."PeriodStart", m."PeriodEnd", {sign} * SUM({micros}), {sign} * COUNT(*)
            FROM measurements m WHERE m."BatchId" = {batchId} AND m."PeriodStart" <> m."PeriodEnd"
            GROUP BY m."ActionId", m."PeriodStart", m."PeriodEnd", m."Metric"
            """;
        var month = db.Database.IsNpgsql() ? "date_trunc('month', m.\"PeriodStart\")::date" : "substr(m.\"PeriodStart\", 1, 8) || '01'";
        var selectMonths = $"""
            SELECT m."ActionId", {month}, m."Metric", {sign} * SUM({micros}), {sign} * COUNT(*)
            FROM measurements m WHERE m."BatchId" = {batchId} AND m."PeriodStart" = m."PeriodEnd"
            GROUP BY m."ActionId", {month}, m."Metric"
            """;
#pragma warning disable EF1002 // the SQL holds two integers of ours, no input
        await db.Database.ExecuteSqlRawAsync(string.Format(Upsert, select), ct);
        await db.Database.ExecuteSqlRawAsync(string.Format(UpsertMonth, selectMonths), ct);
        if (sign < 0)
        {
            var actions = $"SELECT \"ActionId\" FROM measurements WHERE \"BatchId\" = {batchId}";
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM measurement_totals WHERE \"Points\" <= 0 AND \"ActionId\" IN ({actions})", ct);
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM measurement_months WHERE \"Points\" <= 0 AND \"ActionId\" IN ({actions})", ct);
        }
#pragma warning restore EF1002
        var spend = await db.Measurements.AsNoTracking().Where(m => m.BatchId == batchId && m.Metric == Spend)
            .Select(m => new { m.ActionId, m.Value }).ToListAsync(ct);
        await AdjustSpentAsync(db, spend.GroupBy(s => s.ActionId).ToDictionary(g => g.Key, g => sign * g.Sum(s => s.Value)), ct);
    }

    /// <summary>
    /// Adds a new batch's rows to the totals from memory, as <see cref="ApplyBatchAsync"/> would from the table but without
    /// reading back what was just written: each period row is one point of its (action, metric, period), since a batch
    /// holds one sum per key; the one-day rows are summed per month; imported spend moves the actions' spent amounts.
    /// </summary>
    public static async Task AddBatchAsync(PiloteDb db, IReadOnlyList<MeasurementRow> rows, CancellationToken ct)
    {
        var months = new Dictionary<(int Action, DateOnly Month, string Metric), (long Micros, int Points)>();
        var periods = new List<MeasurementRow>();
        var spend = new Dictionary<int, decimal>();
        foreach (var r in rows)
        {
            if (r.Start == r.End)
            {
                ref var month = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(
                    months, (r.ActionId, MeasurementMonth.Of(r.Start), r.Metric), out _);
                month = (month.Micros + MeasurementTotal.ToMicros(r.Value), month.Points + 1);
            }
            else
                periods.Add(r);
            if (r.Metric == Spend)
                spend[r.ActionId] = spend.GetValueOrDefault(r.ActionId) + r.Value;
        }
        await BulkWriter.AddTotalsAsync(db, periods, ct);
        await BulkWriter.AddMonthsAsync(db, [.. months.Select(m => (m.Key.Action, m.Key.Month, m.Key.Metric, m.Value.Micros, m.Value.Points))], ct);
        await AdjustSpentAsync(db, spend, ct);
    }

    /// <summary>Moves actions' spent amounts by what imports brought or took away (never below zero); the version moves too.</summary>
    public static async Task AdjustSpentAsync(PiloteDb db, IReadOnlyDictionary<int, decimal> deltas, CancellationToken ct)
    {
        var ids = deltas.Where(d => d.Value != 0).Select(d => d.Key).ToList();
        if (ids.Count == 0)
            return;
        foreach (var action in await db.Actions.Where(a => ids.Contains(a.Id)).ToListAsync(ct))
            action.Spent = Math.Max(0, action.Spent + deltas[action.Id]);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>One change to a total, from a measurement EF is about to add (+) or delete (-).</summary>
    public readonly record struct Delta(int ActionId, string Metric, DateOnly Start, DateOnly End, long Micros, int Points);

    /// <summary>
    /// Before EF saves: the totals' changes the tracked measurements make, and the spent amount of their actions moved
    /// (imported spend only: a measurement with a batch). Null when no measurement is added or deleted.
    /// </summary>
    public static List<Delta>? BeforeSave(PiloteDb db)
    {
        List<Delta>? deltas = null;
        HashSet<int>? gone = null;
        foreach (var entry in db.ChangeTracker.Entries<Measurement>())
        {
            var sign = entry.State switch { EntityState.Added => 1, EntityState.Deleted => -1, _ => 0 };
            if (sign == 0)
                continue;
            var m = entry.Entity;
            // A measurement deleted with its action (EF cascading a tracked graph): the action's totals go with it in the
            // database; taking the value off them afterwards would recreate a total for an action that no longer exists.
            gone ??= db.ChangeTracker.Entries<Actions.PlanAction>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();
            if (sign < 0 && gone.Contains(m.ActionId))
                continue;
            (deltas ??= []).Add(new Delta(m.ActionId, m.Metric, m.PeriodStart, m.PeriodEnd, sign * MeasurementTotal.ToMicros(m.Value), sign));
            if (m.BatchId is not null && m.Metric == Spend && Action(db, m.ActionId) is { } action)
                action.Spent = Math.Max(0, action.Spent + (sign * m.Value));
        }
        return deltas;
    }

    // The action tracked or loaded, so that its new spent amount is saved with the measurement.
    private static Actions.PlanAction? Action(PiloteDb db, int id) =>
        db.ChangeTracker.Entries<Actions.PlanAction>().FirstOrDefault(e => e.Entity.Id == id)?.Entity ?? db.Actions.Find(id);

    /// <summary>After EF saved: the totals moved, row by row (small sets: typed values, assignments, the demo).</summary>
    public static void Apply(PiloteDb db, List<Delta> deltas)
    {
        foreach (var (sql, args) in Statements(deltas))
            db.Database.ExecuteSqlRaw(sql, args);
    }

    public static async Task ApplyAsync(PiloteDb db, List<Delta> deltas, CancellationToken ct)
    {
        foreach (var (sql, args) in Statements(deltas))
            await db.Database.ExecuteSqlRawAsync(sql, args, ct);
    }

    private static IEnumerable<(string Sql, object[] Args)> Statements(List<Delta> deltas)
    {
        foreach (var d in Merge(deltas))
        {
            if (d.Start != d.End)
            {
                yield return (string.Format(Upsert, "VALUES ({0}, {1}, {2}, {3}, {4}, {5})"), [d.ActionId, d.Metric, d.Start, d.End, d.Micros, d.Points]);
                if (d.Points < 0)
                    yield return ("DELETE FROM measurement_totals WHERE \"ActionId\" = {0} AND \"Metric\" = {1} AND \"PeriodStart\" = {2} "
                        + "AND \"PeriodEnd\" = {3} AND \"Points\" <= 0", [d.ActionId, d.Metric, d.Start, d.End]);
                continue;
            }
            var month = MeasurementMonth.Of(d.Start);
            yield return (string.Format(UpsertMonth, "VALUES ({0}, {1}, {2}, {3}, {4})"), [d.ActionId, month, d.Metric, d.Micros, d.Points]);
            if (d.Points < 0)
                yield return ("DELETE FROM measurement_months WHERE \"ActionId\" = {0} AND \"Month\" = {1} AND \"Metric\" = {2} AND \"Points\" <= 0",
                    [d.ActionId, month, d.Metric]);
        }
    }

    private static IEnumerable<Delta> Merge(List<Delta> deltas) =>
        deltas.GroupBy(d => (d.ActionId, d.Metric, d.Start, d.End))
            .Select(g => new Delta(g.Key.ActionId, g.Key.Metric, g.Key.Start, g.Key.End, g.Sum(d => d.Micros), g.Sum(d => d.Points)))
            .Where(d => d.Points != 0 || d.Micros != 0);
}
