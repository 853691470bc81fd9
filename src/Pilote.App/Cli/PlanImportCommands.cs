using System.CommandLine;
using Pilote.App.Plans;
using Pilote.Common;
using Pilote.Plans;

namespace Pilote.App.Cli;

/// <summary><c>pilote plan import</c>: an edited complete export back into its plan, shown as a diff first.</summary>
internal static class PlanImportCommands
{
    public static Command Import(CliHost host)
    {
        var file = Opt.Arg("FILE", "an edited 'plan export --format complet' workbook, or any plan spreadsheet (.xlsx, .csv)");
        var dryRun = Opt.Flag("--dry-run", "show what would change and change nothing");
        var name = Opt.Text("--name", "name of the new plan (other spreadsheets; default: the sheet's title)");
        var workspace = Opt.Text("--workspace", "workspace of the new plan (default: your default workspace)");
        var channel = Opt.Text("--channel", "channel for actions whose channel is not recognised (default: Content marketing)");
        var json = Opt.Json();
        var cmd = new Command("import",
            "bring an edited complete export back into its plan (rows added, changed, removed), or create a plan from another spreadsheet")
            .With(file, dryRun, name, workspace, channel, json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            var path = parse.GetValue(file)!;
            await using var db = await cli.OpenAsync(ct);
            var apply = !parse.GetValue(dryRun);
            if (!PlanImports.IsCompleteExport(path))
            {
                var (sheet, result) = await PlanImports.CreateAsync(db, host.Clock, path,
                    async c => (await WorkspaceService.ResolveAsync(db, host.Clock, parse.GetValue(workspace), c)).Id, parse.GetValue(name),
                    parse.GetValue(channel), host.Author, !apply, ct, cli.French, listAll: parse.GetValue(json));
                if (parse.GetValue(json))
                    cli.WriteJson(new
                    {
                        Plan = apply ? result.Plan.Id : (int?)null, result.Plan.Name, DryRun = !apply, sheet.File, sheet.Sheet,
                        Columns = sheet.Columns.Select(c => new { c.Column, c.Header, c.Role, Ignored = c.IgnoredBecause }),
                        Actions = result.Actions.Select(a => new
                        {
                            a.Row, Id = apply ? a.Id : (int?)null, a.Title, a.Channel, a.ChannelGuessed,
                        }),
                        Count = result.Count,
                        IgnoredRows = sheet.Ignored.Select(r => new { r.Row, Reason = r.Text }),
                        Notes = sheet.Notes.Concat(result.Notes).OrderBy(n => n.Row).Select(n => new { n.Row, Note = n.Text }),
                    });
                else
                    PrintIntake(cli, sheet, result, apply);
                return PiloteCli.Ok;
            }
            var diff = await PlanImports.UpdateAsync(db, host.Clock, path, apply, host.Author, ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(new
                {
                    Plan = diff.PlanId, diff.PlanName, diff.Applied, DryRun = !apply,
                    Added = diff.Count(RowChangeKind.Added), Changed = diff.Count(RowChangeKind.Changed), Removed = diff.Count(RowChangeKind.Removed),
                    Changes = diff.Changes.Select(c => new
                    {
                        Kind = c.Kind.ToString().ToLowerInvariant(), c.Entity, c.Id, c.Label, c.Sheet, c.Row,
                        Fields = c.Fields.Select(f => new { f.Field, f.Old, f.New }),
                    }),
                });
                return PiloteCli.Ok;
            }
            Print(cli, diff, apply);
            return PiloteCli.Ok;
        });
        return cmd;
    }

    private static void PrintIntake(CliContext cli, ForeignPlan sheet, IntakeResult result, bool apply)
    {
        var o = cli.Host.Out;
        o.WriteLine(apply
            ? cli.T($"Plan #{result.Plan.Id} « {result.Plan.Name} » créé depuis {sheet.File} (feuille {sheet.Sheet}) : {cli.Actions(result.Count)}",
                $"Plan #{result.Plan.Id} '{result.Plan.Name}' created from {sheet.File} (sheet {sheet.Sheet}): {cli.Actions(result.Count)}")
            : cli.T($"--dry-run : le plan « {result.Plan.Name} » aurait {cli.Actions(result.Count)} (rien n'a été enregistré)",
                $"--dry-run: plan '{result.Plan.Name}' would have {cli.Actions(result.Count)} (nothing stored)"));
        o.WriteLine(cli.T("Colonnes :", "Columns:"));
        foreach (var c in sheet.Columns)
            o.WriteLine(c.Role is { } role
                ? cli.T($"  {c.Column} « {c.Header} » → {role}", $"  {c.Column} '{c.Header}' → {role}")
                : cli.T($"  {c.Column} « {c.Header} » ignorée : {c.IgnoredBecause}", $"  {c.Column} '{c.Header}' ignored: {c.IgnoredBecause}"));
        o.WriteLine(cli.T("Actions :", "Actions:"));
        foreach (var a in result.Actions)
            o.WriteLine(cli.T($"  ligne {a.Row} : {a.Title} [{a.Channel}{(a.ChannelGuessed ? " (déduit)" : "")}]",
                $"  row {a.Row}: {a.Title} [{a.Channel}{(a.ChannelGuessed ? " (guessed)" : "")}]"));
        if (result.Count > result.Actions.Count)
            o.WriteLine(cli.T($"  … et {result.Count - result.Actions.Count} autres (--json les liste toutes)",
                $"  … and {result.Count - result.Actions.Count} more (--json lists them all)"));
        if (sheet.Ignored.Count > 0)
        {
            o.WriteLine(cli.T("Lignes ignorées :", "Rows ignored:"));
            foreach (var r in sheet.Ignored)
                o.WriteLine(cli.T($"  ligne {r.Row} : {r.Text}", $"  row {r.Row}: {r.Text}"));
        }
        var notes = sheet.Notes.Concat(result.Notes).OrderBy(n => n.Row).ToList();
        if (notes.Count > 0)
        {
            o.WriteLine(cli.T("Notes :", "Notes:"));
            foreach (var n in notes)
                o.WriteLine(cli.T($"  ligne {n.Row} : {n.Text}", $"  row {n.Row}: {n.Text}"));
        }
    }

    private static void Print(CliContext cli, PlanDiff diff, bool apply)
    {
        var o = cli.Host.Out;
        o.WriteLine(cli.T($"Plan #{diff.PlanId} « {diff.PlanName} » : ", $"Plan #{diff.PlanId} '{diff.PlanName}': ") + diff.Summary(cli.French));
        foreach (var c in diff.Changes)
        {
            var sign = c.Kind switch { RowChangeKind.Added => "+", RowChangeKind.Removed => "-", _ => "~" };
            var where = c.Sheet is null ? "" : PlanDiffText.Where(c, cli.French) + ", ";
            var fields = string.Join("; ", PlanDiffText.Fields(c, cli.French));
            o.WriteLine($"  {sign} {where}{PlanDiffText.Subject(c, cli.French)}{(fields.Length > 0 ? " — " + fields : "")}");
        }
        if (diff.Changes.Count == 0)
            o.WriteLine(cli.T("Rien à importer : le classeur est identique au plan.", "Nothing to import: the workbook matches the plan."));
        else if (!apply)
            o.WriteLine(cli.T("--dry-run : rien n'a été modifié.", "--dry-run: nothing was changed."));
        else
            o.WriteLine(cli.T("Appliqué en une seule transaction.", "Applied in one transaction."));
    }
}
