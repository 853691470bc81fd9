using Pilote.Targets;
using Spectre.Console;

namespace Pilote.App.Cli;

internal static class Tables
{
    public static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in headers)
            table.AddColumn(new TableColumn(Markup.Escape(h)));
        return table;
    }

    public static string Esc(string? text) => Markup.Escape(text ?? "—");

    public static string Status(KpiStatus status, bool french) => status switch
    {
        KpiStatus.Met => $"[green]{status.Label(french)}[/]",
        KpiStatus.OnTrack => $"[green]{status.Label(french)}[/]",
        KpiStatus.AtRisk => $"[yellow]{status.Label(french)}[/]",
        KpiStatus.OffTrack => $"[red]{status.Label(french)}[/]",
        _ => $"[grey]{status.Label(french)}[/]",
    };
}
