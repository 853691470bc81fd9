using System.Data;
using System.Globalization;
using Pilote.Actions;
using Pilote.Office.Common;
using Pilote.Plans;
using Sylvan.Data.Csv;

namespace Pilote.Office.Plans;

/// <summary>
/// The action table as CSV: one row per action with its stable id and version, semicolon-separated with a BOM and
/// the plan's number format, so French Excel opens it in columns with its accents; dates are ISO.
/// </summary>
public static class PlanCsv
{
    public static readonly string[] Headers =
    [
        "id", "version", "action", "canal", "canal_id", "objectif", "kpi", "cible", "reel", "atteinte", "debut", "fin",
        "responsable", "statut", "statut_id", "budget", "depense", "commentaires",
    ];

    public static void Write(PlanReport report, Stream output)
    {
        var c = Pilote.Common.Formats.Culture(report.Plan.Culture);
        var table = new DataTable();
        foreach (var h in Headers)
            table.Columns.Add(h, typeof(string));
        foreach (var a in report.Actions)
        {
            var action = a.Action;
            var kpi = a.Kpis.FirstOrDefault();
            table.Rows.Add(
                action.Id.ToString(CultureInfo.InvariantCulture), action.Version.ToString(CultureInfo.InvariantCulture),
                CellText.Defuse(action.Title), CellText.Defuse(action.Channel?.Name), action.Channel?.Key ?? "",
                CellText.Defuse(action.Aim), CellText.Defuse(kpi?.Name), CellText.Defuse(kpi?.Target?.Text),
                Number(kpi?.Actual, c), Number(kpi?.Attainment, c),
                action.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                action.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                CellText.Defuse(action.Owner), action.Status.Label(), action.Status.Id(),
                Number(action.PlannedBudget, c), Number(action.Spent, c),
                CellText.Defuse(string.Join(" | ", action.Comments.OrderBy(x => x.At).Select(x => x.Text))));
        }
        using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(true), leaveOpen: true);
        using var csv = CsvDataWriter.Create(writer, new CsvDataWriterOptions { Delimiter = ';' });
        csv.Write(table.CreateDataReader());
    }

    private static string Number(decimal? value, CultureInfo c) =>
        value is { } v ? Math.Round(v, 4).ToString("0.####", c) : "";
}
